# Mistake: I thought the safest way to keep an error without its frames is to store a fresh exception of the same type and message.
# Wrong on: run_all(f, [1]) where f raises ValueError("v") from KeyError("k")  -> gives a new ValueError whose __cause__ is None (and which is not the raised object), correct is the raised ValueError itself with its KeyError __cause__
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            errors.append((i, type(err)(*err.args)))
    return results, errors
