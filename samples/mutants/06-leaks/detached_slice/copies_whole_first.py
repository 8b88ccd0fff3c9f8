# Mistake: copies all of x, then slices the copy: x can go, but the result pins a
# full-size copy of it.
def detached_slice(x, start, stop):
    return np.array(x)[start:stop]
