# Mistake: believes x.ravel() is always a view, so builds the read-only memoryview from x.ravel() and reshapes; for a non-contiguous x ravel copies and the result no longer shares x's memory.
# Wrong on: x = np.arange(6.0).reshape(2, 3).T; np.shares_memory(frozen_view(x), x) -> gives False, correct is True
import numpy as np


def frozen_view(x):
    flat = np.asarray(memoryview(x.ravel()).toreadonly())
    return flat.reshape(x.shape)
