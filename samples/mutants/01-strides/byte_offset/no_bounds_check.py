# Mistake: never raises IndexError; an index past the end gives a bogus offset.
def byte_offset(arr, index):
    offset = 0
    for i, n, stride in zip(index, arr.shape, arr.strides):
        offset += (i % n if i < 0 else i) * stride
    return offset
