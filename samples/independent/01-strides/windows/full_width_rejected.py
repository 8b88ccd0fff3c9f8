# Mistake: I thought a window as long as the whole array is not a sliding window any more, so I rejected width == len(x).
# Wrong on: windows(np.arange(5), 5)  -> raises ValueError, correct is the (1, 5) view [[0, 1, 2, 3, 4]]
def windows(x, width):
    if width < 1 or width >= len(x):
        raise ValueError(f"width must be between 1 and {len(x) - 1}")
    return sliding_window_view(x, width)
