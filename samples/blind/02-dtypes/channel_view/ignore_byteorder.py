# Mistake: Assumes channel c is always byte c of the pixel, ignoring that in a big-endian pixel R is the last byte.
# Wrong on: channel_view(np.array([0x11223344], dtype=">u4"), 0) -> gives array([17], dtype=uint8), correct is array([68], dtype=uint8)
import numpy as np


def channel_view(pixels, channel):
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [channel], "itemsize": 4})
    return pixels.view(one)["c"]
