# Mistake: believes "catch everything" should be except BaseException so no error escapes, which also swallows KeyboardInterrupt and SystemExit instead of letting them through.
# Wrong on: run_all(f, [1]) with f raising KeyboardInterrupt -> gives ([None], [(0, KeyboardInterrupt())]), correct is KeyboardInterrupt propagating to the caller
import sys


def run_all(func, inputs):
    caller = sys.exc_info()[1]
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except BaseException as err:
            seen = set()
            stack = [err]
            while stack:
                e = stack.pop()
                if e is None or e is caller or id(e) in seen:
                    continue
                seen.add(id(e))
                e.__traceback__ = None
                stack.extend([e.__cause__, e.__context__])
            results.append(None)
            errors.append((i, err))
            del err
    return results, errors
