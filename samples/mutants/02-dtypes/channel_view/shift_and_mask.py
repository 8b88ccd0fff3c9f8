# Mistake: right values, but shifting and masking compute a new array: not a view.
def channel_view(pixels, channel):
    return ((pixels >> (8 * channel)) & 0xFF).astype(np.uint8)
