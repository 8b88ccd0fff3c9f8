# %% [markdown]
# # 02 · Dtypes: choosing what each byte means
#
# In `01-strides` the item size was a given. Here it becomes a choice. The **dtype** says how
# many bytes each item takes and how to read them: as a signed or unsigned integer, as a
# floating-point number, as raw bytes, or as a record of named fields. Pick a dtype twice as
# small and your array takes half the memory and half the memory bandwidth; pick it too small
# and values wrap around or lose digits, often without a word of warning.
#
# **What you'll do**
#
# 1. Measure what an item costs: `itemsize`, `nbytes`, a Python list against an array, text
#    (`U` against NumPy 2's `StringDType`), Python objects, and booleans packed into bits.
# 2. Find the smallest dtype that holds your data with `np.iinfo`, `np.finfo`,
#    `np.min_scalar_type` and `np.can_cast`.
# 3. Watch small integers overflow and wrap around, and write arithmetic that cannot.
# 4. Learn NumPy 2's promotion rules (NEP 50) and where they surprise.
# 5. Trade float64 for float32 or float16: measure the memory saved, the precision lost and
#    the speed gained.
# 6. Reinterpret bytes with `.view(dtype)`, and meet byte order.
# 7. Lay out records with structured dtypes, padding included.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on fresh inputs (other dtypes, shapes, extreme values and non-contiguous arrays),
# so write the general rule, not the answers to the examples. *Validate* (in the toolbar)
# runs every visible test at once.
#
# Every number printed below is measured on the machine running this notebook.

# %% readonly id=setup
import math
import sys
import timeit
import warnings

import numpy as np

from npmem.explorers.dtypes import dtypes_explorer

# %% [markdown]
# ## 1. What an item costs
#
# `itemsize` is the number of bytes of one item; `nbytes` is `size * itemsize`, the size of
# the data buffer (not counting the small header every array object carries).

# %%
for name in [
    "bool",
    "int8",
    "uint16",
    "int32",
    "int64",
    "float16",
    "float32",
    "float64",
    "complex128",
    "longdouble",
    "datetime64[ns]",
    "timedelta64[s]",
    "S10",
    "U10",
]:
    dt = np.dtype(name)
    print(
        f"{name:14} kind {dt.kind!r}  itemsize {dt.itemsize:2}  "
        f"1000 items: {np.zeros(1000, dtype=dt).nbytes:6} bytes"
    )

# %% [markdown]
# Note the last two: `S10` stores up to 10 bytes per string, `U10` up to 10 characters in
# UTF-32, 4 bytes each, whether the text is ASCII or not. `longdouble` is whatever the C
# compiler's `long double` is, so it depends on the platform: 80-bit extended precision
# padded to 16 bytes on x86-64 Linux, plain 8-byte double with MSVC on Windows and on
# macOS on Apple silicon (this machine: the line above, and `np.finfo(np.longdouble)` below).
# `datetime64` and `timedelta64` are 8-byte integers counting units; the unit in brackets
# (`ns`, `s`, `D`, ...) is part of the dtype and costs no bytes.

# %%
ld = np.finfo(np.longdouble)
print(f"longdouble here: {np.dtype(np.longdouble).itemsize} bytes, {ld.nmant} mantissa bits")
print(
    "datetime64[D] itemsize:",
    np.dtype("datetime64[D]").itemsize,
    "  value:",
    np.datetime64("2026-12-06"),
)

# %% [markdown]
# A Python list does not store numbers: it stores pointers (8 bytes each on a 64-bit build)
# to `int` objects, and every one of those is a full Python object with a reference count, a
# type pointer and its digits. We build a million distinct ints (CPython caches the small
# ones, -5 to 256, so we start above that) and count both parts. Do not add up
# `sys.getsizeof` for this: it reports the bytes an int's value needs, but CPython
# allocates each such int as a whole, padded `int` structure, a larger block.
# `tracemalloc` records every allocation, so it measures what each int really costs; the
# cell prints both.

# %%
import tracemalloc

n = 1_000_000
values = list(range(10**6, 10**6 + n))
tracemalloc.start()  # tracing slows allocation down, so we trace a sample of 100,000
sample = list(range(3 * 10**6, 3 * 10**6 + 100_000))
per_int = (tracemalloc.get_traced_memory()[0] - sys.getsizeof(sample)) / len(sample)
tracemalloc.stop()
del sample
int_objects = round(n * per_int)
list_bytes = sys.getsizeof(values) + int_objects
arr = np.array(values, dtype=np.int64)
print(f"sys.getsizeof(10**6) = {sys.getsizeof(values[0])}; allocated per int: {per_int:.1f}")
print(
    f"list : {sys.getsizeof(values):>10,} bytes of pointers "
    f"+ {int_objects:,} bytes of int objects (tracemalloc, per int x {n:,})"
)
print(
    f"array: {arr.nbytes:>10,} bytes of data (+ {sys.getsizeof(arr) - arr.nbytes} bytes of header)"
)
print(f"the list takes {list_bytes / arr.nbytes:.1f}x the memory of the int64 array")

t_list = min(timeit.repeat(lambda: sum(values), number=1, repeat=3))
t_arr = min(timeit.repeat(lambda: arr.sum(), number=1, repeat=3))
print(
    f"sum(list) {t_list * 1e3:.1f} ms, arr.sum() {t_arr * 1e3:.2f} ms: {t_list / t_arr:.0f}x faster"
)

# %% [markdown]
# The array is several times smaller, and its sum many times faster: one tight loop over a
# contiguous buffer, instead of following a million pointers to a million objects. The
# int64 array could shrink further still: these values all fit in 4 bytes. Choosing that
# smaller dtype, safely, is the next section.

# %%
del values

# %% [markdown]
# ### Text, objects and bits
#
# Besides the byte strings of `S`, text has three layouts. A `U` dtype stores every string
# in UTF-32, 4 bytes per character,
# padded to the longest string of the array. NumPy 2's `StringDType`
# (`np.dtypes.StringDType()`) stores UTF-8 of any length: each item is a small fixed-size
# slot (`itemsize` below), and strings too long for the slot live in a separate heap that
# `nbytes` does not count, so we measure everything allocated with `tracemalloc`. An
# `object` array stores pointers to Python `str` objects (8 bytes each on a 64-bit
# machine: its `itemsize`), and those objects cost memory of their own. Here are 10,000
# short words and one long sentence:


# %%
def allocated(make):
    """(result, bytes allocated while making it and still held)."""
    tracemalloc.start()
    result = make()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return result, held


words = [f"w{i % 500}" for i in range(10_000)] + ["a much longer sentence " * 8]
for label, dt in [("U", None), ("StringDType", np.dtypes.StringDType()), ("object", object)]:
    text, held = allocated(lambda: np.array(words, dtype=dt))
    extra = ""
    if dt is object:
        objects = sum(sys.getsizeof(w) for w in {id(w): w for w in text}.values())
        extra = f"  + {objects:,} bytes of str objects (shared with the list `words`)"
    print(
        f"{label:11} dtype {str(text.dtype):14} itemsize {text.itemsize:4}  nbytes "
        f"{text.nbytes:>9,}  allocated {held:>9,}{extra}"
    )

# %% [markdown]
# One long string makes `U` pad every item to its length; `StringDType` pays for the long
# string once. An `object` array's `nbytes` counts only its pointers: the strings are
# ordinary Python objects, with the per-object cost of section 1's list.
#
# Booleans are the other way round: NumPy stores each `bool` in a whole byte.
# `np.packbits` packs 8 of them into one `uint8` (most significant bit first unless
# `bitorder="little"`), and `np.unpackbits(..., count=n)` gives them back.

# %%
flags = np.random.default_rng(0).random(1_000_000) < 0.3
bits = np.packbits(flags)
back = np.unpackbits(bits, count=flags.size).astype(bool)
print(
    f"bool array {flags.nbytes:,} bytes; packed {bits.nbytes:,} bytes ({bits.dtype});"
    f" unpacked again equal: {np.array_equal(back, flags)}"
)
print("packbits([1, 0, 0, 0, 0, 0, 0, 1, 1]) =", np.packbits([1, 0, 0, 0, 0, 0, 0, 1, 1]))
del flags, bits, back

# %% [markdown]
# ## 2. The smallest safe dtype
#
# `np.iinfo` and `np.finfo` give the limits of integer and float dtypes.

