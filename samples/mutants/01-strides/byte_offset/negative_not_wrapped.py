# Mistake: a negative index is used as is instead of counting from the end.
def byte_offset(arr, index):
    offset = 0
    for i, n, stride in zip(index, arr.shape, arr.strides):
        if i >= n:
            raise IndexError(f"index {i} out of bounds")
        offset += i * stride
    return offset
