# Mistake: halves each value first, losing 1 whenever both values are odd.
def midpoint(a, b):
    return a // 2 + b // 2
