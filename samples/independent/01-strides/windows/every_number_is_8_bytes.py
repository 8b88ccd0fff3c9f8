# Mistake: I hard-coded 8 bytes per element, as if every NumPy number were a 64-bit int or float.
# Wrong on: windows(np.arange(10, dtype=np.int32)[:5], 2)  -> gives [[0, 2], [2, 4], [4, 6], [6, 8]], correct is [[0, 1], [1, 2], [2, 3], [3, 4]]
def windows(x, width):
    if width < 1 or width > len(x):
        raise ValueError(f"width must be between 1 and {len(x)}")
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(8, 8), writeable=False)
