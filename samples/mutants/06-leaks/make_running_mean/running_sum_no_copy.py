# Mistake: a running sum that subtracts the oldest input, but keeps the inputs without copying them.
def make_running_mean(window):
    from collections import deque

    recent = deque()
    state = {"total": None}

    def update(x):
        if state["total"] is None:
            state["total"] = np.zeros(len(x))
        recent.append(x)
        state["total"] = state["total"] + x
        if len(recent) > window:
            state["total"] = state["total"] - recent.popleft()
        return state["total"] / len(recent)

    return update
