# Mistake: believes reset_peak() zeroes the counter, so returns the traced peak itself rather than the peak minus what was already allocated when the call started.
# Wrong on: tracemalloc.start(); keep = np.ones(1_000_000); peak_bytes(np.ones, 1000)[1] -> gives about 8_008_000, correct is about 8_000
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    peak_so_far = tracemalloc.get_traced_memory()[1]
    for i in range(len(stack)):
        stack[i] = max(stack[i], peak_so_far)
    tracemalloc.reset_peak()
    stack.append(0)
    try:
        result = func(*args, **kwargs)
    finally:
        entry = stack.pop()
        peak = max(entry, tracemalloc.get_traced_memory()[1])
        if started:
            tracemalloc.stop()
    return result, peak
