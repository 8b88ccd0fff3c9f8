# Mistake: I thought err.with_traceback(None) drops every frame the error carries, chained exceptions included.
# Wrong on: run_all(f, [100_000]) where f has work = np.ones(n) and raises ValueError("v") from a KeyError it caught  -> gives errors whose KeyError (err.__cause__) still has a traceback holding f's frame and work, correct is work freed and no traceback anywhere in the chain
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            errors.append((i, err.with_traceback(None)))
    return results, errors
