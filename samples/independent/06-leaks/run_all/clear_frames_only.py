# Mistake: I thought traceback.clear_frames(err.__traceback__) is the same as dropping the traceback, and that clearing those frames frees every local the error chain refers to.
# Wrong on: run_all(f, [100_000]) where f catches the KeyError raised by g (which holds work = np.ones(n)) and raises ValueError("v") inside the except block  -> gives err.__traceback__ still set and g's frame (with work) alive through the KeyError's own traceback, correct is no traceback in the chain and work freed
import traceback


def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            traceback.clear_frames(err.__traceback__)
            errors.append((i, err))
    return results, errors
