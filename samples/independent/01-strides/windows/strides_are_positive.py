# Mistake: I thought strides are sizes and always positive, so I used abs(x.strides[0]); for a reversed x the windows run the wrong way.
# Wrong on: windows(np.arange(10)[4::-1], 2)  -> gives [[4, 5], [5, 6], [6, 7], [7, 8]], correct is [[4, 3], [3, 2], [2, 1], [1, 0]]
def windows(x, width):
    if width < 1 or width > len(x):
        raise ValueError(f"width must be between 1 and {len(x)}")
    s = abs(x.strides[0])
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(s, s), writeable=False)
