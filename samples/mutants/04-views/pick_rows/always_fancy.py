# Mistake: indexes with the list itself, which always copies
def pick_rows(a, rows):
    return a[list(rows)]
