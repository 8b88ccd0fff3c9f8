# Mistake: copies each input, but keeps all of them and only averages the last few.
def make_running_mean(window):
    history = []

    def update(x):
        history.append(np.array(x, dtype=np.float64))
        return np.mean(history[-window:], axis=0)

    return update
