# Mistake: writes every mean into one output array it keeps, so each call changes the results it returned before.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)
    out = []

    def update(x):
        recent.append(np.array(x, dtype=np.float64))
        if not out:
            out.append(np.empty(len(x)))
        np.mean(recent, axis=0, out=out[0])
        return out[0]

    return update
