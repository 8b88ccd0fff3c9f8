# Mistake: I thought an explicit __cause__ replaces the __context__ (Python only prints the cause), so I follow __cause__ when there is one and __context__ otherwise.
# Wrong on: run_all(f, [100_000]) where f catches the KeyError raised by g (which holds work = np.ones(n)) and, inside the except block, raises ValueError("v") from TypeError("t")  -> gives the KeyError (__context__) still holding g's frame and work, correct is work freed
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            seen = set()
            e = err
            while e is not None and id(e) not in seen:
                seen.add(id(e))
                e.__traceback__ = None
                e = e.__cause__ if e.__cause__ is not None else e.__context__
            errors.append((i, err))
    return results, errors
