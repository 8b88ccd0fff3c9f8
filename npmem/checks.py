"""Assertions with messages a learner can act on.

Every failure says what was called, what was expected and what came back,
so a test cell's traceback ends in one readable line.
"""

from __future__ import annotations

import gc
import sys
import types
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np


def _show(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"array(shape={value.shape}, dtype={value.dtype})"
    return repr(value)


def check_equal(got: object, expected: object, call: str) -> None:
    """Fail unless ``got == expected`` (for non-array values)."""
    if type(got) is not type(expected) or got != expected:
        raise AssertionError(f"{call}: expected {expected!r}, got {got!r}")


def check_array(
    got: object,
    expected: np.ndarray,
    call: str,
    *,
    dtype: bool = True,
) -> None:
    """Fail unless ``got`` is an ndarray with the same shape, values and dtype."""
    if not isinstance(got, np.ndarray):
        raise AssertionError(f"{call}: expected a NumPy array, got {type(got).__name__} {got!r}")
    if got.shape != expected.shape:
        raise AssertionError(f"{call}: expected shape {expected.shape}, got shape {got.shape}")
    if dtype and got.dtype != expected.dtype:
        raise AssertionError(f"{call}: expected dtype {expected.dtype}, got dtype {got.dtype}")
    if not np.array_equal(got, expected, equal_nan=got.dtype.kind in "fc"):
        raise AssertionError(
            f"{call}: values differ\nexpected {np.array2string(expected, threshold=20)}"
            f"\ngot      {np.array2string(got, threshold=20)}"
        )


def check_view(got: np.ndarray, base: np.ndarray, call: str) -> None:
    """Fail unless ``got`` shares memory with ``base`` (a view, not a copy)."""
    if not np.shares_memory(got, base):
        raise AssertionError(
            f"{call}: expected a view that shares memory with the input, "
            f"got a copy ({_show(got)} with its own buffer)"
        )


def check_raises(exc_type: type[BaseException], func, *args, call: str) -> None:
    """Fail unless ``func(*args)`` raises ``exc_type``."""
    try:
        result = func(*args)
    except exc_type:
        return
    except Exception as err:  # a different exception is a wrong answer too
        raise AssertionError(
            f"{call}: expected {exc_type.__name__}, got {type(err).__name__}: {err}"
        ) from None
    raise AssertionError(f"{call}: expected {exc_type.__name__}, got a result: {_show(result)}")


def check_at_most(got: float, limit: float, call: str, unit: str = "bytes") -> None:
    """Fail unless ``got <= limit`` (for budgets such as a tracemalloc peak)."""
    if not got <= limit:
        raise AssertionError(f"{call}: expected at most {limit:,.0f} {unit}, got {got:,.0f} {unit}")


def _describe(holder: object) -> str:
    if isinstance(holder, types.FrameType):
        return f"the frame of {holder.f_code.co_name}() (a saved exception's traceback keeps it)"
    if isinstance(holder, dict):
        return "a dict (a namespace, an object's attributes or a dict you made)"
    if isinstance(holder, list):
        return "a list"
    if isinstance(holder, tuple):
        return "a tuple"
    if isinstance(holder, types.CellType):
        return "a closure cell"
    return f"a {type(holder).__name__}"


def check_freed(ref: weakref.ref, call: str, what: str = "the input array") -> None:
    """Fail unless the object behind ``ref`` is gone after ``gc.collect()``.

    The message names what still refers to it, as far as the garbage collector can
    tell (frames still running, such as the test's own, are left out).
    """
    if ref() is None:  # freed by reference counting: no need for a (slow) full collection
        return
    gc.collect()
    obj = ref()
    if obj is None:
        return
    running = set()
    frame = sys._getframe()
    while frame is not None:
        running.add(id(frame))
        frame = frame.f_back
    holders = sorted(
        {
            _describe(r)
            for r in gc.get_referrers(obj)
            if id(r) not in running and not isinstance(r, types.TracebackType)
        }
    )
    del obj
    hint = (
        f"referred to by {', '.join(holders)}"
        if holders
        else "no container refers to it, so look for a view whose .base it is"
    )
    raise AssertionError(
        f"{call}: expected {what} to be freed once the caller deleted it and ran "
        f"gc.collect(), but it is still alive ({hint})"
    )


def check_at_least(got: float, minimum: float, call: str, unit: str = "bytes") -> None:
    """Fail unless ``got >= minimum`` (a measurement that cannot be that small)."""
    if not got >= minimum:
        raise AssertionError(
            f"{call}: expected at least {minimum:,.0f} {unit}, got {got:,.0f} {unit}"
        )


def check_close(
    got: object, expected: object, call: str, rtol: float = 1e-9, atol: float | None = None
) -> None:
    """Fail unless ``got`` is numerically close to ``expected`` (a number or an array).

    ``atol`` defaults to ``rtol`` times the largest magnitude in ``expected`` (at least
    1), so values near zero are compared on the scale of the whole answer.
    """
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray) or got.shape != expected.shape:
            raise AssertionError(
                f"{call}: expected an array of shape {expected.shape}, got {_show(got)}"
            )
        scale = float(np.max(np.abs(expected), initial=1.0))
        with np.errstate(all="ignore"):
            ok = bool(
                np.allclose(got, expected, rtol=rtol, atol=rtol * scale if atol is None else atol)
            )
        if not ok:
            raise AssertionError(
                f"{call}: values differ\nexpected {np.array2string(expected, threshold=20)}"
                f"\ngot      {np.array2string(got, threshold=20)}"
            )
        return
    try:
        want = float(expected)
        tol = rtol * max(abs(want), 1.0) if atol is None else atol
        ok = bool(np.isclose(float(got), want, rtol=rtol, atol=tol))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise AssertionError(f"{call}: expected {expected!r}, got {got!r}")


def quietly(func: Callable[..., Any], *args: Any) -> Any:
    """Call ``func`` with warnings and floating-point notices silenced (for test cells,
    where anything written to stderr would cost the cell its points)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return func(*args)
