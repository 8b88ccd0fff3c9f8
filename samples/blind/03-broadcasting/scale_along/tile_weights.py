# Mistake: Copies the weights out to arr's full shape with np.tile before multiplying, believing the extra array costs nothing since the values are right.
# Wrong on: peak_memory(scale_along, np.ones((1000, 100)), np.ones(1000), 0)[1] <= 1.1 * 800_000 + 64_000 -> gives False, correct is True
import numpy as np


def scale_along(arr, weights, axis):
    axis = axis % arr.ndim
    shape = [1] * arr.ndim
    shape[axis] = -1
    reps = list(arr.shape)
    reps[axis] = 1
    full = np.tile(weights.reshape(shape), reps)
    return arr * full
