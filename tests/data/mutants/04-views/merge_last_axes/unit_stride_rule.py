# Mistake: checks only that the last axis is packed, then lets reshape copy if it must
def merge_last_axes(x):
    if x.strides[-1] != x.itemsize:
        raise ValueError("the last axis is not contiguous")
    return x.reshape(x.shape[:-2] + (x.shape[-2] * x.shape[-1],))
