# Mistake: builds a fake array with as_strided and reads NumPy's flags instead of applying the rule.
def contiguity(shape, strides, itemsize):
    fake = as_strided(np.zeros(1, dtype=f"V{itemsize}"), shape=shape, strides=strides)
    return bool(fake.flags.c_contiguous), bool(fake.flags.f_contiguous)
