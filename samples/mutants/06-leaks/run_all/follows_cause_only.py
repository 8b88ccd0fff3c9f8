# Mistake: walks the explicit chain (__cause__) only, and forgets the implicit one (__context__).
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            link = err
            while link is not None:
                link.__traceback__ = None
                link = link.__cause__
            errors.append((index, err))
    return results, errors
