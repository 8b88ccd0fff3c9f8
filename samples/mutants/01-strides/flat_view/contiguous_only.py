# Mistake: takes contiguity as the test, so a stepped array whose axes merge is refused.
def flat_view(x):
    if not x.flags.c_contiguous:
        raise ValueError("not C-contiguous: a copy would be needed")
    return x.reshape(-1)
