# Mistake: keeps the formatted traceback text instead of the exception object.
def run_all(func, inputs):
    import traceback

    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception:
            results.append(None)
            errors.append((index, traceback.format_exc()))
    return results, errors