# %%
for name in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
    info = np.iinfo(name)
    print(f"{name:7} {info.bits:2} bits  [{info.min:>27,}, {info.max:>26,}]")

# %% [markdown]
# Two more tools answer "which dtype?" directly. `np.min_scalar_type(v)` gives the smallest
# dtype whose *range* holds the value `v` (unsigned when it can), and `np.result_type` gives
# the dtype that holds both of its arguments' dtypes. For an integer, range is all that
# matters. For a float, `min_scalar_type` checks the range only, not the digits: 0.1 and pi
# get float16, which keeps about three of their digits, and 1e-300 gets float16 too, which
# rounds it to 0. The last column converts the value to the dtype it was given.

# %%
for v in [0, 200, -1, 40_000, -40_000, 2**63, 2**64, 2.5, 0.1, math.pi, 1e-300, 1e5]:
    dt = np.min_scalar_type(v)
    back = "" if dt.kind == "O" else f"  -> {np.array(v).astype(dt)[()]!r}"
    print(f"np.min_scalar_type({v!r:>22}) = {str(dt):8}{back}")
print("result_type(int8, uint8) =", np.result_type(np.int8, np.uint8))
print("result_type(int8, uint64) =", np.result_type(np.int8, np.uint64))

# %% [markdown]
# No integer dtype holds both an int8 and a uint64: `result_type` falls back to float64.
#
# `np.can_cast(from, to, casting)` says whether a cast is allowed at one of five levels,
# from the strictest: `"no"` (the same dtype), `"equiv"` (the same, byte order aside),
# `"safe"` (every value of `from` can be represented in `to`), `"same_kind"` (the kind stays
# the same or moves up the order bool, unsigned int, signed int, float, complex, even when
# values are lost: int64 to int8, float64 to float16) and `"unsafe"` (anything). The table
# below asks NumPy:

# %%
LEVELS = ["no", "equiv", "safe", "same_kind", "unsafe"]
print(f"{'from':8}{'to':8}" + "".join(f"{lv:>10}" for lv in LEVELS))
for src, dst in [
    ("<u4", ">u4"),
    ("int16", "int8"),
    ("uint8", "int16"),
    ("uint8", "int8"),
    ("int8", "uint8"),
    ("int16", "float32"),
    ("int32", "float32"),
    ("int64", "float32"),
    ("int64", "float64"),
    ("float64", "int64"),
]:
    print(f"{src:8}{dst:8}" + "".join(f"{np.can_cast(src, dst, lv)!s:>10}" for lv in LEVELS))

# %% [markdown]
# Read the `safe` column closely. float32 holds every integer exactly only up to 2\*\*24 (23
# stored mantissa bits and an implicit leading 1), so int32 to float32 is not safe. float64
# stops at 2\*\*53, yet int64 to float64 *is* "safe": a convention of NumPy's tables (every
# integer may go to float64), not a promise of exactness, as the last lines below show. And
# in NumPy 2, `np.can_cast` refuses Python numbers, because the answer used to depend on the
# value:

# %%
try:
    np.can_cast(300, np.uint8)
except TypeError as err:
    print("TypeError:", str(err).splitlines()[0])
for big_int, name in [(2**24 + 1, "float32"), (2**53 + 1, "float64")]:
    back = int(np.array([big_int]).astype(name)[0])
    print(f"{big_int} -> {name} -> {back}")

# %% [markdown]
# ### Exercise 1: downcast to the smallest exact integer dtype
#
# Write `downcast(x)` that returns the values of `x` (an array with at least one element, of
# any integer **or float** dtype, e.g. counts read from a CSV file as floats) converted to
# the smallest integer dtype that holds every value exactly. Among dtypes of the same size,
# prefer the unsigned one when no value is negative, as `np.min_scalar_type` does: `[0, 200]`
# becomes uint8, `[-1, 200]` becomes int16.
#
# Raise `ValueError` when no integer dtype can hold every value: a value that is not exactly
# a whole number (2.5, nan, inf, and also 2.000001 or 1000000.5, however close), or a range
# that no single integer dtype covers (say -1 and 10\*\*19, or 10\*\*25). Hint: compare the
# smallest and largest values, turned into Python `int`s (which never overflow), with the
# limits from `np.iinfo`.


# %% solution id=downcast
def downcast(x):
    ### BEGIN SOLUTION
    if x.dtype.kind == "f" and not np.all(np.isfinite(x) & (x == np.round(x))):
        raise ValueError("some values are not whole numbers")
    lo, hi = int(x.min()), int(x.max())
    for name in ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64"]:
        info = np.iinfo(name)
        if info.min <= lo and hi <= info.max:
            return x.astype(name)
    raise ValueError(f"no integer dtype holds both {lo} and {hi}")
    ### END SOLUTION


# %% tests id=test_downcast points=3
import numpy as np

from npmem.checks import check_array, check_raises

check_array(
    downcast(np.array([0, 200])), np.array([0, 200], dtype=np.uint8), "downcast(array([0, 200]))"
)
check_array(
    downcast(np.array([-1, 200])), np.array([-1, 200], dtype=np.int16), "downcast(array([-1, 200]))"
)
check_array(
    downcast(np.array([3.0, -70000.0])),
    np.array([3, -70000], dtype=np.int32),
    "downcast(array([3.0, -70000.0]))",
)
check_raises(ValueError, downcast, np.array([2.5]), call="downcast(array([2.5]))")

### BEGIN HIDDEN TESTS
import warnings

from npmem.checks import hidden_rng

rng = hidden_rng("test_downcast")
INTS = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


def _expected_dtype(x):
    lo, hi = int(x.min()), int(x.max())
    if lo >= 0:
        return np.min_scalar_type(hi)
    # both need a signed dtype; the smallest signed dtype that holds hi also holds -hi - 1
    return np.result_type(np.min_scalar_type(lo), np.min_scalar_type(-max(hi, 0) - 1))


for src in INTS:
    for target in INTS:
        s, t = np.iinfo(src), np.iinfo(target)
        lo, hi = max(s.min, t.min), min(s.max, t.max)
        for _ in range(3):
            x = rng.integers(lo, hi, size=(int(rng.integers(1, 6)), 7), dtype=src, endpoint=True)
            if rng.random() < 0.5:  # reach the limits of the target range
                x[0, 0], x[-1, -1] = lo, hi
            for label, view in [
                ("C array", x),
                ("transposed", x.T),
                ("stepped", x[:, ::-3]),
                ("byte-swapped", x.astype(x.dtype.newbyteorder())),
                ("one column", x[:, :1]),
            ]:
                lo_hi = f"[{view.min()}, {view.max()}]"
                call = f"downcast({label} {view.dtype.str} array, values in {lo_hi})"
                check_array(downcast(view), view.astype(_expected_dtype(view)), call)
for _ in range(20):
    x = np.round(rng.normal(0, 10.0 ** int(rng.integers(0, 12)), size=13)).astype(
        str(rng.choice(["f4", "f8"]))
    )
    call = f"downcast(float {x.dtype} array of whole numbers in [{x.min():g}, {x.max():g}])"
    check_array(downcast(x[::-2]), x[::-2].astype(_expected_dtype(x[::-2])), call)
    for dt in ["f2", ">f8"]:
        if np.all(np.abs(x) < 2048):  # whole numbers that float16 holds exactly
            y = x.astype(dt)
            call = f"downcast({y.dtype.str} array of whole numbers in [{x.min():g}, {x.max():g}])"
            check_array(downcast(y), y.astype(_expected_dtype(y)), call)
huge = np.array([0.0, 1.5e19])
check_array(downcast(huge), huge.astype(np.uint64), "downcast(array([0.0, 1.5e19]))")
# floats at the integer limits: int(...) of the extremes, compared exactly
I64, U64 = np.iinfo(np.int64), np.iinfo(np.uint64)
for values in (
    [0.0, 2.0**63],
    [0.0, 2.0**64],
    [-(2.0**63), 0.0],
    [-(2.0**63), 1.0],
    [-(2.0**63), 2.0**63],
    [-(2.0**63) - 2048, 0.0],
    [2.0**63 - 1024, 1.0],
    [-(2.0**31), 2.0**31 - 1],
    [0.0, 2.0**32],
    [-1.0, 2.0**63],
):
    for dt in ["f8", "f4", ">f8"]:
        x = np.array(values, dtype=dt)
        lo, hi = int(x.min()), int(x.max())
        call = f"downcast({dt} array({[float(v) for v in x]}))"
        if lo >= I64.min and hi <= U64.max and (lo >= 0 or hi <= I64.max):
            check_array(downcast(x), x.astype(_expected_dtype(x)), call)
        else:
            check_raises(ValueError, downcast, x, call=call)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for bad in (
        [1.0, 2.5],
        [np.nan, 1.0],
        [np.inf],
        [-np.inf, 0.0],
        [1e25],
        [-1.0, 1.5e19],
        [0.5e-3, 0.0],
        [2.000001],  # close to whole numbers, but not whole: no tolerance
        [1e6 + 0.5, 0.0],
        [3.0, -100.0001],
    ):
        x = np.array(bad)
        check_raises(ValueError, downcast, x, call=f"downcast(array({bad}))")
        check_raises(
            ValueError,
            downcast,
            x.astype(np.float32)[::-1],
            call=f"downcast(float32 array({bad})[::-1])",
        )
