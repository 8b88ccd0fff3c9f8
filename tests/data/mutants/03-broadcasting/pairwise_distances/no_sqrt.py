# Mistake: returns squared distances.
def pairwise_distances(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return (diff**2).sum(axis=-1)
