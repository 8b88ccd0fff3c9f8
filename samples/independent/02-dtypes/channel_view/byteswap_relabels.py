# Mistake: I thought byteswap(inplace=True) turns big-endian pixels into little-endian ones with the same values; it swaps the bytes but keeps the dtype, so the caller's pixel values change.
# Wrong on: channel_view(np.array([0x11223344], dtype=">u4"), 0)  -> gives [0x44] but pixels becomes [0x44332211], correct leaves pixels as [0x11223344]
def channel_view(pixels, channel):
    if pixels.dtype.byteorder == ">":
        pixels.byteswap(inplace=True)
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return pixels.view(one)["c"]
