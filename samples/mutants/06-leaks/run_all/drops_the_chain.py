# Mistake: cuts the chain off (__cause__ and __context__ set to None) instead of clearing its tracebacks.
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            err.__cause__ = err.__context__ = None
            errors.append((index, err.with_traceback(None)))
    return results, errors
