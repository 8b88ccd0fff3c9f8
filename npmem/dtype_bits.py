"""Pure logic behind the dtypes explorer: what a value becomes, bit by bit, in a small dtype.

Nothing here draws or imports widgets, so it is unit-tested directly.
"""

from __future__ import annotations

import functools
import math
import sys
import tracemalloc
import warnings
from dataclasses import dataclass

import numpy as np

DTYPES = ("int8", "uint8", "int16", "float16", "float32")

#: the dtypes compared in the memory chart, smallest first
MEMORY_DTYPES = ("int8", "uint8", "int16", "float16", "int32", "float32", "int64", "float64")

#: the memory chart's label for the Python list, whose size is computed (never built)
LIST_LABEL = "list of int (computed)"

#: element counts offered by the memory chart
SIZES = (1_000, 1_000_000, 100_000_000)


@dataclass(frozen=True)
class Field:
    """A run of bits with one meaning, counted from the most significant bit (0)."""

    name: str  # "sign", "value", "exponent" or "mantissa"
    start: int
    stop: int

    @property
    def width(self) -> int:
        return self.stop - self.start


@dataclass(frozen=True)
class Stored:
    """A Python number written into one item of ``dtype``."""

    dtype: str
    requested: float
    value: float | int
    bits: str  # most significant bit first
    fields: tuple[Field, ...]
    #: "exact", "truncated", "wrapped", "undefined", "rounded", "subnormal", "overflow"
    #: or "underflow"
    status: str
    #: NumPy warned "invalid value encountered in cast" (an out-of-range float to int)
    warned: bool = False

    @property
    def nbits(self) -> int:
        return len(self.bits)

    def field_bits(self, name: str) -> str:
        return "".join(self.bits[f.start : f.stop] for f in self.fields if f.name == name)


def _check_dtype(dtype: str) -> np.dtype:
    dt = np.dtype(dtype)
    if dt.kind not in "iuf":
        raise ValueError(f"only integer and float dtypes have a bit picture, got {dt}")
    return dt


def fields_of(dtype: str) -> tuple[Field, ...]:
    """The bit fields of ``dtype``: sign and value bits, or sign, exponent and mantissa."""
    dt = _check_dtype(dtype)
    nbits = dt.itemsize * 8
    if dt.kind == "u":
        return (Field("value", 0, nbits),)
    if dt.kind == "i":
        return (Field("sign", 0, 1), Field("value", 1, nbits))
    info = np.finfo(dt)
    return (
        Field("sign", 0, 1),
        Field("exponent", 1, 1 + info.nexp),
        Field("mantissa", 1 + info.nexp, nbits),
    )


def wrap(n: int, dtype: str) -> int:
    """The integer ``n`` reduced modulo 2**bits into the range of the integer ``dtype``."""
    dt = _check_dtype(dtype)
    if dt.kind == "f":
        raise ValueError(f"wrap-around is for integer dtypes, got {dt}")
    info = np.iinfo(dt)
    span = 1 << info.bits
    return (n - info.min) % span + info.min


