# Mistake: I pop my entry off the stack of open peaks after the call returns, thinking bookkeeping only matters when the call succeeds.
# Wrong on: peak_bytes(job) where job() allocates and frees np.ones(1_000_000), then calls peak_bytes(int, "x") inside try/except ValueError  -> gives a job peak of 804 bytes (job pops the failed call's entry instead of its own), correct is 8_000_336
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
        result = func(*args, **kwargs)
        mine = stack.pop()
        peak = max(mine, tracemalloc.get_traced_memory()[1]) - current
    finally:
        if started:
            tracemalloc.stop()
    return result, peak
