# Mistake: puts b's rows first, giving the (m, n) transpose of the answer.
def pairwise_distances(a, b):
    diff = b[:, np.newaxis, :] - a[np.newaxis, :, :]
    return np.sqrt((diff**2).sum(axis=-1))