### END HIDDEN TESTS

# %% hint id=downcast
# First reject floats that are not whole numbers: when `x.dtype.kind == "f"`, every value must
# be finite (`np.isfinite`) and equal to its rounding (`np.round`). After that only the
# extremes matter: `lo, hi = int(x.min()), int(x.max())` as Python ints, which never overflow.
# ---
# Try the dtypes from the smallest to the largest, unsigned before signed at each size:
# `uint8, int8, uint16, int16, ..., uint64, int64`. The first whose `np.iinfo(name)` has
# `info.min <= lo` and `hi <= info.max` wins: return `x.astype(name)`. If none fits, raise
# `ValueError`.


# %% [markdown]
# ## 3. Overflow and wrap-around
#
# An n-bit integer dtype has 2**n values. When an integer result falls outside the range,
# NumPy keeps the lowest n bits of the true result: the value **wraps around**, modulo
# 2**n. Casting one integer dtype to another with `astype`, and integer arithmetic on
# arrays, do it without a word (one exception below).

# %%
print("astype:   ", np.array([300, -1, 128]).astype(np.int8), "(300, -1, 128 as int8)")
print("           ", np.array([300, -1, 256]).astype(np.uint8), "(300, -1, 256 as uint8)")
pixels = np.array([250, 100, 5], dtype=np.uint8)
print("uint8 add:", pixels + np.uint8(10), "  (250 + 10 wrapped)")
print("int32 pow:", np.power(100, 9, dtype=np.int32), "  (100**9 in int32)")

# %% [markdown]
# Casting a **float** that is out of range to an integer dtype is different: the C standard
# leaves that conversion undefined, so the result depends on the CPU and the compiler (it is
# whatever the machine's conversion instructions give). Some values may come out as if they
# had wrapped and others not, and NumPy warns `invalid value encountered in cast` only when
# the CPU flags a conversion as invalid, which not every out-of-range value does. Here is
# what this machine gives, value by value:

# %%
floats = np.array([3e9 + 7, 5e9 + 3, 300.0, -1.0])
for v in floats:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        as_i8, as_u8 = np.array([v]).astype(np.int8)[0], np.array([v]).astype(np.uint8)[0]
    print(
        f"float64 {v:>15,.1f} as int8: {as_i8:4}  as uint8: {as_u8:3}  warnings:",
        sorted({str(w.message) for w in caught}),
    )
print(
    "the same values as int64 first, then int8 (wraps):",
    floats.astype(np.int64).astype(np.int8).tolist(),
)

# %% [markdown]
# Arrays do not warn about wrap-around in `+`, `-`, `*` or `**`: checking every element
# would cost time. The one integer overflow they report is the division `INT_MIN // -1`
# (its true result, -INT_MIN, does not fit). The Python *operators* on NumPy scalars
# (`np.int8(127) + np.int8(1)`) do check, and warn; the same operation as a ufunc call,
# `np.add(np.int8(127), np.int8(1))`, or `np.power(100, 9, dtype=np.int32)` above, is
# silent even when its result is a scalar. NumPy 2.4 added a cast that refuses to change a
# value: `casting="same_value"`.

# %%
for label, make in [
    ("np.int8(127) + np.int8(1)", lambda: np.int8(127) + np.int8(1)),
    ("np.add(np.int8(127), np.int8(1))", lambda: np.add(np.int8(127), np.int8(1))),
    ("np.power(100, 9, dtype=np.int32)", lambda: np.power(100, 9, dtype=np.int32)),
    ("int8 array [-128] // [-1]", lambda: np.array([-128], np.int8) // np.array([-1], np.int8)),
    ("int8 array [127] + [1]", lambda: np.array([127], np.int8) + np.array([1], np.int8)),
]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = make()
    print(f"{label:34} = {result!s:12} warnings: {[str(w.message) for w in caught]}")
try:
    np.array([100, 300]).astype(np.int8, casting="same_value")
except ValueError as err:
    print("astype(int8, casting='same_value') ->", err)

# %% [markdown]
# Explore the bits. Pick a dtype and a value (the slider value times a power of two); the
# boxes show the bits stored, most significant first. For integers, push a whole number past
# the limits and watch it wrap (it is taken as an int64, then cast); a value with a fraction
# is a float, and beyond the range its cast is this machine's undefined result, as above.
# For signed integers the top bit is the sign (two's complement:
# -1 is all ones). For floats, the bits split into a **sign**, an **exponent** and a
# **mantissa**; try a large power of two with float16 (its maximum is 65504) and a very
# negative one (subnormals, then zero). The bars below compare the memory of N elements in
# each dtype and as a Python list.

# %%
dtypes_explorer()

# %% [markdown]
# Overflow hides in innocent code. The midpoint of two uint8 pixel values, `(a + b) // 2`,
# wraps as soon as `a + b` exceeds 255:

# %%
a = np.array([200, 100], dtype=np.uint8)
b = np.array([100, 50], dtype=np.uint8)
print("(a + b) // 2 =", (a + b) // 2, "  true midpoints:", (a.astype(int) + b) // 2)

# %% [markdown]
# ### Exercise 2: a midpoint that cannot overflow
#
# Write `midpoint(a, b)` returning `floor((a + b) / 2)` element by element for two integer
# arrays of the same shape (at least one axis, possibly empty) and dtype, **in that same
# dtype**, for every integer dtype up to int64 and uint64, and for all their values,
# including the extremes. There is no wider dtype to escape to after 64 bits, so do not
# widen: split each value into its half and its lowest bit (`>> 1` and `& 1`; `>>` on a
# negative integer rounds down). Floor means towards minus infinity: the midpoint of -3 and
# 0 is -2.


# %% solution id=midpoint
def midpoint(a, b):
    ### BEGIN SOLUTION
    return (a >> 1) + (b >> 1) + (a & b & 1)
    ### END SOLUTION


# %% tests id=test_midpoint points=2
import numpy as np

from npmem.checks import check_array

check_array(
    midpoint(np.array([250, 3], dtype=np.uint8), np.array([254, 4], dtype=np.uint8)),
    np.array([252, 3], dtype=np.uint8),
    "midpoint(uint8 [250, 3], uint8 [254, 4])",
)
check_array(
    midpoint(np.array([-128, 127, -3], dtype=np.int8), np.array([-128, 127, 0], dtype=np.int8)),
    np.array([-128, 127, -2], dtype=np.int8),
    "midpoint(int8 [-128, 127, -3], int8 [-128, 127, 0])",
)

### BEGIN HIDDEN TESTS
from npmem.checks import check_equal, hidden_rng

rng = hidden_rng("test_midpoint")
for dtype in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
    info = np.iinfo(dtype)
    for shape in [(0,), (1, 7), (50,), (6, 9)]:
        a = rng.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)
        b = rng.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)
        a.flat[:4] = [info.max, info.min, info.max, info.min + 1][: a.size]
        b.flat[:4] = [info.max, info.min, info.max - 1, info.min][: b.size]
        for label, x, y in [
            ("C arrays", a, b),
            ("reversed", a[::-1], b[::-1]),
            ("transposed", a.T, b.T),
            ("stepped", a[..., ::2], b[..., ::2]),
        ]:
            exact = (x.astype(object) + y.astype(object)) // 2
            call = f"midpoint({label} {dtype} shape={x.shape}, values near the limits)"
            check_array(midpoint(x, y), exact.astype(dtype), call)
        # the other byte order: the same values, in the same dtype (byte order aside)
        swapped = np.dtype(dtype).newbyteorder()
        x, y = a.astype(swapped), b.astype(swapped)
        call = f"midpoint({swapped.str} shape={x.shape}, values near the limits)"
        got = midpoint(x, y)
        exact = (x.astype(object) + y.astype(object)) // 2
        check_array(got, exact.astype(dtype), call, dtype=False)
        check_equal(got.dtype.newbyteorder("="), np.dtype(dtype), call + ".dtype, byte order aside")
