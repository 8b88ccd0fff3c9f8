# Mistake: lets NumPy apply the rules, which the exercise forbids.
def broadcast_shape(shape_a, shape_b):
    return tuple(int(n) for n in np.broadcast_shapes(shape_a, shape_b))
