"""The assertion helpers fail with messages that name expected and got, and pass otherwise."""

import weakref

import numpy as np
import pytest

from npmem.checks import (
    check_array,
    check_at_least,
    check_at_most,
    check_close,
    check_equal,
    check_freed,
    check_raises,
    check_view,
    quietly,
)


def test_check_equal():
    check_equal((8, 2), (8, 2), "f()")
    with pytest.raises(AssertionError, match=r"f\(\): expected \(8, 2\), got \(4, 1\)"):
        check_equal((4, 1), (8, 2), "f()")
    with pytest.raises(AssertionError, match="expected 12, got 12.0"):
        check_equal(12.0, 12, "f()")  # a float where an int was asked is a different answer
    with pytest.raises(AssertionError):
        check_equal([8, 2], (8, 2), "f()")


def test_check_array():
    a = np.arange(4.0)
    check_array(a.copy(), a, "f()")
    with pytest.raises(AssertionError, match="expected a NumPy array, got list"):
        check_array([0.0, 1.0, 2.0, 3.0], a, "f()")
    with pytest.raises(AssertionError, match=r"expected shape \(4,\), got shape \(2, 2\)"):
        check_array(a.reshape(2, 2), a, "f()")
    with pytest.raises(AssertionError, match="expected dtype float64, got dtype float32"):
        check_array(a.astype(np.float32), a, "f()")
    with pytest.raises(AssertionError, match="values differ"):
        check_array(a + 1, a, "f()")
    check_array(np.array([np.nan]), np.array([np.nan]), "nan is equal to nan here")


def test_check_view():
    a = np.arange(10)
    check_view(a[::2], a, "f()")
    with pytest.raises(AssertionError, match="expected a view .* got a copy"):
        check_view(a[::2].copy(), a, "f()")


def test_check_raises():
    check_raises(ValueError, int, "x", call="int('x')")
    with pytest.raises(AssertionError, match="expected ValueError, got a result: 3"):
        check_raises(ValueError, int, "3", call="int('3')")
    with pytest.raises(AssertionError, match="expected IndexError, got KeyError"):
        check_raises(IndexError, {}.__getitem__, "k", call="d['k']")


def test_check_at_most():
    check_at_most(10, 10, "peak")
    with pytest.raises(AssertionError, match="expected at most 10 bytes, got 11 bytes"):
        check_at_most(11, 10, "peak")


def test_check_freed_passes_for_freed_and_names_holders():
    a = np.ones(10)
    ref = weakref.ref(a)
    del a
    check_freed(ref, "f()")
    b = np.ones(10)
    keeper = [b]
    ref = weakref.ref(b)
    del b
    with pytest.raises(AssertionError, match=r"f\(\): expected the input array .* a list"):
        check_freed(ref, "f()")
    view = keeper.pop()[:2]
    with pytest.raises(AssertionError, match=r"expected .*\.base"):
        check_freed(ref, "f()")
    del view


def test_check_freed_names_a_frame_kept_by_a_traceback():
    refs = []

    def fails():
        work = np.ones(10)
        refs.append(weakref.ref(work))
        raise ValueError("x")

    try:
        fails()
    except ValueError as err:
        saved = err
    with pytest.raises(AssertionError, match=r"frame of fails\(\)"):
        check_freed(refs[0], "run()")
    del saved


def test_check_close_and_check_at_least():
    check_close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-13]), "g()")
    check_close(0.1 + 0.2, 0.3, "h()")
    with pytest.raises(AssertionError, match="expected an array of shape"):
        check_close([1.0, 2.0], np.array([1.0, 2.0]), "g()")
    with pytest.raises(AssertionError, match="values differ"):
        check_close(np.array([1.0, 2.5]), np.array([1.0, 2.0]), "g()")
    with pytest.raises(AssertionError, match="expected 0.3, got 'x'"):
        check_close("x", 0.3, "h()")
    check_at_least(10, 10, "k()")
    with pytest.raises(AssertionError, match="expected at least 11 bytes, got 10 bytes"):
        check_at_least(10, 11, "k()")


def test_check_close_scales_tolerance_with_the_answer():
    check_close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9]), "f()")
    for bad in [[1.0, 2.1], [1.0], "x"]:
        with pytest.raises(AssertionError, match="expected"):
            check_close(np.array(bad) if bad != "x" else bad, np.array([1.0, 2.0]), "f()")
    check_close(np.array([0.0, 1e6]), np.array([1e-4, 1e6]), "far from zero", rtol=1e-9)
    with pytest.raises(AssertionError, match="values differ"):
        check_close(np.array([0.0, 1.0]), np.array([1e-4, 1.0]), "near zero", rtol=1e-9)


def test_quietly_silences_warnings_and_floating_point_notices(recwarn):
    assert quietly(np.divide, 1.0, 0.0) == np.inf
    assert quietly(np.log, -1.0) != quietly(np.log, -1.0)  # nan
    assert len(recwarn) == 0


def test_check_does_not_use_reads_the_code_and_patches_nothing():
    import numpy as np
    from numpy import broadcast_shapes as bs

    from npmem.checks import ForbiddenCall, check_does_not_use, uses_names

    def direct(a, b):
        return np.broadcast_shapes(a, b)

    def aliased(a, b):
        return bs(a, b)

    def helper(a, b):
        return aliased(a, b)

    def nested(a, b):
        def inner():
            return np.broadcast_to(a, b)

        return inner()

    def own(a, b):
        return tuple(max(x, y) for x, y in zip(a, b, strict=True))

    before = np.broadcast_shapes
    names = ("broadcast_shapes", "broadcast_to")
    assert uses_names(direct, names) == ["broadcast_shapes"]
    assert uses_names(aliased, names) == ["broadcast_shapes"]
    assert uses_names(helper, names) == ["broadcast_shapes"]
    assert uses_names(nested, names) == ["broadcast_to"]
    assert uses_names(own, names) == []
    check_does_not_use(own, names, why="is not allowed")
    with pytest.raises(ForbiddenCall, match=r"aliased refers to np\.broadcast_shapes, which x"):
        check_does_not_use(aliased, names, why="x")
    with pytest.raises(AssertionError):  # a ForbiddenCall is an AssertionError
        check_does_not_use(direct, names, why="x")
    assert np.broadcast_shapes is before
