# Mistake: a + b is computed in the input dtype first, so it wraps before the division.
def midpoint(a, b):
    return (a + b) // 2
