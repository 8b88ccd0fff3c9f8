# Mistake: Makes the pixels contiguous first so that .view(np.uint8) works, not noticing that this copies a transposed or stepped input.
# Wrong on: (lambda p: np.shares_memory(channel_view(p.T, 0), p))(np.arange(6, dtype=np.uint32).reshape(2, 3)) -> gives False, correct is True
import sys

import numpy as np


def channel_view(pixels, channel):
    order = pixels.dtype.byteorder
    little = order == "<" or (order in "=|" and sys.byteorder == "little")
    k = channel if little else 3 - channel
    flat = np.ascontiguousarray(pixels)
    return flat.view(np.uint8).reshape(pixels.shape + (4,))[..., k]
