# Mistake: rescales chunks of an eighth of the rows with ordinary arithmetic, as if chunking by rows always kept temporaries small; with one or two long rows a chunk is the whole array.
def rescale_rows(x):
    low = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True) - low
    step = max(1, len(x) // 8)
    for start in range(0, len(x), step):
        rows = slice(start, start + step)
        x[rows] = (x[rows] - low[rows]) / span[rows]
    return x