### END HIDDEN TESTS

# %% hint id=midpoint
# Write every value as `2 * (v >> 1) + (v & 1)`. Then the sum is
# `2 * ((a >> 1) + (b >> 1)) + (a & 1) + (b & 1)`, and halving it never needs a wider dtype:
# `(a >> 1) + (b >> 1)` fits, and only the two low bits are left over.
# ---
# The leftover `floor(((a & 1) + (b & 1)) / 2)` is 1 only when both low bits are 1, and 0
# otherwise. Which bitwise operation of `a`, `b` and `1` gives exactly that?


# %% [markdown]
# ## 4. Promotion in NumPy 2 (NEP 50)
#
# When an operation mixes dtypes, NumPy picks the result dtype by **promotion**. Since
# NumPy 2 the rule is: *only dtypes matter, never values*. NumPy arrays and NumPy scalars
# have a "strong" dtype; Python `int`, `float` and `complex` are "weak": they adopt the
# array's dtype if they are of the same kind or a lower one.

# %%
i8 = np.array([1, 2, 3], dtype=np.int8)
f32 = np.array([1.0, 2.0], dtype=np.float32)
for expr in [
    "i8 + 1",
    "i8 + np.int16(1)",
    "i8 + np.int64(1)",
    "i8 + 1.5",
    "i8 * 1j",
    "f32 + 1.5",
    "f32 + np.float64(1.5)",
    "i8 + f32[:1]",
    "i8 // 2",
    "i8 / 2",
]:
    print(f"{expr:22} -> {eval(expr).dtype}")

# %% [markdown]
# The surprises:
#
# * `uint8_array + 10` stays uint8 and may wrap; `uint8_array + 300` is not promoted: the
#   Python int does not fit the dtype it must take, so NumPy raises `OverflowError`.
# * A Python int too large for int64 raises too, even with an int64 array.
# * Mixing in a NumPy scalar (`np.int64(1)`, `np.float64(1.5)`, or a value you took out of
#   another array) promotes the whole result: a float32 pipeline silently turns float64.
# * Before NumPy 2, `i8 + 300` gave int16 and `f32 + np.float64(1.5)` gave float32: the
#   answer depended on the value. Old tutorials still show those.

# %%
for label, func in [
    ("uint8 array + 300", lambda: np.array([1], dtype=np.uint8) + 300),
    ("int64 array + 10**20", lambda: np.array([1]) + 10**20),
]:
    try:
        func()
    except OverflowError as err:
        print(f"{label:22} -> OverflowError: {err}")
weights = np.array([0.5, 2.0])  # float64
print(
    "f32 * weights[0] ->",
    (f32 * weights[0]).dtype,
    "   f32 * float(weights[0]) ->",
    (f32 * float(weights[0])).dtype,
)

# %% [markdown]
# ### Exercise 3: saturating addition
#
# Image code often wants **saturation**: 250 + 10 in uint8 should be 255, not 4, and
# 5 - 10 should be 0. Write `saturating_add(x, k)` that adds the Python int `k` to every
# element of the integer array `x` and clips the true result to the limits of `x.dtype`.
# Return a new array with `x`'s dtype and shape; leave `x` unchanged. `x` has an integer
# dtype of at most 32 bits (signed or unsigned) and may be non-contiguous; `k` is any Python
# int, possibly huge (10\*\*30 and -10\*\*30 must work). Mind both traps of this section:
# `x + k` wraps, and a Python int that does not fit a dtype raises.


# %% solution id=saturating_add
def saturating_add(x, k):
    ### BEGIN SOLUTION
    info = np.iinfo(x.dtype)
    span = int(info.max) - int(info.min)
    k = max(-span, min(span, k))  # beyond one span every element saturates anyway
    wide = x.astype(np.int64) + k
    return np.clip(wide, info.min, info.max).astype(x.dtype)
    ### END SOLUTION


# %% tests id=test_saturating_add points=2
import numpy as np

from npmem.checks import check_array

img = np.array([250, 5, 100], dtype=np.uint8)
check_array(
    saturating_add(img, 10),
    np.array([255, 15, 110], dtype=np.uint8),
    "saturating_add(uint8 [250, 5, 100], 10)",
)
check_array(
    saturating_add(img, -300),
    np.array([0, 0, 0], dtype=np.uint8),
    "saturating_add(uint8 [250, 5, 100], -300)",
)
check_array(
    saturating_add(np.array([-100, 0, 100], dtype=np.int8), 200),
    np.array([100, 127, 127], dtype=np.int8),
    "saturating_add(int8 [-100, 0, 100], 200)",
)

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_saturating_add")
for dtype in ["int8", "uint8", "int16", "uint16", "int32", "uint32"]:
    info = np.iinfo(dtype)
    lo, hi = int(info.min), int(info.max)
    base = rng.integers(lo, hi, size=(7, 8), dtype=dtype, endpoint=True)
    base.flat[:2] = [lo, hi]
    ks = [0, 1, -1, hi, -hi, hi - lo, lo - hi, 2 * (hi - lo) + 3, 10**30, -(10**30)]
    ks += [int(k) for k in rng.integers(lo - hi, hi - lo, size=6, endpoint=True)]
    for k in ks:
        for label, x in [
            ("C array", base),
            ("transposed", base.T),
            ("stepped", base[::-2, 1::3]),
            ("byte-swapped", base.astype(base.dtype.newbyteorder())[:, ::-1]),
            ("one row", base[2:3]),
            ("empty", base[:0]),
        ]:
            before = x.copy()
            expected = np.array([min(max(int(v) + k, lo), hi) for v in x.ravel()], dtype=x.dtype)
            call = f"saturating_add({label} {x.dtype.str} shape={x.shape}, {k})"
            check_array(saturating_add(x, k), expected.reshape(x.shape), call)
            check_array(x, before, call + " changed its input x; x")
### END HIDDEN TESTS

# %% hint id=saturating_add
# Do the addition in a dtype wide enough that nothing wraps: the inputs have at most 32 bits,
# so `int64` holds `x + k` as long as `k` itself is not huge. Then clip to the limits of
# `np.iinfo(x.dtype)` and cast back to `x.dtype`.
# ---
# `k = 10**30` does not fit in int64. But once `k` is larger than the whole span of the dtype
# (`info.max - info.min`), every element saturates anyway: clamp `k` to `[-span, span]` with
# Python's `max` and `min` before it meets NumPy.


# %% [markdown]
# ## 5. float16, float32, float64: memory against precision
#
# A float stores a sign, an exponent (the scale) and a mantissa (the significant digits).
# Fewer bits of mantissa means a larger relative gap `eps` between neighbouring numbers;
# fewer bits of exponent means a smaller range.

# %%
for name in ["float16", "float32", "float64"]:
    fi = np.finfo(name)
    print(
        f"{name}: {fi.bits} bits = 1 sign + {fi.nexp} exponent + {fi.nmant} mantissa;"
        f"  eps {float(fi.eps):.2e}  max {float(fi.max):.3e}"
        f"  smallest normal {float(fi.smallest_normal):.2e}  ~{fi.precision} digits"
    )

# %% [markdown]
# What does that do to a real computation? A running total, accumulated one element at a
# time (`np.cumsum`), is the worst case: once the total is large, each small addend is below
# half the gap between representable totals and is rounded away. `np.sum` of a contiguous
# array uses *pairwise* summation (partial sums of blocks, then sums of those sums), adding
# numbers of similar size, and suffers far less. We sum the same 100,000 values, stored in
# each dtype, and compare with the exact sum (`math.fsum`).

# %%
rng = np.random.default_rng(0)
data = rng.random(100_000) * 0.5
exact = math.fsum(data)
print(f"exact sum {exact:.6f}")
for name in ["float16", "float32", "float64"]:
    x = data.astype(name)
    running = float(np.cumsum(x)[-1])
    pairwise = float(x.sum())
    print(
        f"{name}: {x.nbytes:>7,} bytes  running total {running:14.6f} "
        f"(rel. error {abs(running - exact) / exact:.1e})  "
        f"np.sum {pairwise:14.6f} (rel. error {abs(pairwise - exact) / exact:.1e})"
    )

