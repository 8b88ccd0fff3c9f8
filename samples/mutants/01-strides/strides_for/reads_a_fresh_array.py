# Mistake: reads the strides of a fresh array instead of computing them.
def strides_for(shape, itemsize, order="C"):
    if order not in ("C", "F"):
        raise ValueError(order)
    return np.empty(shape, dtype=f"V{itemsize}", order=order).strides
