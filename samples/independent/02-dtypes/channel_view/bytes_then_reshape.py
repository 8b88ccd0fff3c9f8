# Mistake: I reinterpreted the pixels as bytes with pixels.view(np.uint8) and picked every fourth byte, thinking any array can be viewed as its bytes; that fails when the last axis is not contiguous.
# Wrong on: channel_view(np.arange(6, dtype=np.uint32).reshape(2, 3).T, 0)  -> raises ValueError, correct is a uint8 view [[0, 3], [1, 4], [2, 5]]
def channel_view(pixels, channel):
    order = pixels.dtype.byteorder
    little = order == "<" or (order in "=|" and sys.byteorder == "little")
    k = channel if little else 3 - channel
    as_bytes = pixels.view(np.uint8).reshape(pixels.shape + (4,))
    return as_bytes[..., k]
