# Mistake: copies x but keeps the copy of its whole base "to be safe": a column keeps its whole chunk's size.
def make_running_mean(window):
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        owner = x if x.base is None else x.base
        kept = owner.copy()
        recent.append(kept)
        return np.mean([np.asarray(k).reshape(-1)[: x.size] if k is not kept else x.copy() for k in recent], axis=0)

    return update
