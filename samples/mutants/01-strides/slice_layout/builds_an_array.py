# Mistake: builds a fake array with as_strided and reads the answer off it.
def slice_layout(shape, strides, key):
    fake = as_strided(np.zeros(1, dtype=np.uint8), shape=shape, strides=strides)
    view = fake[key]
    return view.shape, view.strides, view.ctypes.data - fake.ctypes.data
