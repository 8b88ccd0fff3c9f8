# Mistake: builds a throw-away array with as_strided and lets np.reshape decide, which the
# exercise forbids.
def merged_strides(shape, strides, k):
    from numpy.lib.stride_tricks import as_strided

    x = as_strided(np.zeros(1), shape=shape, strides=strides)
    merged = tuple(shape[:k]) + (shape[k] * shape[k + 1],) + tuple(shape[k + 2 :])
    view = np.reshape(x, merged, copy=False)
    return view.shape, view.strides
