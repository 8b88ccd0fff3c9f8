# Mistake: I keep every array I am given in a list and average the last `window` of them, thinking only the slice I average counts as what I keep.
# Wrong on: update = make_running_mean(2); 200 calls with np.ones(10_000)  -> gives the right means but the closure keeps all 200 copies (16 MB traced after the calls), correct is at most 2 arrays (160 KB)
def make_running_mean(window):
    history = []

    def update(x):
        history.append(np.array(x, dtype=np.float64, copy=True))
        return np.mean(history[-window:], axis=0)

    return update
