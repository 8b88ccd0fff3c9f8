# Mistake: copies section 2's demonstration, reading the answer from data pointers.
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("wrong number of indices")
    arr[index]  # raises IndexError when out of bounds
    target = arr[tuple(slice(i % n, i % n + 1) for i, n in zip(index, arr.shape))]
    return target.ctypes.data - arr.ctypes.data
