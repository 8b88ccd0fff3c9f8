# Mistake: I thought np.std of everything is the only way to be as accurate as np.std, so I join the chunks first (np.concatenate even raises ValueError for me when there are none).
# Wrong on: stream_stats(np.ones(100_000) for _ in range(50)), its tracemalloc peak  -> gives 80 MB (every chunk kept and joined), correct is about 2.4 MB (a few chunks)
def stream_stats(chunks):
    x = np.concatenate(list(chunks))
    if x.size == 0:
        raise ValueError("no values")
    return int(x.size), float(np.mean(x)), float(np.std(x))
