# Mistake: believes the buffer protocol cannot carry a non-native byte order, so first converts x to native order with astype(copy=False); for a big-endian x that is a copy, and the "view" no longer shares x's memory.
# Wrong on: x = np.arange(3.0).astype(">f8"); np.shares_memory(frozen_view(x), x) -> gives False, correct is True
import numpy as np


def frozen_view(x):
    native = x.astype(x.dtype.newbyteorder("="), copy=False)
    return np.asarray(memoryview(native).toreadonly())
