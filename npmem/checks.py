"""Assertions with messages a learner can act on.

Every failure says what was called, what was expected and what came back,
so a test cell's traceback ends in one readable line.

A failed check raises ``CheckFailed``, an ``AssertionError`` (its ``ename`` is
``AssertionError``, so nbgrader and the self-check read ``AssertionError: <call>:
expected …, got …``). In IPython its traceback leaves out this module's own frames:
IPython never hides the last frame even with ``__tracebackhide__``, and a check raises
in its own frame, so the exception renders its traceback itself (``_render_traceback_``,
which IPython honours).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import numbers
import os
import sys
import types
import warnings
import weakref
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

_HIDDEN_FILES = {os.path.normcase(os.path.abspath(p)) for p in (__file__, contextlib.__file__)}


def _course_frame(tb: types.TracebackType) -> bool:
    code = tb.tb_frame.f_code
    return os.path.normcase(os.path.abspath(code.co_filename)) in _HIDDEN_FILES


class CheckFailed(AssertionError):
    """A failed check: an ``AssertionError`` whose traceback skips ``npmem.checks``.

    ``kind`` names how it failed (``"value"``, ``"shape"``, ``"copy"``, ...): what a
    diagnosis compares, never shown to the learner.
    """

    def __init__(self, message: str, kind: str = "failed"):
        super().__init__(message)
        self.kind = kind

    def _render_traceback_(self) -> list[str]:
        """IPython's own traceback of this error, without this module's frames."""
        from IPython import get_ipython

        shell = get_ipython()
        kept = []
        tb = self.__traceback__
        while tb is not None:
            if not _course_frame(tb):
                kept.append(tb)
            tb = tb.tb_next
        trimmed = None
        for frame in reversed(kept):
            trimmed = types.TracebackType(trimmed, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
        try:
            # as IPython's showtraceback: its first frame is the shell's run_code
            return shell.InteractiveTB.structured_traceback(type(self), self, trimmed, tb_offset=1)
        except Exception:  # never let rendering fail (IPython would print to stderr)
            import traceback

            return traceback.format_exception_only(type(self), self)


CheckFailed.__name__ = CheckFailed.__qualname__ = "AssertionError"  # what nbgrader reports

# Diagnosis (npmem.grading.diagnosis): while a list, each check appends how it ended ("ok",
# or its failure's kind) and carries on instead of raising. Only the grading engine sets
# it, after the test cell has been scored, so nothing recorded here changes a score.
_record: list[str] | None = None


@contextlib.contextmanager
def recording():
    """Within the block, checks record their outcomes (the yielded list) and never raise."""
    global _record
    previous, _record = _record, []
    try:
        yield _record
    finally:
        _record = previous


def _recordable(check: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(check)
    def run(*args: Any, **kwargs: Any) -> None:
        __tracebackhide__ = True
        record = _record
        if record is None:
            return check(*args, **kwargs)
        try:
            check(*args, **kwargs)
        except CheckFailed as err:
            record.append(err.kind)
        else:
            record.append("ok")
        return None

    return run


def _show(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"array(shape={value.shape}, dtype={value.dtype})"
    return repr(value)


# how far apart two arrays' values may be and still differ only by rounding
ROUNDING = 1e-6


def _how_values_differ(got: np.ndarray, expected: np.ndarray) -> str:
    """The failure kind of two same-shaped arrays whose values differ (for a diagnosis).

    ``nonfinite``: they differ only where one of them holds nan or an infinity (the
    special values were handled wrongly); ``rounding``: every difference is finite and
    within ``ROUNDING`` of the largest expected magnitude (the arithmetic rounded
    differently); ``values``: anything else, or values that are not numbers.
    """
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kind = "complex128" if "c" in (got.dtype.kind, expected.dtype.kind) else "float64"
            g = np.asarray(got, dtype=kind)
            e = np.asarray(expected, dtype=kind)
            special = ~np.isfinite(g) | ~np.isfinite(e)
            differ = ~((g == e) | (np.isnan(g) & np.isnan(e)))
            if not differ.any():  # equal once widened: they differ beyond float precision
                return "rounding"
            if special[differ].all():
                return "nonfinite"
            if special[differ].any():
                return "values"
            scale = float(np.max(np.abs(e[np.isfinite(e)]), initial=0.0))
            gap = float(np.max(np.abs(g[differ] - e[differ])))
            return "rounding" if gap <= ROUNDING * scale else "values"
    except (TypeError, ValueError, OverflowError):
        return "values"


def _same(got: object, expected: object) -> bool:
    """Equal, and of the kind the text asks for.

    An integer may be a Python ``int`` or a NumPy integer, a boolean a ``bool`` or
    ``np.bool_``, a float any real number; a tuple must be a tuple of such items.
    Other values must be of the expected type exactly.
    """
    if isinstance(expected, bool | np.bool_):
        return isinstance(got, bool | np.bool_) and bool(got) == bool(expected)
    if isinstance(expected, numbers.Integral):
        return (
            isinstance(got, numbers.Integral)
            and not isinstance(got, bool | np.bool_)
            and int(got) == int(expected)
        )
    if isinstance(expected, float | np.floating):
        return (
            isinstance(got, numbers.Real)
            and not isinstance(got, bool | np.bool_)
            and float(got) == float(expected)
        )
    if isinstance(expected, tuple):
        return (
            isinstance(got, tuple)
            and len(got) == len(expected)
            and all(_same(g, e) for g, e in zip(got, expected, strict=True))
        )
    return type(got) is type(expected) and bool(got == expected)


@_recordable
def check_equal(got: object, expected: object, call: str) -> None:
    """Fail unless ``got == expected`` (for non-array values).

    Integers may come back as ``int`` or a NumPy integer, booleans as ``bool`` or
    ``np.bool_`` (a spec that needs a Python ``int`` says so and checks it itself).
    """
    __tracebackhide__ = True
    if not _same(got, expected):
        raise CheckFailed(f"{call}: expected {expected!r}, got {got!r}", "value")


def hidden_rng(cell_id: str) -> np.random.Generator:
    """The random generator of one hidden test cell, seeded from the cell's id.

    Inputs are the same every time the course grades (so re-grading a submission gives
    the same score) but are not shown to learners, who see only the visible tests.
    """
    return np.random.default_rng(zlib.crc32(f"numpy-memory/{cell_id}".encode()))


class ForbiddenCall(CheckFailed):
    """A learner's function called something its exercise asks it not to use."""


