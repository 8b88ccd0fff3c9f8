# Mistake: calls sliding_window_view, the function the exercise asks to rebuild.
def windows(x, width):
    if not 1 <= width <= len(x):
        raise ValueError("bad width")
    return sliding_window_view(x, width)
