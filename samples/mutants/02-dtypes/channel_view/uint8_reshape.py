# Mistake: a uint8 view needs a contiguous last axis, and ignores the byte order.
def channel_view(pixels, channel):
    return pixels.view(np.uint8).reshape(pixels.shape + (4,))[..., channel]
