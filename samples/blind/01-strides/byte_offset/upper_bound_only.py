# Mistake: Only checks the upper bound i >= n and lets i % n wrap any negative index, so an index below -n is accepted.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4), (-4, 0)) -> gives 16, correct is IndexError raised
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("need one index per axis")
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if i >= n:
            raise IndexError(f"index {i} out of range for axis of length {n}")
        total += (i % n) * s
    return total
