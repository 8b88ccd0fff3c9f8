# Mistake: I took the smaller value plus half the gap, believing the gap between two values of a dtype always fits in that dtype; for signed dtypes it can be twice the maximum.
# Wrong on: midpoint(np.array([-128], dtype=np.int8), np.array([127], dtype=np.int8))  -> gives [127], correct is [-1]
def midpoint(a, b):
    lo = np.minimum(a, b)
    hi = np.maximum(a, b)
    return lo + (hi - lo) // 2
