# Mistake: I thought `raise ... from cause` always makes the cause the __context__ too, so following __context__ alone visits the whole chain.
# Wrong on: run_all(f, [100_000]) where f catches the KeyError raised by g (which holds work = np.ones(n)), saves it, and after the except block raises ValueError("v") from it  -> gives the KeyError (only the __cause__, __context__ is None) still holding g's frame and work, correct is work freed
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
                e = e.__context__
            errors.append((i, err))
    return results, errors