_LIBRARIES = ("numpy", "numpy.lib.stride_tricks", "numpy.lib.array_utils")


def _library_function(name: str) -> tuple[str, object] | None:
    """``(label, object)`` of the NumPy function called ``name``, if there is one."""
    for module in _LIBRARIES:
        value = getattr(sys.modules.get(module), name, None)
        if value is not None:
            return (f"np.{name}" if module == "numpy" else name), value
    return None


def uses_names(func: Callable[..., Any], names: Iterable[str]) -> list[str]:
    """The names among ``names`` that ``func``'s code, or a function it calls, refers to.

    Read from the compiled code (``np.X``, ``a.X``, an import, or an alias bound to one
    of these NumPy functions), following the functions it names and the functions
    defined inside it; nothing is patched and nothing is run.
    """
    wanted = set(names)
    targets = {n: found[1] for n in wanted if (found := _library_function(n)) is not None}
    hits: set[str] = set()
    seen: set[int] = set()
    todo: list[object] = [func]
    while todo:
        f = todo.pop()
        f = inspect.unwrap(f) if callable(f) else f
        code = getattr(f, "__code__", None)
        if code is None or id(code) in seen:
            continue
        seen.add(id(code))
        space = dict(getattr(f, "__globals__", {}))
        cells = getattr(f, "__closure__", None) or ()
        for var, cell in zip(code.co_freevars, cells, strict=False):
            with contextlib.suppress(ValueError):  # an empty cell
                space[var] = cell.cell_contents
        codes = [code]
        while codes:
            c = codes.pop()
            codes.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
            for name in c.co_names + c.co_freevars:
                value = space.get(name)
                if name in wanted and name not in space:
                    hits.add(name)  # an attribute: np.X or a.X
                elif any(value is t for t in targets.values()):
                    hits.update(n for n, t in targets.items() if value is t)
                elif isinstance(value, types.FunctionType):
                    todo.append(value)
    return sorted(hits)


@_recordable
def check_does_not_use(func: Callable[..., Any], names: Iterable[str], why: str) -> None:
    """Fail if the learner's ``func`` refers to any of ``names`` (NumPy functions that an
    exercise asks the learner to rebuild rather than call).

    ``why`` completes the sentence "<func> refers to np.X, which ...". The code is read,
    not patched: the grading sandbox treats a changed NumPy as tampering.
    """
    __tracebackhide__ = True
    used = uses_names(func, names)
    if used:
        found = _library_function(used[0])
        label = found[0] if found is not None else used[0]
        raise ForbiddenCall(f"{func.__name__} refers to {label}, which {why}", "forbidden")


