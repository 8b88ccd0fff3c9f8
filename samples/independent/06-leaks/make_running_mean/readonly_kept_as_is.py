# Mistake: I thought a read-only array can never change, so only writeable inputs need copying and read-only ones can be kept as they are.
# Wrong on: chunk = np.ones((1000, 1000)); col = chunk[:, 0]; col.flags.writeable = False; update = make_running_mean(2); update(col); del chunk, col  -> gives the whole 8 MB chunk kept alive by the stored column view (and chunk[:, 0] = 5 would change the next mean), correct is an 8 KB copy and the chunk freed
import collections


def make_running_mean(window):
    recent = collections.deque(maxlen=window)

    def update(x):
        if x.flags.writeable:
            x = np.array(x, dtype=np.float64, copy=True)
        recent.append(x)
        return np.mean(recent, axis=0)

    return update
