# Mistake: follows one link per exception (__cause__, else __context__), so a branch of the chain keeps its traceback.
def run_all(func, inputs):
    import sys

    theirs = sys.exc_info()[1]
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            link, seen = err, set()
            while link is not None and link is not theirs and id(link) not in seen:
                seen.add(id(link))
                link.__traceback__ = None
                link = link.__cause__ or link.__context__
            errors.append((index, err))
    return results, errors
