"""glibc's dynamic mmap threshold, and pinning it, as 06-leaks demonstrates them."""

import pytest

from npmem.allocator import _glibc, del_drops, pin_mmap_threshold

glibc_only = pytest.mark.skipif(_glibc() is None, reason="the mmap threshold is glibc's")


@glibc_only
def test_dynamic_threshold_hides_the_second_free():
    n = 2_000_000  # 15.3 MiB: above glibc's first threshold, below its 32 MiB maximum
    drops = del_drops(n, repeats=3)
    size = n * 8 / 2**20
    assert drops[0] > 0.9 * size  # mapped from the OS, unmapped on free
    assert all(abs(d) < 0.1 * size for d in drops[1:])  # the threshold rose: from the heap


@glibc_only
def test_pinned_threshold_gives_memory_back_every_time():
    n = 2_000_000
    drops = del_drops(n, repeats=3, pin=True)
    assert all(d > 0.9 * n * 8 / 2**20 for d in drops)


@glibc_only
def test_blocks_above_the_largest_dynamic_threshold_are_always_mapped():
    n = 5_000_000  # 38 MiB, above the 32 MiB that glibc's threshold can rise to on 64-bit
    assert all(d > 0.9 * n * 8 / 2**20 for d in del_drops(n, repeats=3))


def test_a_threshold_that_would_slow_every_allocation_is_refused():
    for nbytes in (0, 8, 64 * 1024, 64 * 2**20):
        with pytest.raises(ValueError):
            pin_mmap_threshold(nbytes)