@_recordable
def check_array(
    got: object,
    expected: np.ndarray,
    call: str,
    *,
    dtype: bool = True,
) -> None:
    """Fail unless ``got`` is an ndarray with the same shape, values and dtype."""
    __tracebackhide__ = True
    if not isinstance(got, np.ndarray):
        raise CheckFailed(
            f"{call}: expected a NumPy array, got {type(got).__name__} {got!r}", "type"
        )
    if got.shape != expected.shape:
        raise CheckFailed(
            f"{call}: expected shape {expected.shape}, got shape {got.shape}",
            "ndim" if got.ndim != expected.ndim else "shape",
        )
    if dtype and got.dtype != expected.dtype:
        raise CheckFailed(
            f"{call}: expected dtype {expected.dtype}, got dtype {got.dtype}", "dtype"
        )
    if not np.array_equal(got, expected, equal_nan=got.dtype.kind in "fc"):
        raise CheckFailed(
            f"{call}: values differ\nexpected {np.array2string(expected, threshold=20)}"
            f"\ngot      {np.array2string(got, threshold=20)}",
            _how_values_differ(got, expected),
        )


@_recordable
def check_view(got: np.ndarray, base: np.ndarray, call: str) -> None:
    """Fail unless ``got`` shares memory with ``base`` (a view, not a copy)."""
    __tracebackhide__ = True
    if not np.shares_memory(got, base):
        raise CheckFailed(
            f"{call}: expected a view that shares memory with the input, "
            f"got a copy ({_show(got)} with its own buffer)",
            "copy",
        )


@_recordable
def check_raises(exc_type: type[BaseException], func, *args, call: str) -> None:
    """Fail unless ``func(*args)`` raises ``exc_type``."""
    __tracebackhide__ = True
    try:
        result = func(*args)
    except exc_type:
        return
    except Exception as err:  # a different exception is a wrong answer too
        raise CheckFailed(
            f"{call}: expected {exc_type.__name__}, got {type(err).__name__}: {err}",
            f"raised {type(err).__name__}",
        ) from None
    raise CheckFailed(
        f"{call}: expected {exc_type.__name__}, got a result: {_show(result)}", "no error"
    )


@_recordable
def check_at_most(got: float, limit: float, call: str, unit: str = "bytes") -> None:
    """Fail unless ``got <= limit`` (for budgets such as a tracemalloc peak)."""
    __tracebackhide__ = True
    if not got <= limit:
        raise CheckFailed(
            f"{call}: expected at most {limit:,.0f} {unit}, got {got:,.0f} {unit}", "too much"
        )


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


@_recordable
def check_freed(ref: weakref.ref, call: str, what: str = "the input array") -> None:
    """Fail unless the object behind ``ref`` is gone after ``gc.collect()``.

    The message names what still refers to it, as far as the garbage collector can
    tell (frames still running, such as the test's own, are left out).
    """
    __tracebackhide__ = True
    if ref() is None:  # freed by reference counting: no need for a (slow) full collection
        return
    gc.collect()
    obj = ref()
    if obj is None:
        return
    running = set()
    frame: types.FrameType | None = sys._getframe()
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
    raise CheckFailed(
        f"{call}: expected {what} to be freed once the caller deleted it and ran "
        f"gc.collect(), but it is still alive ({hint})",
        "alive",
    )


@_recordable
def check_at_least(got: float, minimum: float, call: str, unit: str = "bytes") -> None:
    """Fail unless ``got >= minimum`` (a measurement that cannot be that small)."""
    __tracebackhide__ = True
    if not got >= minimum:
        raise CheckFailed(
            f"{call}: expected at least {minimum:,.0f} {unit}, got {got:,.0f} {unit}", "too little"
        )


@_recordable
def check_close(
    got: object, expected: object, call: str, rtol: float = 1e-9, atol: float | None = None
) -> None:
    """Fail unless ``got`` is numerically close to ``expected`` (a number or an array).

    ``atol`` defaults to ``rtol`` times the largest magnitude in ``expected`` (at least
    1), so values near zero are compared on the scale of the whole answer.
    """
    __tracebackhide__ = True
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray) or got.shape != expected.shape:
            raise CheckFailed(
                f"{call}: expected an array of shape {expected.shape}, got {_show(got)}", "shape"
            )
        scale = float(np.max(np.abs(expected), initial=1.0))
        with np.errstate(all="ignore"):
            ok = bool(
                np.allclose(got, expected, rtol=rtol, atol=rtol * scale if atol is None else atol)
            )
        if not ok:
            raise CheckFailed(
                f"{call}: values differ\nexpected {np.array2string(expected, threshold=20)}"
                f"\ngot      {np.array2string(got, threshold=20)}",
                _how_values_differ(got, expected),
            )
        return
    try:  # anything float() takes; anything else is a TypeError or ValueError
        want = float(expected)  # type: ignore[arg-type]
        tol = rtol * max(abs(want), 1.0) if atol is None else atol
        ok = bool(np.isclose(float(got), want, rtol=rtol, atol=tol))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise CheckFailed(f"{call}: expected {expected!r}, got {got!r}", "value")


def quietly(func: Callable[..., Any], *args: Any) -> Any:
    """Call ``func`` with warnings and floating-point notices silenced (for test cells,
    where anything written to stderr would cost the cell its points)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return func(*args)
