"""tracemalloc measurements count NumPy buffers exactly and leave tracing as they found it."""

import tracemalloc

import numpy as np

from npmem.measure import peak_memory, traced_call


def test_peak_memory_sees_numpy_buffers():
    _, peak = peak_memory(np.ones, 100_000)
    assert 800_000 <= peak < 900_000
    _, peak = peak_memory(lambda: float(np.ones(100_000).sum()))
    assert peak >= 800_000
    _, peak = peak_memory(lambda: np.broadcast_to(np.ones(10), (10_000, 10)))
    assert peak < 10_000


def test_traced_call_measures_growth_and_peak_and_restores_tracing():
    def make(n):
        tmp = np.ones(2 * n)  # freed before returning: counts in the peak only
        del tmp
        return np.ones(n)

    assert not tracemalloc.is_tracing()
    kept, growth, peak = traced_call(make, 10_000)
    assert kept.shape == (10_000,)
    assert 80_000 <= growth < 80_000 + 4096
    assert 160_000 <= peak < 160_000 + 4096
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        traced_call(make, 10)
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()
