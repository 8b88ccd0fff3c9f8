# Mistake: believes the clean-up after the call always runs, so stops tracing and pops its nesting entry in straight-line code instead of a finally: block; when func raises, tracing stays on.
# Wrong on: peak_bytes(lambda: 1 // 0) (exception caught by the caller), then tracemalloc.is_tracing() -> gives True, correct is False
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    current, peak = tracemalloc.get_traced_memory()
    for i in range(len(stack)):
        stack[i] = max(stack[i], peak)
    tracemalloc.reset_peak()
    stack.append(current)
    start = current
    result = func(*args, **kwargs)
    entry = stack.pop()
    peak = max(entry, tracemalloc.get_traced_memory()[1])
    if started:
        tracemalloc.stop()
    return result, peak - start
