# Mistake: I thought x[start:stop] is the same as taking the rows range(start, stop), and fancy indexing always copies, so np.take is a detached slice.
# Wrong on: detached_slice(np.arange(10.0), 2, -2)  -> gives an empty array (range(2, -2) is empty), correct is [2., 3., 4., 5., 6., 7.]
def detached_slice(x, start, stop):
    return np.take(x, np.arange(start, stop), axis=0)
