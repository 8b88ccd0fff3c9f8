# Mistake: special-cases empty input with a new array, so the "view" owns its data.
def channel_view(pixels, channel):
    if pixels.size == 0:
        return np.zeros(pixels.shape, dtype=np.uint8)
    order = pixels.dtype.byteorder
    little = order == "<" or (order in "=|" and sys.byteorder == "little")
    offset = channel if little else 3 - channel
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [offset], "itemsize": 4})
    return pixels.view(one)["c"]
