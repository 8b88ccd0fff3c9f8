# Mistake: wraps the error in a new one "to drop the traceback": the type is lost, and
# `from err` keeps the original, traceback and all, as __cause__.
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            wrapped = RuntimeError(str(err))
            wrapped.__cause__ = err
            errors.append((index, wrapped))
    return results, errors