# %% [markdown]
# Look at the float16 running total. The gap between neighbouring float16 numbers grows
# with their size (the cell below prints it). Once half the gap is larger than an addend
# (ours are all below 0.5), adding it rounds back to the same total, and once that holds
# for every addend the running total stops growing.

# %%
for total in [16.0, 256.0, 1000.0, 1024.0, 2048.0]:
    print(f"gap between float16 numbers near {total:6}: {float(np.spacing(np.float16(total)))}")

# %% [markdown]
# Pairwise summation has a condition that is easy to miss: NumPy uses it along the axis its
# inner loop walks, the contiguous one. Summing a C-ordered 2-D array along **axis 0** adds
# one row after another into a row of totals, so each column total is a running total
# again. Below, ten million copies of float32 `0.1` are summed both ways; `np.broadcast_to`
# provides them without allocating anything (every stride is 0), and a real array of a
# million rows is compared with its broadcast stand-in.

# %%
n = 10_000_000
exact = n * float(np.float32(0.1))
down = np.broadcast_to(np.float32(0.1), (n, 2))  # sum along axis 0: row after row
across = np.broadcast_to(np.float32(0.1), (2, n))  # sum along axis 1: the inner axis
for label, total in [
    ("(n, 2) summed along axis 0", down.sum(axis=0)[0]),
    ("(2, n) summed along axis 1", across.sum(axis=1)[0]),
    ("axis 0, accumulated in float64", down.sum(axis=0, dtype=np.float64)[0]),
]:
    print(f"{label:31} {float(total):14,.2f}   rel. error {abs(float(total) - exact) / exact:.1e}")
real = np.full((1_000_000, 2), 0.1, dtype=np.float32)
stand_in = np.broadcast_to(np.float32(0.1), real.shape)
print(
    "a real (10**6, 2) array sums along axis 0 like its stand-in:",
    np.array_equal(real.sum(axis=0), stand_in.sum(axis=0)),
)
del real

# %% [markdown]
# When the accuracy of a sum along a non-contiguous axis matters, accumulate in a wider
# dtype (`dtype=np.float64`, as above), or sum a copy laid out so that the axis is
# contiguous.

# %% [markdown]
# float32 keeps about six significant digits, float64 about fifteen (the `precision` printed
# above). Halving the memory costs digits, and how many depends on the algorithm as much as
# on the dtype.
#
# And speed? Smaller items mean fewer bytes to move, so float32 is usually faster than
# float64 on large arrays. float16 is another story: few CPUs compute in float16 directly,
# and for most operations NumPy converts each element to float32 and back. Measure before
# you choose it for speed:

# %%
big = np.random.default_rng(1).random(2_000_000)
times = {}
for name in ["float16", "float32", "float64"]:
    x = big.astype(name)
    times[name] = min(timeit.repeat(lambda: x * x + x, number=1, repeat=5))
    print(f"{name}: {x.nbytes / 2**20:5.1f} MiB  x * x + x takes {times[name] * 1e3:6.2f} ms")
print(
    f"compared with float64, float32 takes {times['float32'] / times['float64']:.2f}x the "
    f"time and float16 {times['float16'] / times['float64']:.2f}x"
)
del big, x

# %% [markdown]
# ### Exercise 4: the cheapest float that is good enough
#
# Write `cheapest_float(x, rtol)` returning the smallest of `np.dtype("float16")`,
# `np.dtype("float32")` and `np.dtype("float64")` into which the finite float array `x` can
# be converted with every element within relative error `rtol`: after the round trip,
# `abs(y - x) <= rtol * abs(x)` element by element (so a zero must stay zero, and a value
# that overflows to inf fails). `x` may be of any float dtype (float16, float32, float64,
# either byte order) and any shape, possibly empty (nothing to lose: float16). Mind the
# range as well as the digits: float16's largest value is 65504 (from 65520 up a value
# rounds to inf) and it loses digits below about 6e-5 (subnormals). These are not cut-offs:
# only the round trip decides (65510 rounds to 65504, a subnormal keeps some digits). The
# cast to float16 warns on overflow; silence it with `with np.errstate(over="ignore"):`.


# %% solution id=cheapest_float
def cheapest_float(x, rtol):
    ### BEGIN SOLUTION
    x64 = x.astype(np.float64)
    for name in ["float16", "float32"]:
        with np.errstate(over="ignore", invalid="ignore"):
            y = x64.astype(name).astype(np.float64)
            if np.all(np.abs(y - x64) <= rtol * np.abs(x64)):
                return np.dtype(name)
    return np.dtype("float64")
    ### END SOLUTION


# %% tests id=test_cheapest_float points=2
import warnings

import numpy as np

from npmem.checks import check_equal


def _dtype_of(got):
    """Accept np.float16 as well as np.dtype('float16')."""
    if isinstance(got, type) and issubclass(got, np.floating):
        return np.dtype(got)
    return got


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    check_equal(
        _dtype_of(cheapest_float(np.array([0.5, 0.25, 1.0]), 0.0)),
        np.dtype("float16"),
        "cheapest_float(array([0.5, 0.25, 1.0]), 0.0)",
    )
    check_equal(
        _dtype_of(cheapest_float(np.array([0.1]), 1e-3)),
        np.dtype("float16"),
        "cheapest_float(array([0.1]), 1e-3)",
    )
    check_equal(
        _dtype_of(cheapest_float(np.array([0.1]), 1e-6)),
        np.dtype("float32"),
        "cheapest_float(array([0.1]), 1e-6)",
    )
    check_equal(
        _dtype_of(cheapest_float(np.array([1e5]), 0.1)),
        np.dtype("float32"),
        "cheapest_float(array([1e5]), 0.1)",
    )

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_cheapest_float")


def _expected(x, rtol):
    x64 = x.astype(np.float64)
    for name in ["float16", "float32", "float64"]:
        with np.errstate(all="ignore"):
            y = x64.astype(name).astype(np.float64)
        if np.all(np.abs(y - x64) <= rtol * np.abs(x64)):
            return np.dtype(name)
    return np.dtype("float64")


cases = [
    (np.array([1000.1, 2000.3]), 1e-3),  # float16 is close enough, relatively
    (np.array([1e-6, 0.5]), 1e-2),  # subnormal in float16: about 1% off
    (np.array([2e-8]), 0.5),  # below half float16's smallest subnormal: rounds to 0
    (np.array([0.0, -0.0, 1.0]), 0.0),
    (np.array([1e39]), 0.1),  # too large for float32
    (np.array([65504.0, -65504.0]), 0.0),
    (np.array([65520.0]), 0.1),  # rounds up to inf in float16
    (np.array([1 / 3]), 1e-12),
    (np.array([]), 0.0),  # nothing to lose
    (np.array([[1.5], [-2.25]]), 0.0),  # length-1 axis
    (np.array([65504.0, 0.1], dtype=">f8"), 1e-3),  # the other byte order
    (np.array([0.1, 3.0], dtype=np.float16), 0.0),  # float16 in: float16 is exact
    (np.array([np.finfo(np.float32).max]), 0.0),
    # the round trip decides, not np.finfo's limits: just past the largest value, subnormals
    (np.array([65510.0, -65519.0]), 1e-3),  # both round to +-65504 in float16
    (np.array([1e-5, -3e-5]), 0.1),  # float16 subnormals, within 10%
    (np.array([2.0**-20, 2.0**-24]), 0.0),  # exact float16 subnormals
    (np.array([float(np.finfo(np.float32).max) * (1 + 1e-8)]), 1e-6),  # rounds to max
    (np.array([1e-40, 1.0]), 0.01),  # a float32 subnormal
]
for _ in range(25):
    scale = 10.0 ** rng.uniform(-9, 9)
    x = rng.normal(0, scale, size=(int(rng.integers(1, 5)), 6))
    rtol = float(10.0 ** rng.uniform(-9, -1))
    cases.append((x, rtol))
    cases.append((x.T, rtol))
    cases.append((x.astype(np.float32)[:, ::-2], rtol))
    cases.append((np.round(x[:, ::3] * 4 / scale) / 4, 0.0))  # quarters are exact in float16
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for x, rtol in cases:
        call = (
            f"cheapest_float({x.dtype.str} shape={x.shape}"
            + (f" in [{x.min():.3g}, {x.max():.3g}]" if x.size else "")
            + f", rtol={rtol:.3g})"
        )
        check_equal(_dtype_of(cheapest_float(x, rtol)), _expected(x, rtol), call)
