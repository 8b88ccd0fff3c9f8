# Mistake: zip() stops at the shorter sequence, so an index with too many or too few entries is accepted.
def byte_offset(arr, index):
    offset = 0
    for i, n, stride in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for an axis of length {n}")
        offset += (i % n) * stride
    return offset
