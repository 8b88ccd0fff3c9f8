# Mistake: Believes np.einsum avoids the big temporary, but still builds the (n, m, d) difference array a[:, None] - b first and only saves the squares.
# Wrong on: peak_memory(pairwise_distances, np.ones((300, 8)), np.zeros((200, 8)))[1] <= 3 * 480_000 + 32_000 + 2_000 -> gives False, correct is True
import numpy as np


def pairwise_distances(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
