# Mistake: I thought float64 holds any integer exactly, so I averaged in float64 and floored; above 2**53 the floats round.
# Wrong on: midpoint(np.array([2**53 + 1], dtype=np.int64), np.array([2**53 + 2], dtype=np.int64))  -> gives [9007199254740992], correct is [9007199254740993]
def midpoint(a, b):
    mean = (a.astype(np.float64) + b.astype(np.float64)) / 2
    return np.floor(mean).astype(a.dtype)
