# Mistake: I thought reset_peak() sets the peak back to zero, so the peak it reports afterwards is already "above what was there when the call started".
# Wrong on: big = np.ones(1_000_000) held while tracing is on, then peak_bytes(np.ones, 1000)  -> gives 8_008_480, correct is 8_400 (only what the call allocated)
import tracemalloc


def peak_bytes(func, *args, **kwargs):
    stack = peak_bytes.__dict__.setdefault("open_peaks", [])
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        peak_so_far = tracemalloc.get_traced_memory()[1]
        for i in range(len(stack)):
            stack[i] = max(stack[i], peak_so_far)
        tracemalloc.reset_peak()        # "now the peak counts from zero"
        stack.append(0)
        try:
            result = func(*args, **kwargs)
        finally:
            mine = stack.pop()
        peak = max(mine, tracemalloc.get_traced_memory()[1])
    finally:
        if started:
            tracemalloc.stop()
    return result, peak
