# Mistake: I thought int64 is wide enough for any sum, so I added in int64 and cast back, which overflows for 64-bit inputs (and wraps uint64 values above 2**63).
# Wrong on: midpoint(np.array([2**63 - 1], dtype=np.int64), np.array([2**63 - 1], dtype=np.int64))  -> gives [-1], correct is [9223372036854775807]
def midpoint(a, b):
    total = a.astype(np.int64) + b.astype(np.int64)
    return (total // 2).astype(a.dtype)