### END HIDDEN TESTS

# %% hint id=cheapest_float
# Try `float16`, then `float32`: convert `x` to the candidate and back to `float64`, and
# compare with `x` in `float64`: `np.all(np.abs(y - x) <= rtol * np.abs(x))`. If neither
# passes, the answer is `float64`.
# ---
# Overflow gives `inf`, and `inf - x` is `inf`, so the comparison fails as it should. Do the
# casts inside `with np.errstate(over="ignore", invalid="ignore"):` so that no warning is
# printed (a test cell that writes a warning to stderr scores 0). Return `np.dtype(...)`
# objects.


# %% [markdown]
# ## 6. Same bytes, another dtype: `.view`, byte order and `astype(copy=False)`
#
# `astype(dtype)` converts **values** and copies. `view(dtype)` keeps the **bytes** and reads
# them with another dtype: no copy, no conversion. A common case: RGBA images packed one
# pixel per uint32, `R + G*256 + B*256**2 + A*256**3`. Viewed as uint8, each pixel is four
# bytes.

# %%
packed = np.array([0xFF0000FF, 0x80FF8000, 0x00000000], dtype=np.uint32)
print("packed   :", [f"{p:#010x}" for p in packed])
as_bytes = packed.view(np.uint8).reshape(len(packed), 4)
print("as uint8 :", as_bytes.tolist(), "  shares memory:", np.shares_memory(as_bytes, packed))
print("machine byte order:", sys.byteorder)

# %% [markdown]
# On a little-endian machine (x86, ARM in its usual mode) the **lowest** byte of a number
# comes first in memory, so the bytes of `0x80FF8000` read `00 80 FF 80`: R, G, B, A. A
# big-endian machine, or a file format such as FITS or network packets, stores the highest
# byte first. A dtype carries its byte order: `<` little, `>` big, `=` native, `|` not
# applicable (one byte). NumPy writes the machine's own order as `=`, so on a little-endian
# machine `np.dtype("<u4").byteorder` is `=` too.

# %%
for name in ["u4", "<u4", ">u4", "u1"]:
    print(f"np.dtype({name!r}).byteorder = {np.dtype(name).byteorder!r}")
big_endian = packed.astype(">u4")
print(
    "same values:",
    (big_endian == packed).all(),
    "  bytes little:",
    packed[1:2].tobytes().hex(" "),
    "  bytes big:",
    big_endian[1:2].tobytes().hex(" "),
)
print("big-endian viewed as uint8:", big_endian.view(np.uint8).reshape(3, 4)[1].tolist())

# %% [markdown]
# Three ways to change byte order, not to be confused: `astype(">u2")` keeps the *values*
# and rewrites the bytes (a copy); `byteswap()` reverses the bytes of every item and keeps
# the dtype, so the values change (a copy, or in place with `inplace=True`);
# `view(dtype.newbyteorder())` keeps the bytes and reads them in the other order, so the
# values change and nothing is copied. `byteswap()` followed by that view gives the
# original values with the other byte order: that is how you fix data that was read with
# the wrong byte order, or change its order without changing its values.

# %%
le = np.array([1, 256], dtype="<u2")
for label, out in [
    ('le.astype(">u2")', le.astype(">u2")),
    ("le.byteswap()", le.byteswap()),
    ("le.view(le.dtype.newbyteorder())", le.view(le.dtype.newbyteorder())),
    ("le.byteswap().view(...newbyteorder())", le.byteswap().view(le.dtype.newbyteorder())),
]:
    print(
        f"{label:38} values {out.tolist()!s:12} dtype {out.dtype.str}  bytes"
        f" {out.tobytes().hex(' ')}  shares memory with le: {np.shares_memory(out, le)}"
    )

# %% [markdown]
# A view to a dtype of another item size changes the length of the last axis (one uint32
# becomes four uint8, or four uint8 one uint32), so NumPy asks four things of the array:
# it has at least one axis (a 0-d array can only take a dtype of the same item size); its
# last axis is contiguous, stride equal to the item size (a last axis of length 1 is exempt:
# it is never stepped along; so is an empty array, which has no bytes to read); for a
# smaller item, its size divides the old item size (a 4-byte item splits into 2-byte or
# 1-byte items, not 3-byte ones); and, for a larger item, the bytes of the last axis divide
# evenly into the new items. A view to a dtype of the *same* item size works on any strides.

# %%
grid8 = np.arange(12, dtype=np.uint8).reshape(3, 4)
for label, make in [
    ("grid8[::2] (rows stepped)", lambda: grid8[::2].view(np.uint16)),
    ("grid8.T (last axis strided)", lambda: grid8.T.view(np.uint16)),
    ("grid8[:, :3] (3 bytes per row)", lambda: grid8[:, :3].view(np.uint16)),
    ("uint32 as 3-byte items 'V3'", lambda: np.zeros(4, dtype=np.uint32).view("V3")),
    ("grid8[:, ::2][:0] (empty, strided)", lambda: grid8[:, ::2][:0].view(np.uint16)),
    ("0-d uint32 as uint16", lambda: np.array(5, dtype=np.uint32).view(np.uint16)),
    ("0-d uint32 as int32", lambda: np.array(5, dtype=np.uint32).view(np.int32)),
    ("grid8.T as int8 (same size)", lambda: grid8.T.view(np.int8)),
]:
    try:
        got = make()
        print(f"{label:35} -> view of shape {got.shape}, strides {got.strides}")
    except ValueError as err:
        print(f"{label:35} -> ValueError: {err}")

# %% [markdown]
# A structured dtype (section 7) can name the four bytes of a pixel, so one view of the
# same item size reads each channel as a field, whatever the strides:

# %%
rgba = np.dtype([("r", "u1"), ("g", "u1"), ("b", "u1"), ("a", "u1")])
channels = packed[::-1].view(rgba)  # little-endian layout; reversed: not contiguous
print("green channel:", channels["g"], "  shares memory:", np.shares_memory(channels["g"], packed))

# %% [markdown]
# Finally, `astype(dtype, copy=False)` copies only when it must: if the dtype already
# matches (byte order included) and the memory order asked with `order=` is already met,
# you get the same array back. It never refuses: where a copy is needed it copies, unlike
# `np.array(x, copy=False)` and `np.reshape(x, shape, copy=False)`, which raise
# `ValueError` rather than copy.

# %%
same = packed.astype(np.uint32, copy=False)
other = packed.astype(">u4", copy=False)
print("astype(uint32, copy=False) is packed:", same is packed)
print("astype('>u4', copy=False) shares memory:", np.shares_memory(other, packed))
square = np.arange(6, dtype=np.uint32).reshape(2, 3)
in_f = square.astype(np.uint32, order="F", copy=False)
print(
    "astype(uint32, order='F', copy=False) of a C array shares memory:",
    np.shares_memory(in_f, square),
)
try:
    np.array(square, dtype=np.float64, copy=False)
except ValueError as err:
    print("np.array(..., dtype=float64, copy=False) ->", str(err).splitlines()[0])

# %% [markdown]
# ### Exercise 5: a zero-copy channel view
#
# Write `channel_view(pixels, channel)` returning channel `channel` (0 = R, 1 = G, 2 = B,
# 3 = A) of the packed pixels as a **uint8 view** with the same shape as `pixels`: it shares
# `pixels`' memory, and writing to it changes that channel of the pixels. Each pixel value is
# `R + G*256 + B*256**2 + A*256**3`. `pixels` is a uint32 array of any shape and strides
# (the hidden tests transpose and step it), stored little-endian (`<u4`) or big-endian
# (`>u4`): `pixels.dtype.byteorder` tells you which (`=` means this machine's order,
# `sys.byteorder`). Hint: a structured dtype can have one field at any byte offset:
# `np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [k], "itemsize": 4})`.


# %% solution id=channel_view
def channel_view(pixels, channel):
    ### BEGIN SOLUTION
    order = pixels.dtype.byteorder
    little = order == "<" or (order in "=|" and sys.byteorder == "little")
    offset = channel if little else 3 - channel
    one = np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [offset], "itemsize": 4})
    return pixels.view(one)["c"]
    ### END SOLUTION


# %% tests id=test_channel_view points=3
import numpy as np

from npmem.checks import check_array, check_view

