# Mistake: stacks slices into a new array: right values, but a copy of every window.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    return np.array([x[k : k + width] for k in range(len(x) - width + 1)])
