# Mistake: I thought going through a Python list is the surest way to cut every link to x, and np.array gives back the same array.
# Wrong on: detached_slice(np.arange(10, dtype=np.int8), 2, 5)  -> gives [2, 3, 4] of dtype int64 (8 bytes per element), correct is [2, 3, 4] of dtype int8
def detached_slice(x, start, stop):
    return np.array(x[start:stop].tolist())
