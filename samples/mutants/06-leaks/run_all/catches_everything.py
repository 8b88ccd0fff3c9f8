# Mistake: catches BaseException, so a KeyboardInterrupt or SystemExit raised by func becomes a None result instead of stopping the caller.
def run_all(func, inputs):
    def chain(first, skip):
        found, todo = {}, [first]
        while todo:
            link = todo.pop()
            if link is None or id(link) in found or id(link) in skip:
                continue
            found[id(link)] = link
            todo += [link.__cause__, link.__context__]
        return found

    callers = chain(sys.exc_info()[1], {})
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except BaseException as err:
            results.append(None)
            for link in chain(err, callers).values():
                link.__traceback__ = None
            errors.append((index, err))
    return results, errors
