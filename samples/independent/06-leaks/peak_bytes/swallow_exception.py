# Mistake: I thought a meter should always hand back a measurement, so when func raises I return (None, peak) instead of letting the error escape.
# Wrong on: peak_bytes(int, "not a number")  -> gives (None, <peak>), correct is the ValueError raised by int("not a number")
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        current, peak_so_far = tracemalloc.get_traced_memory()
        for i in range(len(stack)):
            stack[i] = max(stack[i], peak_so_far)
        tracemalloc.reset_peak()
        stack.append(current)
        try:
            result = func(*args, **kwargs)
        except Exception:
            result = None
        finally:
            mine = stack.pop()
        peak = max(mine, tracemalloc.get_traced_memory()[1]) - current
    finally:
        if started:
            tracemalloc.stop()
    return result, peak
