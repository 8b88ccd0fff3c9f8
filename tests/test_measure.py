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


def test_helpers_do_not_solve_the_nested_peak_exercise():
    """06-leaks exercise 1 asks for a peak meter that nests; the course helpers must not.

    They are importable by learners from 03 on, so if either of them nested correctly,
    ``peak_bytes`` would be a one-line import. An inner measurement's ``reset_peak()``
    wipes the outer peak: the outer call must miss the 4 MB its function held first.
    """

    def stage():
        return float(np.ones(10_000).sum())

    def job(measure):
        scratch = np.ones(500_000)  # 4 MB, freed before the inner measurement
        del scratch
        return measure(stage)

    for helper in (peak_memory, lambda f, *a: traced_call(f, *a)[::2]):
        _, outer = helper(job, helper)
        assert outer < 4_000_000, "a course helper nests: it solves 06-leaks exercise 1"
