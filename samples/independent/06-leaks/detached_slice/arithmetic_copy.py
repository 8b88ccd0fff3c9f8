# Mistake: I thought any arithmetic such as x[start:stop] + 0 makes a fresh array identical to the slice, so it is as good as copy().
# Wrong on: detached_slice(np.array([True, False, True]), 0, 2)  -> gives [1, 0] of dtype int64, correct is [True, False] of dtype bool
def detached_slice(x, start, stop):
    return x[start:stop] + 0
