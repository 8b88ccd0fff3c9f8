# Mistake: keeps a running total, adding each new array and subtracting the one that leaves, which loses small values once big ones have passed through.
def make_running_mean(window):
    from collections import deque

    recent = deque()
    total = None

    def update(x):
        nonlocal total
        x = np.array(x, dtype=np.float64)
        recent.append(x)
        total = x.copy() if total is None else total + x
        if len(recent) > window:
            total = total - recent.popleft()
        return total / len(recent)

    return update
