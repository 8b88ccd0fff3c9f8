# Mistake: streams, but averages each chunk's mean and standard deviation, which is not
# the mean and standard deviation of all the values.
def stream_stats(chunks):
    count, means, stds = 0, [], []
    for chunk in chunks:
        if chunk.size:
            count += chunk.size
            means.append(float(chunk.mean()))
            stds.append(float(chunk.std()))
    if count == 0:
        raise ValueError("no values")
    return count, float(np.mean(means)), float(np.mean(stds))
