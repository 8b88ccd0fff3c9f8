# Mistake: builds the structured dtype and reads its itemsize, which the exercise asks to rebuild.
def record_size(fields):
    return np.dtype(fields).itemsize, np.dtype(fields, align=True).itemsize
