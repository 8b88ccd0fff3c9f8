# Mistake: I reuse one output buffer for the mean to avoid allocating a new array on every call, thinking the caller only looks at the latest result.
# Wrong on: update = make_running_mean(2); first = update(np.array([1.0, 2.0])); update(np.array([3.0, 4.0])); first  -> gives [2., 3.] (first was overwritten), correct is first == [1., 2.]
import collections


def make_running_mean(window):
    recent = collections.deque(maxlen=window)
    out = None

    def update(x):
        nonlocal out
        recent.append(np.array(x, dtype=np.float64, copy=True))
        if out is None:
            out = np.empty(len(x))
        np.mean(recent, axis=0, out=out)
        return out

    return update
