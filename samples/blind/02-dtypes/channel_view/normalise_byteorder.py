# Mistake: Converts big-endian pixels to little-endian with astype("<u4") first to have one case only, which copies, so the result is no longer a view.
# Wrong on: (lambda p: np.shares_memory(channel_view(p, 0), p))(np.array([0x11223344], dtype=">u4")) -> gives False, correct is True
import numpy as np


def channel_view(pixels, channel):
    if pixels.dtype.byteorder == ">":
        pixels = pixels.astype("<u4")
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return pixels.view(one)["c"]
