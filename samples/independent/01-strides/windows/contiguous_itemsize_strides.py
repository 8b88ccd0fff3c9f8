# Mistake: I took the stride between neighbours as x.itemsize, assuming x is contiguous, instead of reading x.strides.
# Wrong on: windows(np.arange(10)[::2], 2)  -> gives [[0, 1], [1, 2], [2, 3], [3, 4]], correct is [[0, 2], [2, 4], [4, 6], [6, 8]]
def windows(x, width):
    if width < 1 or width > len(x):
        raise ValueError(f"width must be between 1 and {len(x)}")
    step = x.itemsize
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(step, step), writeable=False)
