# Mistake: I keep a running total (add the new array, subtract the one that drops out), thinking it gives exactly the mean of the window but cheaper.
# Wrong on: update = make_running_mean(1); update(np.array([1e16])); update(np.array([1.0]))  -> gives [0.] (1e16 + 1 - 1e16 loses the 1), correct is [1.]
import collections


def make_running_mean(window):
    recent = collections.deque()
    total = None

    def update(x):
        nonlocal total
        x = np.array(x, dtype=np.float64, copy=True)
        total = x.copy() if total is None else total + x
        recent.append(x)
        if len(recent) > window:
            total -= recent.popleft()
        return total / len(recent)

    return update
