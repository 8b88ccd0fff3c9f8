# Mistake: NumPy lets me write arr[1] on a 2-D array, so I only rejected too many entries and treated missing trailing entries as 0.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4), (1,))  -> gives 8, correct is raising IndexError
def byte_offset(arr, index):
    if len(index) > arr.ndim:
        raise IndexError("too many indices")
    index = tuple(index) + (0,) * (arr.ndim - len(index))
    total = 0
    for i, n, s in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for length {n}")
        total += (i % n) * s
    return total
