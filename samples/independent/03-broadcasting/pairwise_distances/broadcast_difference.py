# Mistake: I thought broadcasting never copies, so a[:, None, :] - b[None, :, :] costs nothing, and wrote the distances the direct way.
# Wrong on: pairwise_distances(rng.random((300, 40)), rng.random((300, 40)))  -> peak about 58 MB (the (n, m, d) difference and its square), the budget is 3 * 720 KB + 192 KB
def pairwise_distances(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt((diff * diff).sum(axis=-1))
