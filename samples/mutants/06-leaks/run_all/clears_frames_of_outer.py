# Mistake: traceback.clear_frames on the caught exception's traceback only; chained errors keep their frames.
def run_all(func, inputs):
    import traceback

    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            traceback.clear_frames(err.__traceback__)
            errors.append((index, err))
    return results, errors
