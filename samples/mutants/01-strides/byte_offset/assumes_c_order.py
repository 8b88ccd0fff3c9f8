# Mistake: assumes a C-contiguous array and uses the shape instead of the strides.
def byte_offset(arr, index):
    return int(np.ravel_multi_index(index, arr.shape, mode="raise")) * arr.itemsize
