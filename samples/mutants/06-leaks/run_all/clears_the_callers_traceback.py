# Mistake: clears the traceback of every exception in the chain, the caller's own in-flight exception included.
def run_all(func, inputs):
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            seen, todo = set(), [err]
            while todo:
                link = todo.pop()
                if link is None or id(link) in seen:
                    continue
                seen.add(id(link))
                link.__traceback__ = None
                todo += [link.__cause__, link.__context__]
            errors.append((index, err))
    return results, errors
