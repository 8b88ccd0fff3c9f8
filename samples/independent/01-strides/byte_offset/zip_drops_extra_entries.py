# Mistake: I looped over zip(index, shape, strides) and trusted it to notice a wrong number of entries, but zip silently stops at the shorter one.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4), (1, 2, 0))  -> gives 12, correct is raising IndexError
def byte_offset(arr, index):
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for length {n}")
        total += (i % n) * s
    return total
