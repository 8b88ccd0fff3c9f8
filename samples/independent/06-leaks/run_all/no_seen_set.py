# Mistake: I thought an exception chain always ends with None, so walking __cause__ and __context__ with a to-do list needs no record of what I have visited.
# Wrong on: run_all(f, [0]) where f builds a = ValueError("a"), b = KeyError("b"), a.__cause__ = b, b.__cause__ = a and raises a  -> gives no result at all (the walk never ends), correct is ([None], [(0, a)]) with both tracebacks cleared
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            todo = [err]
            while todo:
                e = todo.pop()
                if e is None:
                    continue
                e.__traceback__ = None
                todo.append(e.__cause__)
                todo.append(e.__context__)
            errors.append((i, err))
    return results, errors
