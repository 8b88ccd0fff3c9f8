# Mistake: I assumed arr's first element is at the lowest address of its memory, so I measured from byte_bounds()[0] instead of from arr[0, ..., 0].
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4)[::-1], (1, 0))  -> gives 8, correct is -8
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("need one index per axis")
    where = []
    for i, n in zip(index, arr.shape):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for length {n}")
        where.append(slice(i % n, i % n + 1))
    element = arr[tuple(where)]
    return element.__array_interface__["data"][0] - byte_bounds(arr)[0]
