# Mistake: I thought every array is laid out either in C or in F order, so I rebuilt the strides from the shape and item size using the contiguity flags.
# Wrong on: byte_offset(np.arange(12, dtype=np.int16).reshape(3, 4)[:, ::2], (1, 1))  -> gives 6, correct is 12
def byte_offset(arr, index):
    if len(index) != arr.ndim:
        raise IndexError("need one index per axis")
    order = "F" if arr.flags.f_contiguous and not arr.flags.c_contiguous else "C"
    axes = list(range(arr.ndim))
    if order == "C":
        axes.reverse()
    strides = [0] * arr.ndim
    step = arr.itemsize
    for ax in axes:
        strides[ax] = step
        step *= arr.shape[ax]
    total = 0
    for i, n, s in zip(index, arr.shape, strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} out of range for length {n}")
        total += (i % n) * s
    return total
