# Mistake: I only guarded against windows longer than x; sliding_window_view happily makes width-0 windows so I thought width 0 was fine.
# Wrong on: windows(np.arange(5), 0)  -> gives an empty (6, 0) view, correct is raising ValueError
def windows(x, width):
    if width > len(x):
        raise ValueError(f"width {width} is longer than x ({len(x)})")
    return sliding_window_view(x, width)
