# Mistake: I thought that in a Fortran-ordered array the rows are stored as columns, so the row reductions must go along axis 0 there.
# Wrong on: rescale_rows(np.asfortranarray([[1.0, 2.0, 3.0], [10.0, 0.0, 5.0]]))  -> gives [[0., 1., 0.], [1., 0., 1.]], correct is [[0., 0.5, 1.], [1., 0., 0.5]]
def rescale_rows(x):
    axis = 0 if (x.flags.f_contiguous and not x.flags.c_contiguous) else 1
    low = x.min(axis=axis, keepdims=True)
    span = x.max(axis=axis, keepdims=True)
    span -= low
    x -= low
    x /= span
    return x
