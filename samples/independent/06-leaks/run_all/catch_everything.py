# Mistake: I catch BaseException so that nothing can stop the batch, thinking every kind of error should become None in the results.
# Wrong on: run_all(lambda x: sys.exit(x), [3])  -> gives ([None], [(0, SystemExit(3))]) and the program carries on, correct is SystemExit propagating (only Exception subclasses are collected)
def run_all(func, inputs):
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except BaseException as err:
            results.append(None)
            todo, seen = [err], set()
            while todo:
                e = todo.pop()
                if e is None or id(e) in seen:
                    continue
                seen.add(id(e))
                e.__traceback__ = None
                todo.extend((e.__cause__, e.__context__))
            errors.append((i, err))
    return results, errors
