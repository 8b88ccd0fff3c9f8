# Mistake: I first put the pixels in little-endian order with astype("<u4", copy=False), thinking that only relabels them; for big-endian input it makes a copy, so the result is not a view of pixels.
# Wrong on: channel_view(np.array([0x11223344], dtype=">u4"), 0)  -> gives [0x44] but writing to it leaves pixels unchanged, correct is a view whose writes change pixels
def channel_view(pixels, channel):
    little = pixels.astype("<u4", copy=False)
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return little.view(one)["c"]
