# Mistake: I thought channel c is always byte c of the pixel in memory (R first), ignoring that a big-endian pixel stores its highest byte (A) first.
# Wrong on: channel_view(np.array([0x11223344], dtype=">u4"), 0)  -> gives [0x11], correct is [0x44]
def channel_view(pixels, channel):
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return pixels.view(one)["c"]
