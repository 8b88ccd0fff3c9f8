# Mistake: writes a raw file with np.memmap: no .npy header, so np.load cannot read it.
def save_and_map(path, arr):
    out = np.memmap(path, dtype=arr.dtype, mode="w+", shape=arr.shape)
    out[...] = arr
    out.flush()
    del out
    return np.memmap(path, dtype=arr.dtype, mode="r", shape=arr.shape)
