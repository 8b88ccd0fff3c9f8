# Mistake: takes byte `channel` of each pixel, which is right only for little-endian storage.
def channel_view(pixels, channel):
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return pixels.view(one)["c"]
