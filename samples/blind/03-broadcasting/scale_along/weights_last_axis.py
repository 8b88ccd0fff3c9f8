# Mistake: Moves the axis to the end, multiplies, and moves it back, but normalises a negative axis wrongly (axis + ndim - 1), so negative axes pick the neighbouring axis.
# Wrong on: scale_along(np.ones((2, 3)), np.array([1.0, 2.0]), -2) -> gives ValueError raised, correct is array([[1., 1., 1.], [2., 2., 2.]])
import numpy as np


def scale_along(arr, weights, axis):
    if axis < 0:
        axis = axis + arr.ndim - 1
    moved = np.moveaxis(arr, axis, -1)
    return np.moveaxis(moved * weights, -1, axis)
