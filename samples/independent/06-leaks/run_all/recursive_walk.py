# Mistake: I thought a recursive walk is fine for an exception chain, since chains are only ever a few links long.
# Wrong on: run_all(f, [0]) where f raises the head of a hand-built chain of 5000 exceptions linked by __cause__  -> gives RecursionError out of run_all, correct is ([None], [(0, head)]) with every traceback cleared
def run_all(func, inputs):
    def clear(e, seen):
        if e is None or id(e) in seen:
            return
        seen.add(id(e))
        e.__traceback__ = None
        clear(e.__cause__, seen)
        clear(e.__context__, seen)

    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            clear(err, set())
            errors.append((i, err))
    return results, errors
