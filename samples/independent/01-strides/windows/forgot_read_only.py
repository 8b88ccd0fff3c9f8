# Mistake: I thought a view made by as_strided is read-only by itself, so I left writeable at its default.
# Wrong on: windows(np.arange(5), 3).flags.writeable  -> gives True, correct is False
def windows(x, width):
    if width < 1 or width > len(x):
        raise ValueError(f"width must be between 1 and {len(x)}")
    s = x.strides[0]
    return as_strided(x, shape=(len(x) - width + 1, width), strides=(s, s))
