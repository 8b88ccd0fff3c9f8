# Mistake: I store the copies in float32 to halve the memory I keep, thinking the mean only needs float32 precision once I average back in float64.
# Wrong on: update = make_running_mean(2); update(np.array([0.1]))  -> gives [0.10000000149011612], correct is [0.1]
import collections


def make_running_mean(window):
    recent = collections.deque(maxlen=window)

    def update(x):
        recent.append(np.array(x, dtype=np.float32, copy=True))
        return np.mean(recent, axis=0, dtype=np.float64)

    return update
