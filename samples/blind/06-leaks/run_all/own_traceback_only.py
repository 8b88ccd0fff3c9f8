# Mistake: believes clearing the caught exception's own traceback releases the failed call's locals, forgetting the exceptions chained to it (__context__, __cause__) carry tracebacks of their own.
# Wrong on: run_all(f, [0]) with f raising ValueError from inside `except KeyError` while a local np.ones(100_000) is alive -> errors[0][1].__context__.__traceback__ is not None (the array stays alive), correct is None (array freed)
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            err.__traceback__ = None
            results.append(None)
            errors.append((i, err))
    return results, errors
