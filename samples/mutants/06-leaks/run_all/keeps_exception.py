# Mistake: stores the exception as caught: its traceback keeps every failed call's locals.
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            errors.append((index, err))
    return results, errors
