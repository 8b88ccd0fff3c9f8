# Mistake: I treated the offset as a distance in bytes and took abs() of each stride, so a reversed view still counts forwards.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4)[::-1], (1, 0))  -> gives 8, correct is -8
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("need one index per axis")
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for length {n}")
        total += (i % n) * abs(s)
    return total
