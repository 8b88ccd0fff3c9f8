# Mistake: I used the classic overflow-safe a + (b - a) // 2, not seeing that b - a itself wraps in an unsigned dtype when b < a.
# Wrong on: midpoint(np.array([4], dtype=np.uint8), np.array([2], dtype=np.uint8))  -> gives [131], correct is [3]
def midpoint(a, b):
    return a + (b - a) // 2
