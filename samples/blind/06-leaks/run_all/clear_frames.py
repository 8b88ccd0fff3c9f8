# Mistake: believes traceback.clear_frames() is the way to drop the failing frames, but it only empties their locals: the exceptions still keep their tracebacks (and the frame objects).
# Wrong on: run_all(lambda x: 1 // x, [0])[1][0][1].__traceback__ is None -> gives False, correct is True
import sys
import traceback


def run_all(func, inputs):
    caller = sys.exc_info()[1]
    results, errors = [], []
    for i, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            seen = set()
            e = err
            stack = [err]
            while stack:
                e = stack.pop()
                if e is None or e is caller or id(e) in seen:
                    continue
                seen.add(id(e))
                if e.__traceback__ is not None:
                    traceback.clear_frames(e.__traceback__)
                stack.extend([e.__cause__, e.__context__])
            results.append(None)
            errors.append((i, err))
    return results, errors
