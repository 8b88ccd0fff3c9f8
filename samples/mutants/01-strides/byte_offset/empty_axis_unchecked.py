# Mistake: skips the bounds check on an axis of length 0 (and takes its index as 0).
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("wrong number of indices")
    offset = 0
    for i, n, stride in zip(index, arr.shape, arr.strides):
        if n == 0:
            continue
        if not -n <= i < n:
            raise IndexError("out of bounds")
        offset += (i % n) * stride
    return offset
