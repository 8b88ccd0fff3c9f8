# Mistake: collects every chunk and concatenates them: right numbers, all the data in memory.
def stream_stats(chunks):
    everything = np.concatenate([np.asarray(c, dtype=np.float64) for c in chunks])
    if everything.size == 0:
        raise ValueError("no values")
    return int(everything.size), float(everything.mean()), float(everything.std())
