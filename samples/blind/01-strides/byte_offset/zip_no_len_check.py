# Mistake: Loops over zip(index, shape, strides) without comparing len(index) with arr.ndim, so extra index entries are silently dropped.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4), (1, 2, 0)) -> gives 12, correct is IndexError raised
def byte_offset(arr, index):
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if i < -n or i >= n:
            raise IndexError(f"index {i} out of range for axis of length {n}")
        if i < 0:
            i += n
        total += i * s
    return total
