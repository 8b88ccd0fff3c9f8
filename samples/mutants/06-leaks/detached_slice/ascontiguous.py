# Mistake: np.ascontiguousarray copies only when the slice is not contiguous already;
# a contiguous slice comes back as a view of x.
def detached_slice(x, start, stop):
    return np.ascontiguousarray(x[start:stop])
