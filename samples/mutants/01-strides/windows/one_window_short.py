# Mistake: len(x) - width windows: the last window is missing.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    return sliding_window_view(x, width)[:-1]
