# Mistake: I used Python ints, which never overflow, but looped over a.flat and built a new 1-D array, assuming the inputs are 1-D.
# Wrong on: midpoint(np.array([[1, 2], [3, 4]], dtype=np.int16), np.array([[5, 6], [7, 8]], dtype=np.int16))  -> gives shape (4,) [3, 4, 5, 6], correct is shape (2, 2) [[3, 4], [5, 6]]
def midpoint(a, b):
    return np.array([(int(p) + int(q)) // 2 for p, q in zip(a.flat, b.flat)], dtype=a.dtype)
