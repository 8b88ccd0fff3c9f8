# Mistake: drops the traceback of the exception caught, but not those of the exceptions chained to it.
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            errors.append((index, err.with_traceback(None)))
    return results, errors