px = np.array([[0x11223344, 0xAABBCCDD]], dtype=np.uint32)
check_array(
    channel_view(px, 0),
    np.array([[0x44, 0xDD]], dtype=np.uint8),
    "channel_view([[0x11223344, 0xAABBCCDD]], 0)",
)
check_array(
    channel_view(px, 3),
    np.array([[0x11, 0xAA]], dtype=np.uint8),
    "channel_view([[0x11223344, 0xAABBCCDD]], 3)",
)
check_view(channel_view(px, 1), px, "channel_view([[0x11223344, 0xAABBCCDD]], 1)")

### BEGIN HIDDEN TESTS
from npmem.checks import check_equal, hidden_rng

rng = hidden_rng("test_channel_view")
for order in ["<u4", ">u4", "=u4"]:
    base = rng.integers(0, 2**32, size=(6, 10), dtype=np.uint64).astype(order)
    for label, pixels in [
        ("C array", base),
        ("transposed", base.T),
        ("stepped", base[::2, ::-3]),
        ("row", base[3]),
        ("one column", base[:, 4:5]),
        ("0-d", base[2, 3, ...]),
    ]:
        for channel in range(4):
            call = f"channel_view({label} {order} shape={pixels.shape}, {channel})"
            expected = ((pixels >> (8 * channel)) & 0xFF).astype(np.uint8)
            got = channel_view(pixels, channel)
            check_array(got, expected, call, dtype=False)
            check_equal(np.dtype(got.dtype), np.dtype(np.uint8), call + ".dtype")
            check_view(got, pixels, call)
    empty = base[:0]  # shares no byte with anything, but must still be a uint8 view
    for channel in range(4):
        got = channel_view(empty, channel)
        call = f"channel_view(empty {order} shape={empty.shape}, {channel})"
        check_array(got, np.zeros(empty.shape, np.uint8), call, dtype=False)
        check_equal(np.dtype(got.dtype), np.dtype(np.uint8), call + ".dtype")
        check_equal(got.flags.owndata, False, call + ".flags.owndata")
    # writing through the view must change exactly that channel
    for channel in range(4):
        work = base.copy()
        channel_view(work.T, channel)[...] = 0x5A
        mask = np.uint32(0xFF) << np.uint32(8 * channel)
        want = (base & ~mask) | (np.uint32(0x5A) << np.uint32(8 * channel))
        check_array(
            work.astype(np.uint32),
            want.astype(np.uint32),
            f"pixels after channel_view(transposed {order} pixels, {channel})[...] = 0x5A",
        )
### END HIDDEN TESTS

# %% hint id=channel_view
# Channel `c` is one byte of each 4-byte pixel. In little-endian memory the lowest byte (R)
# comes first, so R is at byte 0 and A at byte 3; in big-endian memory it is the other way
# round. Decide from `pixels.dtype.byteorder`, where `"="` and `"|"` mean this machine's order
# (`sys.byteorder`).
# ---
# With the byte offset `k`, look at the pixels through a one-field structured dtype,
# `np.dtype({"names": ["c"], "formats": ["u1"], "offsets": [k], "itemsize": 4})`, and take
# the field: `pixels.view(one)["c"]`. The view keeps the pixels' shape and strides, and
# writing into it writes into the pixels.


# %% [markdown]
# ## 7. Structured dtypes: records, offsets and padding
#
# A structured dtype lays several named fields side by side in one item, like a C `struct`.
# `dt.fields` gives each field's dtype and **offset** in bytes.

# %%
particle = np.dtype([("id", "u1"), ("x", "f8"), ("n", "i4"), ("tag", "S3")])
print("packed :", {k: v[1] for k, v in particle.fields.items()}, "itemsize", particle.itemsize)
aligned = np.dtype(particle.descr, align=True)
print("aligned:", {k: v[1] for k, v in aligned.fields.items()}, "itemsize", aligned.itemsize)

# %% [markdown]
# By default the fields are packed back to back. With `align=True`, NumPy lays them out as a
# C compiler would: each field starts at a multiple of its **alignment**
# (`np.dtype(f).alignment`: for most numbers its item size, for complex numbers that of one
# part, 1 for byte strings; the C compiler decides, so it can differ between platforms), and the
# whole record is padded to a multiple of the largest alignment, so that in an array of
# records *every* record's fields stay aligned. Some CPUs and C libraries require aligned
# data; elsewhere it is merely faster. The price is padding: the bytes that no field uses.

# %%
for name in ["u1", "i2", "i4", "f8", "c16", "S3", "U2"]:
    dt = np.dtype(name)
    print(f"{name:4} itemsize {dt.itemsize:2}  alignment {dt.alignment}")
print("padding bytes per record:", aligned.itemsize - particle.itemsize)

# %% [markdown]
# An array of records keeps each record's fields together ("array of structs"). Separate
# arrays, one per field, keep each field together ("struct of arrays"). Selecting a field of
# a record array is a view with the record's item size as stride, so a computation on one
# field reads the other fields' bytes too, cache line by cache line:

# %%
m = 1_000_000
records = np.zeros(m, dtype=aligned)
records["x"] = np.random.default_rng(2).random(m)
column = records["x"].copy()
print("records['x'] strides:", records["x"].strides, "  separate column strides:", column.strides)
t_rec = min(timeit.repeat(lambda: records["x"].sum(), number=5, repeat=5)) / 5
t_col = min(timeit.repeat(lambda: column.sum(), number=5, repeat=5)) / 5
print(
    f"sum of one field: record array {t_rec * 1e3:.2f} ms, separate array "
    f"{t_col * 1e3:.2f} ms ({t_rec / t_col:.1f}x)"
)
del records, column

# %% [markdown]
# Records win when you read or write whole records (a file format, a C library's array of
# structs); separate arrays win when computations touch one field at a time.
#
# Selecting several fields at once, `records[["x", "n"]]`, is also a view: it keeps the
# record's item size and the fields' offsets, and the unselected bytes stay in between as
# padding. `np.lib.recfunctions.repack_fields` copies it into tightly packed records, and
# `structured_to_unstructured` turns fields of one type into an ordinary 2-D array (a view
# when it can be one, as here).

# %%
from numpy.lib import recfunctions as rfn

recs = np.zeros(4, dtype=aligned)
pair = recs[["x", "n"]]
print(
    "recs[['x', 'n']]: itemsize",
    pair.itemsize,
    " offsets",
    [f[1] for f in pair.dtype.fields.values()],
)
print("  a view:", np.shares_memory(pair, recs), "  strides", pair.strides)
packed_pair = rfn.repack_fields(pair)
print(
    "repack_fields: itemsize",
    packed_pair.itemsize,
    "  a view:",
    np.shares_memory(packed_pair, recs),
)
xy = np.zeros(4, dtype=[("x", "f8"), ("y", "f8"), ("n", "i4")])
plain = rfn.structured_to_unstructured(xy[["x", "y"]])
print(
    "structured_to_unstructured(xy[['x', 'y']]):",
    plain.dtype,
    plain.shape,
    " a view:",
    np.shares_memory(plain, xy),
)
del recs, pair, packed_pair, xy, plain

# %% [markdown]
# ### Exercise 6: the size of a record
#
# Write `record_size(fields)` returning the pair `(packed, aligned)`: the item size in bytes
# of the structured dtype with these fields, without and with `align=True`. `fields` is a
# list (possibly empty) of `(name, format)` pairs such as `[("id", "u1"), ("x", "f8")]`; a
# format may be any dtype string of one type, including byte and unicode strings (`"S5"`,
# `"U2"`) and sub-arrays (`"(3,)f4"`), but not a structured format such as `"i4,f8"` (whose
# alignment NumPy reports as 1 unless it was built with `align=True`). Work it out from each
# field's `np.dtype(format).itemsize` and `.alignment` with the rules above; do not build
# the structured dtype (or an array of it) and read its `itemsize`: that is what this
# exercise rebuilds, and the next exercise needs the rules. Only the formats matter: the
# hidden tests may label the fields with objects that are not strings, which NumPy refuses
# as field names.


