# Mistake: I made sure x is float64 with np.asarray(x, dtype=np.float64), thinking asarray never copies; for a float32 x it makes a new array, so the caller's x is not rescaled.
# Wrong on: rescale_rows(x32) with x32 = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)  -> returns a new float64 array and leaves x32 == [[1., 2., 3.]], correct is x32 itself, now [[0., 0.5, 1.]]
def rescale_rows(x):
    x = np.asarray(x, dtype=np.float64)
    low = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True)
    np.subtract(span, low, out=span)
    np.subtract(x, low, out=x)
    np.divide(x, span, out=x)
    return x
