# Mistake: Believes an offset is a distance and so always positive, using abs() of each stride, which breaks reversed views.
# Wrong on: byte_offset(np.arange(4, dtype=np.int16)[::-1], (1,)) -> gives 2, correct is -2
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("wrong number of indices")
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for axis of length {n}")
        total += (i % n) * abs(s)
    return total
