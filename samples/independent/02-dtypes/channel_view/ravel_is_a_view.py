# Mistake: I flattened the pixels with ravel() before viewing them and reshaped back, believing ravel always returns a view; for transposed or stepped pixels it copies.
# Wrong on: channel_view(np.arange(6, dtype=np.uint32).reshape(2, 3).T, 0)  -> gives the right values, but a copy: writing to it leaves pixels unchanged
def channel_view(pixels, channel):
    order = pixels.dtype.byteorder
    little = order == "<" or (order in "=|" and sys.byteorder == "little")
    k = channel if little else 3 - channel
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [k], "itemsize": 4})
    return pixels.ravel().view(one)["c"].reshape(pixels.shape)
