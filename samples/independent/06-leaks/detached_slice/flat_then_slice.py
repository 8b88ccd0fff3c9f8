# Mistake: I generalised from the 1-D example: I flatten x first so that one slice works whatever its number of dimensions, then copy.
# Wrong on: detached_slice(np.arange(12.0).reshape(4, 3), 1, 3)  -> gives [1., 2.] (items 1:3 of the flattened x), correct is the rows [[3., 4., 5.], [6., 7., 8.]]
def detached_slice(x, start, stop):
    return x.reshape(-1)[start:stop].copy()