def _cast_here(value: float, dtype: np.dtype) -> tuple[int, bool]:
    """What ``np.array([value]).astype(dtype)`` gives on this machine, and whether NumPy
    warned "invalid value encountered in cast"."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        item = np.array([value], dtype=np.float64).astype(dtype)
    warned = any("invalid value" in str(w.message) for w in caught)
    return int(item[0]), warned


def store(value: float, dtype: str) -> Stored:
    """Write ``value`` into one item of ``dtype`` the way ``astype`` would.

    Integer dtypes: an integral value is taken as an int64 (``np.array([300])``) and the
    integer cast keeps its low bits, so it wraps modulo 2**bits; a value with a fraction is
    a float64, whose fraction ``astype`` drops (towards zero). A float64 out of the
    integer dtype's range has no defined result (C leaves it undefined): the value stored
    is whatever this machine's cast gave, with status ``"undefined"``.
    Floats: the value is rounded to the nearest representable one (inf beyond the maximum).
    """
    dt = _check_dtype(dtype)
    value = float(value)
    nbits = dt.itemsize * 8
    if dt.kind in "iu":
        whole = math.trunc(value)
        info = np.iinfo(dt)
        warned = False
        if info.min <= whole <= info.max:
            stored: int = whole
            status = "exact" if whole == value else "truncated"
        elif whole == value and -(2**63) <= whole < 2**63:
            stored = int(np.array([whole], dtype=np.int64).astype(dt)[0])
            status = "wrapped"
        else:
            stored, warned = _cast_here(value, dt)
            status = "undefined"
        bits = format(stored & ((1 << nbits) - 1), f"0{nbits}b")
        return Stored(str(dt), value, stored, bits, fields_of(dtype), status, warned)
    with np.errstate(all="ignore"):
        item = np.array([value], dtype=np.float64).astype(dt)
    raw = int(item.view(f"u{dt.itemsize}")[0])
    stored_f = float(item[0])
    finfo = np.finfo(dt)
    if math.isinf(stored_f) and not math.isinf(value):
        status = "overflow"
    elif stored_f == 0.0 and value != 0.0:
        status = "underflow"
    elif stored_f == value:
        status = "exact"
    elif abs(stored_f) < float(finfo.smallest_normal):
        status = "subnormal"
    else:
        status = "rounded"
    return Stored(str(dt), value, stored_f, format(raw, f"0{nbits}b"), fields_of(dtype), status)


def decode_float(s: Stored) -> str:
    """How the sign, exponent and mantissa bits of a float give its value, as one line."""
    dt = np.dtype(s.dtype)
    if dt.kind != "f":
        raise ValueError(f"{s.dtype} is not a float dtype")
    info = np.finfo(dt)
    sign = int(s.field_bits("sign"), 2)
    exp = int(s.field_bits("exponent"), 2)
    mant = int(s.field_bits("mantissa"), 2)
    bias = (1 << (info.nexp - 1)) - 1
    sgn = "-" if sign else "+"
    if exp == (1 << info.nexp) - 1:
        return f"exponent all ones: {sgn}inf" if mant == 0 else "exponent all ones: nan"
    if exp == 0 and mant == 0:
        return f"exponent and mantissa all zeros: {sgn}0"
    if exp == 0:
        return (
            f"{sgn} 0.{s.field_bits('mantissa')}b x 2^{1 - bias}"
            f"  (exponent 0: subnormal, {mant}/2^{info.nmant} x 2^{1 - bias})"
        )
    return (
        f"{sgn} 1.{s.field_bits('mantissa')}b x 2^({exp} - {bias})"
        f" = {sgn}(1 + {mant}/2^{info.nmant}) x 2^{exp - bias}"
    )


def describe(s: Stored) -> str:
    """One line a learner reads under the bits."""
    dt = np.dtype(s.dtype)
    stored = f"{s.value:g}" if dt.kind == "f" else str(s.value)
    top = np.finfo(dt).max if dt.kind == "f" else np.iinfo(dt).max
    notes = {
        "exact": "stored exactly",
        "truncated": "fraction dropped",
        "wrapped": f"an int64 cast to {s.dtype} keeps the low {s.nbits} bits: "
        f"{math.trunc(s.requested)} mod 2^{s.nbits}",
        "undefined": f"a float64 outside {s.dtype}'s range: the cast is undefined and "
        "platform-dependent; NumPy "
        + ("warned 'invalid value encountered in cast'" if s.warned else "gave no warning")
        + " here",
        "rounded": f"rounded (error {abs(float(s.value) - s.requested):.3g})",
        "subnormal": "subnormal: fewer significant bits",
        "overflow": f"overflow: above the maximum {float(top):g}",
        "underflow": "underflow: too small, became 0",
    }
    return f"{s.requested:g} as {s.dtype} -> {stored}  ({notes[s.status]})"


#: how many items the Python-list estimate measures before scaling up
LIST_SAMPLE = 1_000


def int_object_bytes(n: int = LIST_SAMPLE) -> float:
    """Bytes the allocator hands out per distinct Python int, measured with tracemalloc.

    ``sys.getsizeof(10**6)`` says 28 on 64-bit CPython 3.11, but each int is allocated as
    a block of ``sizeof(PyLongObject)``, 32 bytes: tracemalloc sees the block, not the 28.
    ``n`` (at least 1) ints above the small-int cache are made and kept while tracing.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    slots: list[object] = [None] * n  # the list exists before tracing starts
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for k in range(n):
            slots[k] = 10**6 + k  # a new int each time, none of them cached
        del k  # the loop's own counter is an int too
        after = tracemalloc.get_traced_memory()[0]
    finally:
        if not tracing:
            tracemalloc.stop()
    return (after - before) / n


@functools.cache
def _list_costs() -> tuple[int, int, float]:
    """(list header, bytes per list slot, bytes per int object), measured on a sample."""
    empty = sys.getsizeof([])
    per_slot = (sys.getsizeof([0] * LIST_SAMPLE) - sys.getsizeof([0])) / (LIST_SAMPLE - 1)
    return empty, round(per_slot), round(int_object_bytes(LIST_SAMPLE))


def python_list_bytes(n: int) -> int:
    """Bytes of a list of ``n`` distinct Python ints: the list's pointer array plus each int.

    Computed, not built: the list's pointer array from ``sys.getsizeof`` of lists, and
    each int's allocated block with tracemalloc (:func:`int_object_bytes`), both measured
    on a small sample (:data:`LIST_SAMPLE` items) and scaled to ``n``, so a hundred million
    items cost nothing to show.
    """
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    empty, per_slot, per_int = _list_costs()
    return int(empty + n * per_slot + n * per_int)


def memory_table(n: int, dtypes: tuple[str, ...] = MEMORY_DTYPES) -> list[tuple[str, int]]:
    """(label, bytes) for ``n`` elements in each dtype, then as a Python list of ints."""
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    rows = [(str(np.dtype(d)), n * np.dtype(d).itemsize) for d in dtypes]
    rows.append((LIST_LABEL, python_list_bytes(n)))
    return rows


def human_bytes(n: float) -> str:
    """1536 -> '1.5 KiB'."""
    if abs(n) < 1024:
        return f"{n:.0f} B"
    for unit in ("KiB", "MiB", "GiB"):
        n /= 1024
        if abs(n) < 1024 or unit == "GiB":
            break
    return f"{n:.1f} {unit}"