# %% solution id=record_size
def record_size(fields):
    ### BEGIN SOLUTION
    packed = 0
    offset, widest = 0, 1
    for _, fmt in fields:
        dt = np.dtype(fmt)
        packed += dt.itemsize
        offset = -(-offset // dt.alignment) * dt.alignment + dt.itemsize
        widest = max(widest, dt.alignment)
    aligned = -(-offset // widest) * widest
    return packed, aligned
    ### END SOLUTION


# %% tests id=test_record_size points=2
import numpy as np

from npmem.checks import check_equal

check_equal(
    record_size([("flag", "u1"), ("x", "f8")]),
    (9, 16),
    "record_size([('flag', 'u1'), ('x', 'f8')])",
)
check_equal(
    record_size([("a", "i4"), ("b", "u1")]), (5, 8), "record_size([('a', 'i4'), ('b', 'u1')])"
)
check_equal(
    record_size([("name", "S5"), ("n", "i2")]), (7, 8), "record_size([('name', 'S5'), ('n', 'i2')])"
)

### BEGIN HIDDEN TESTS
from npmem.checks import ForbiddenCall, hidden_rng

rng = hidden_rng("test_record_size")
FORMATS = [
    "u1",
    "i1",
    "?",
    "i2",
    "u2",
    "f2",
    "i4",
    "f4",
    "i8",
    "f8",
    "c8",
    "c16",
    "S1",
    "S3",
    "S7",
    "S12",
    "U2",
    "(3,)f4",
    "(2,)i2",
    "(2,)f8",
    ">i4",
    "<f8",
    "g",
    "M8[s]",
    "m8[ns]",
    "V5",
]


class _Label:
    """A field label that is not a string: np.dtype refuses it as a field name."""

    def __init__(self, j):
        self.j = j

    def __repr__(self):
        return f"label{self.j}"


def _sizes(fields):
    """record_size on fields labelled with _Label objects; building a structured dtype
    from them fails, and says why."""
    labelled = [(_Label(j), fmt) for j, (_, fmt) in enumerate(fields)]
    try:
        return record_size(labelled)
    except (TypeError, ValueError) as err:
        raise ForbiddenCall(
            f"record_size({labelled}) raised {type(err).__name__}: {err}. Did it build the"
            " structured dtype? Work from each format's itemsize and alignment instead"
        ) from None


for _ in range(60):
    k = int(rng.integers(1, 8))
    fields = [(f"f{j}", str(rng.choice(FORMATS))) for j in range(k)]
    expected = (np.dtype(fields).itemsize, np.dtype(fields, align=True).itemsize)
    check_equal(record_size(fields), expected, f"record_size({fields})")
    check_equal(_sizes(fields), expected, f"record_size({fields}, labels not strings)")
check_equal(
    record_size([]), (np.dtype([]).itemsize, np.dtype([], align=True).itemsize), "record_size([])"
)
### END HIDDEN TESTS

# %% hint id=record_size
# Packed is the sum of the item sizes. Aligned: walk the fields in order with a running
# offset; before placing a field, round the offset up to a multiple of that field's
# `alignment`, then add its `itemsize`.
# ---
# At the end, round the total up to a multiple of the largest alignment of any field, so that
# the next record in an array is aligned too. Rounding `n` up to a multiple of `a` is
# `-(-n // a) * a`.


# %% [markdown]
# ### Exercise 7: an order without padding
#
# The same fields in another order can need less padding. Write `packed_order(fields)` that
# returns the same `(name, format)` pairs (a list, each pair exactly once) in an order whose
# aligned record (`np.dtype(result, align=True)`) is as small as possible. The formats are
# those of Exercise 6: numbers, byte and unicode strings (a `"U"` character is 4 bytes),
# sub-arrays, never a structured format. Think about which fields can follow which without
# a gap.


# %% solution id=packed_order
def packed_order(fields):
    ### BEGIN SOLUTION
    return sorted(fields, key=lambda f: np.dtype(f[1]).alignment, reverse=True)
    ### END SOLUTION


# %% tests id=test_packed_order points=2
import numpy as np

from npmem.checks import check_equal

fs = [("name", "S10"), ("x", "f8"), ("n", "i4")]
check_equal(sorted(packed_order(fs)), sorted(fs), "sorted(packed_order(S10, f8, i4))")
check_equal(
    np.dtype(packed_order(fs), align=True).itemsize,
    24,
    "aligned itemsize of packed_order([('name', 'S10'), ('x', 'f8'), ('n', 'i4')])",
)
fs = [("a", "u1"), ("b", "i2"), ("c", "u1"), ("d", "i4")]
check_equal(
    np.dtype(packed_order(fs), align=True).itemsize,
    8,
    "aligned itemsize of packed_order([('a', 'u1'), ('b', 'i2'), ('c', 'u1'), ('d', 'i4')])",
)

### BEGIN HIDDEN TESTS
from itertools import permutations

from npmem.checks import hidden_rng

rng = hidden_rng("test_packed_order")
FORMATS = [
    "u1",
    "?",
    "i2",
    "f2",
    "i4",
    "f4",
    "i8",
    "f8",
    "c16",
    "S1",
    "S3",
    "S10",
    "U3",
    "(3,)f4",
    "(3,)i2",
    "(2,)f8",
    ">i4",
    "g",
    "M8[s]",
    "V5",
]
FIXED = [  # unicode strings align like their 4-byte characters, sub-arrays like their items
    [("a", "u1"), ("s", "U1"), ("b", "u1")],
    [("a", "S3"), ("u", "U2"), ("b", "i2"), ("c", "u1")],
    [("a", "u1"), ("v", "(3,)i2"), ("u", "U1")],
    [("a", "S1"), ("v", "(2,)f4"), ("b", "u1")],
]
for case in range(25 + len(FIXED)):
    k = int(rng.integers(2, 6))
    fields = [(f"f{j}", str(rng.choice(FORMATS))) for j in range(k)]
    if case >= 25:
        fields = FIXED[case - 25]
    best = min(np.dtype(list(p), align=True).itemsize for p in permutations(fields))
    got = packed_order(list(fields))
    call = f"packed_order({fields})"
    check_equal(sorted(tuple(f) for f in got), sorted(fields), call + " (the same fields)")
    check_equal(
        np.dtype([tuple(f) for f in got], align=True).itemsize, best, call + " aligned itemsize"
    )
### END HIDDEN TESTS

# %% hint id=packed_order
# Padding appears when a field with a large alignment comes after fields whose sizes do not
# add up to a multiple of it. What happens if the most demanding fields come first?
# ---
# Sort the pairs by the alignment of their format, largest first (`sorted(..., key=...,
# reverse=True)`). Every item size is a multiple of its own alignment, so no gap opens
# between fields. Return the original pairs, in a list.


# %% [markdown]
# ## Summary
#
# * `nbytes = size * itemsize`; a list of Python ints costs several times an int64 array
#   (measure it with `tracemalloc`: an int's allocated block is larger than
#   `sys.getsizeof` says). `longdouble`'s size depends on the platform.
# * `U` strings cost 4 bytes per character, padded to the longest; `StringDType` stores
#   UTF-8 of any length; an `object` array holds pointers to Python objects; `np.packbits`
#   stores 8 booleans per byte.
# * `np.iinfo`, `np.finfo` and `np.can_cast` find the smallest safe dtype;
#   `np.min_scalar_type` checks only the range (for floats not the digits: 0.1 gets
#   float16). A "safe" cast keeps every value (int32 to float32 is not safe), except that
#   NumPy counts every integer to float64 as safe although int64 values beyond 2**53 may
#   round; `"same_kind"` allows casts that lose values, within a kind or to a higher one.
# * Integer overflow in arrays wraps without a warning (only `INT_MIN // -1` warns); the
#   Python operators on NumPy scalars warn, ufunc calls do not. Compute in a way that
#   cannot overflow, or saturate explicitly. An out-of-range float cast to an integer is
#   undefined: its result depends on the machine (it may or may not look wrapped), and
#   NumPy warns only when the CPU flags the conversion.
# * NumPy 2 promotes by dtype only: Python numbers are weak and must fit the array's dtype;
#   NumPy scalars are strong and can silently widen a float32 pipeline.
# * Smaller floats save memory and usually time (not float16 on most CPUs) but lose digits,
#   more in a running total than in a pairwise sum, and `np.sum` is pairwise only along the
#   contiguous axis.
# * `.view(dtype)` reinterprets bytes without copying (to another item size only with a
#   contiguous last axis, or an empty array; a smaller item size must divide the old one);
#   the byte order is part of the dtype: `astype` keeps values, `byteswap()` swaps bytes,
#   `view(dtype.newbyteorder())` rereads them.
# * Structured dtypes lay records out with offsets; `align=True` adds padding, which a good
#   field order avoids. Selecting several fields is a view with the full record size
#   (`repack_fields` copies it tight).
#
# **Next:** `03-broadcasting`, where one array's bytes stand in for many.

# %% check
