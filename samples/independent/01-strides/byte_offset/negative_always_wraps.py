# Mistake: I thought a negative index just wraps around with %, so only indices past the end are errors.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4), (-4, 0))  -> gives 16, correct is raising IndexError
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("need one index per axis")
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if i >= n:
            raise IndexError(f"index {i} out of range for length {n}")
        total += (i % n) * s
    return total
