# Mistake: refuses every non-contiguous array, though some merge without copying
def merge_last_axes(x):
    if not x.flags.c_contiguous:
        raise ValueError("x is not C-contiguous")
    return x.reshape(x.shape[:-2] + (x.shape[-2] * x.shape[-1],))
