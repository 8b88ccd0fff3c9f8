# %% [markdown]
# # 04 · Views and copies: who owns these bytes?
#
# Some NumPy operations hand you a **view**: a new array object that reads and writes the
# *same* buffer as the original. Others hand you a **copy** with a buffer of its own. Both
# look like ordinary arrays, print the same values and have the same shape. The difference
# shows up later, as a bug (you changed data you thought was private) or as memory (a
# "small" operation allocated hundreds of megabytes).
#
# **What you'll do**
#
# 1. Tell views from copies: basic slicing versus fancy and boolean indexing, `.base`,
#    `flags.owndata` and `flags.writeable`, and predict the answer before NumPy gives it.
# 2. Ask whether two arrays overlap, exactly (`np.shares_memory`) or roughly
#    (`np.may_share_memory`), and see a case where the two disagree.
# 3. Learn the rule that decides when `reshape` must copy, why `ravel` copies more often
#    and `flatten` always does, and how NumPy 2's `copy=False` turns a hidden copy into an
#    error.
# 4. Fix aliasing bugs: a function that changes its caller's data, read-only views that
#    make sharing safe, and the memory a small view keeps alive.
# 5. Measure temporaries with `tracemalloc`, write in place with `out=` and `np.copyto`,
#    and see what NumPy does when an output overlaps an input.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on inputs you have not seen (other shapes, dtypes and non-contiguous arrays), so
# write the general rule, not the answers to the examples. *Validate* (in the toolbar) runs
# every visible test at once.
#
# Every number printed below is measured on the machine running this notebook.

# %% readonly id=setup
import sys
import timeit
import tracemalloc

import numpy as np
from numpy.lib.array_utils import byte_bounds

from npmem.explorers.views import views_explorer

# %% [markdown]
# ## 1. Views and copies
#
# **Basic indexing** (integers, slices `start:stop:step`, `...` and `None`) only changes an
# array's shape, strides and starting point, so NumPy returns a view: no element is copied.
# **Advanced indexing** (a list or an array of integers, or a boolean mask) can pick any
# elements in any order, which no single set of strides can describe, so NumPy copies them
# into a new buffer.
#
# Three attributes tell the story. `np.shares_memory(r, a)` answers the question we care
# about. `r.flags.owndata` says whether `r` allocated its own buffer. For the results of
# indexing, `r.base` is the array that owns the memory `r` uses (or `None`; section 4 shows
# views whose `.base` is another kind of object). Note that `a` below is itself a view:
# `reshape` returned a view of the 1-D array that `arange` made.

# %%
a = np.arange(12).reshape(3, 4)
print(a)
print("a owns its data:", a.flags.owndata, "  a.base has shape", a.base.shape)
print()
print(f"{'expression':14} shares a's memory  owndata  base is None  base is a.base")
for expr in ["a[1]", "a[1:, ::2]", "a[::-1]", "a.T", "a[[0, 2]]", "a[a % 3 == 0]", "a[:, [0, 2]]"]:
    r = eval(expr)
    print(
        f"{expr:14} {np.shares_memory(r, a)!s:18} {r.flags.owndata!s:8} {r.base is None!s:13}"
        f" {r.base is a.base}"
    )

# %% [markdown]
# Two things to notice. A view's `.base` is the array that *owns* the memory, not the one
# you sliced: NumPy skips the intermediate views. And the last row is a copy whose `.base`
# is **not** `None`: NumPy built the result in a hidden buffer and handed you a transposed
# view of it. So `.base is None` is not a reliable "is this a copy?" test;
# `np.shares_memory` is.
#
# A view writes through to the original. A copy does not, and that makes one idiom
# treacherous: `a[[0, 2]] = ...` (fancy indexing on the *left* of `=`) assigns into `a`, but
# `a[[0, 2]][:, 0] = ...` first makes a copy and then assigns into the copy, which vanishes.

# %%
b = a[1:, ::2]
b[0, 0] = 100  # b's first element is a[1, 0]
print("after b[0, 0] = 100:          a[1, 0] =", a[1, 0])
c = a[[0, 2]]
c[0, 0] = -1  # c has its own buffer
print("after c[0, 0] = -1:           a[0, 0] =", a[0, 0])
a[[0, 2], 0] = -1  # one indexing operation on the left of =: assigns into a
print("after a[[0, 2], 0] = -1:      a[:, 0] =", a[:, 0])
a[[0, 2]][:, 0] = 99  # two operations: the first copies, the second writes into the copy
print("after a[[0, 2]][:, 0] = 99:   a[:, 0] =", a[:, 0])

# %% [markdown]
# Fancy indexing on the left has one more trap. `hist[idx] += 1` reads `hist[idx]` (a copy),
# adds 1, and assigns the results back, one per index. When an index repeats, its element is
# assigned the same value several times, so it grows by 1, not by the number of times it
# appears. `np.add.at(hist, idx, 1)` is the *unbuffered* form: it applies the addition once
# per index, in place, repeats included (`np.bincount` counts too, into a new array).

# %%
idx = np.array([0, 0, 1, 3, 3, 3])
hist = np.zeros(5, dtype=np.int64)
hist[idx] += 1
print("hist[idx] += 1:       ", hist)
hist = np.zeros(5, dtype=np.int64)
np.add.at(hist, idx, 1)
print("np.add.at(hist, idx, 1):", hist)
print("np.bincount(idx, minlength=5):", np.bincount(idx, minlength=5))

# %% [markdown]
# ### Explorer: which bytes does a result share?
#
# Pick an expression (or type your own, using `a` and `np`). The grid on the left is `a`,
# which owns its buffer and holds 0, 1, 2, ... so each value is also its slot in the buffer;
# the small numbers are byte offsets. Orange cells are shared by the result (a view; `#k`
# is the position in the result that reads the cell); blue cells are those whose *values*
# were copied into a new buffer. Below: the result's shape, strides, flags and its chain of
# `.base` arrays.

# %%
views_explorer()

# %% [markdown]
# ### Exercise 1: view or copy?
#
# Write `view_or_copy(key, ndim)` that predicts whether `arr[key]`, for an array `arr` with
# `ndim` axes (`ndim` may be 0), is a view (return `"view"`) or a copy (return `"copy"`),
# without making an array. `key` is what goes between the brackets: an integer (Python `int`
# or NumPy integer; never `True` or `False`, which NumPy reads as a mask), a `slice`,
# `Ellipsis` (`...`), a list of integers, a NumPy array of integers or of booleans, or a
# tuple of those, the empty tuple included (`arr[1:, [0, 2]]` has the key `(slice(1, None),
# [0, 2])`). Two rules:
#
# * any list or array anywhere in the key means advanced indexing: a copy;
# * a key made only of integers, one for each axis, selects a single element, which NumPy
#   returns as a scalar holding a copy of the value: a copy too. For a 0-d array that key is
#   the empty tuple: `arr[()]` is a copy. (With a `...` in the key, NumPy returns a 0-d view
#   instead, so `arr[1, ..., 2]` and, for a 0-d array, `arr[...]` are views.)
#
# Everything else is a view. You may assume `arr[key]` is valid and not empty.


# %% solution id=view_or_copy
def view_or_copy(key, ndim):
    ### BEGIN SOLUTION
    parts = key if isinstance(key, tuple) else (key,)
    if any(isinstance(part, (list, np.ndarray)) for part in parts):
        return "copy"
    if len(parts) == ndim and all(isinstance(part, (int, np.integer)) for part in parts):
        return "copy"
    return "view"
    ### END SOLUTION


# %% tests id=test_view_or_copy points=3
from npmem.checks import check_equal

check_equal(view_or_copy(slice(1, None), 2), "view", "view_or_copy(slice(1, None), 2)")
check_equal(view_or_copy([0, 2], 2), "copy", "view_or_copy([0, 2], 2)")
check_equal(view_or_copy((1, 2), 2), "copy", "view_or_copy((1, 2), 2)")
check_equal(view_or_copy(1, 2), "view", "view_or_copy(1, 2)")

### BEGIN HIDDEN TESTS
import numpy as np

from npmem.checks import hidden_rng

rng = hidden_rng("test_view_or_copy")


def _part(n, rng, fancy_len):
    kind = str(rng.choice(["int", "npint", "slice", "slice", "list", "intarray", "mask"]))
    if kind == "int":
        return int(rng.integers(-n, n))
    if kind == "npint":
        return np.int64(rng.integers(0, n))
    if kind == "slice":
        return slice(int(rng.integers(0, n)), None, int(rng.choice([1, 2, -1])))
    if kind == "list":
        return [int(i) for i in rng.integers(0, n, size=fancy_len)]
    if kind == "intarray":
        return rng.integers(0, n, size=fancy_len)
    mask = np.zeros(n, dtype=bool)
    mask[rng.choice(n, size=min(fancy_len, n), replace=False)] = True
    return mask


def _random_key(shape, rng):
    fancy_len = int(rng.integers(1, 3))
    parts = [_part(n, rng, fancy_len) for n in shape[: int(rng.integers(1, len(shape) + 1))]]
    if rng.random() < 0.25:
        parts.insert(int(rng.integers(0, len(parts) + 1)), Ellipsis)
    if len(parts) == 1 and rng.random() < 0.5:
        return parts[0]
    return tuple(parts)


def _arrays(rng):
    for ndim in (1, 2, 3):
        shape = tuple(int(n) for n in rng.integers(2, 6, size=ndim))
        dtype = str(rng.choice(["i1", "i4", "f4", "f8"]))
        base = rng.integers(0, 100, size=shape).astype(dtype)
        yield base
        yield base.T
    yield np.zeros((1, 4), dtype=">i4")  # length-1 axes, big-endian
    yield np.asfortranarray(np.zeros((3, 1, 2)))[::-1]
    yield np.array(2.5)  # no axis at all
    yield np.zeros((2, 3), dtype=np.int16)[1, 2, ...]  # a 0-d view


edge_keys = [1, (1,), (0, 1), (0, ..., 1), (..., 1), Ellipsis, (np.int64(1), 0), (-1, -1, -1)]
edge_keys += [(), (Ellipsis,), (np.int8(0), -1, np.uint16(1))]
for arr in _arrays(rng):
    keys = [k for k in edge_keys if len(k if isinstance(k, tuple) else (k,)) <= arr.ndim + 1]
    keys += [_random_key(arr.shape, rng) for _ in range(40 if arr.ndim else 0)]
    for key in keys:
        try:
            result = arr[key]
        except IndexError:
            continue  # an invalid combination from the generator: not asked
        if isinstance(result, np.ndarray) and result.size == 0:
            continue  # an empty result: not asked
        is_view = isinstance(result, np.ndarray) and np.shares_memory(result, arr)
        expected = "view" if is_view else "copy"
        call = f"view_or_copy({key!r}, {arr.ndim})  (arr[key] has type {type(result).__name__})"
        check_equal(view_or_copy(key, arr.ndim), expected, call)
### END HIDDEN TESTS

# %% hint id=view_or_copy
# Make every key a tuple first (`key if isinstance(key, tuple) else (key,)`); then apply the
# two rules in order.
# ---
# Any element that is a `list` or an `np.ndarray` gives `"copy"`. Exactly `ndim` elements that
# are all integers (`isinstance(k, (int, np.integer))`) give `"copy"` too. Everything else
# (slices, `...`, fewer integers than axes) gives `"view"`.


# %% [markdown]
# ### Exercise 2: pick rows as a view when you can
#
# Fancy indexing always copies, even when a slice would do: `a[[1, 3, 5]]` copies three
# rows that `a[1:6:2]` could show without copying anything. Write `pick_rows(a, rows)` that
# returns the rows of the 2-D array `a` listed in `rows` (a list of valid, non-negative row
# numbers, in that order), exactly like `a[rows]`, but as a **view** whenever the rows are
# evenly spaced with a non-zero step (`[1, 3, 5]`, `[4, 3, 2]`, `[6, 2]`, or a single row
# `[2]`, which gives shape `(1, ncols)`). Otherwise return `a[rows]`; that includes an
# empty list, for which `a[rows]` is an empty `(0, ncols)` array. Careful with a
# descending run that ends at row 0: what `stop` does its slice need?


# %% solution id=pick_rows
def pick_rows(a, rows):
    ### BEGIN SOLUTION
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return a[rows[0] : rows[0] + 1]
    step = rows[1] - rows[0] if len(rows) > 1 else 0  # no rows: no step, a[[]]
    if step != 0 and all(q - p == step for p, q in zip(rows, rows[1:])):
        stop = rows[-1] + step
        return a[rows[0] : (stop if stop >= 0 else None) : step]
    return a[rows]
    ### END SOLUTION


# %% tests id=test_pick_rows points=3
import numpy as np

from npmem.checks import check_array, check_view

grid = np.arange(24).reshape(6, 4)
check_array(pick_rows(grid, [1, 3, 5]), grid[[1, 3, 5]], "pick_rows(grid, [1, 3, 5])")
check_view(pick_rows(grid, [1, 3, 5]), grid, "pick_rows(grid, [1, 3, 5])")
check_array(pick_rows(grid, [0, 1, 4]), grid[[0, 1, 4]], "pick_rows(grid, [0, 1, 4])")
check_array(pick_rows(grid, [3, 2, 1]), grid[[3, 2, 1]], "pick_rows(grid, [3, 2, 1])")

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_pick_rows")


def _run(n, rng, to_zero=False):
    step = int(rng.choice([s for s in (-3, -2, -1, 1, 2, 3) if abs(s) < n]))
    length = int(rng.integers(2, (n - 1) // abs(step) + 2))
    if to_zero:  # descending, ending at row 0
        return [(length - 1 - k) * abs(step) for k in range(length)]
    first = int(rng.integers(0, n - (length - 1) * abs(step)))
    rows = [first + k * abs(step) for k in range(length)]
    return rows if step > 0 else rows[::-1]


def _irregular(n, rng):
    while True:
        rows = [int(r) for r in rng.integers(0, n, size=int(rng.integers(2, 6)))]
        steps = {q - p for p, q in zip(rows, rows[1:])}
        if len(steps) > 1 or steps == {0}:
            return rows


for _ in range(10):
    n, m = (int(k) for k in rng.integers(3, 12, size=2))
    dtype = str(rng.choice(["i1", "i4", "f4", "f8", "c16"]))
    base = rng.integers(-99, 99, size=(2 * n, m + 1)).astype(dtype)
    for label, a in [
        ("C array", base[:n, :m]),
        ("stepped", base[::2, 1:]),
        ("transposed", base.T),
    ]:
        n_rows = a.shape[0]
        runs = [_run(n_rows, rng), _run(n_rows, rng), _run(n_rows, rng, to_zero=True)]
        runs.append([int(rng.integers(0, n_rows))])
        for rows in runs + [_irregular(n_rows, rng), []]:
            call = f"pick_rows({label} {dtype} shape={a.shape} strides={a.strides}, {rows})"
            got = pick_rows(a, rows)
            check_array(got, a[rows], call)
            if rows in runs:
                check_view(got, a, call)
# one row, one column, reversed rows, F order, big-endian data
grid = np.arange(40).reshape(8, 5)
for label, a in [
    ("one row (1, 5)", grid[:1]),
    ("one column (8, 1)", grid[:, 2:3]),
    ("reversed rows", grid[::-1]),
    ("F-ordered", np.asfortranarray(grid)),
    ("big-endian", grid.astype(">i4")[:, ::-1]),
]:
    n_rows = a.shape[0]
    if n_rows == 1:
        cases = [[0], [], [0, 0]]
    else:
        cases = [[0], [], [1, 3, 5], [6, 3, 0], [n_rows - 1, 0], [2, 2], [4, 1, 3]]
    for rows in cases:
        call = f"pick_rows({label} {a.dtype.str} shape={a.shape} strides={a.strides}, {rows})"
        got = pick_rows(a, rows)
        check_array(got, a[rows], call)
        steps = {q - p for p, q in zip(rows, rows[1:])}
        if len(rows) == 1 or (len(steps) == 1 and 0 not in steps):  # evenly spaced: a view
            check_view(got, a, call)
### END HIDDEN TESTS

# %% hint id=pick_rows
# A single row `r` is the slice `a[r : r + 1]`. For more rows, take the step between the first
# two and check that every neighbouring pair has that same, non-zero step. An empty list has
# no step at all: it is an "otherwise" case.
# ---
# Evenly spaced rows `r0, r0 + s, ..., last` are `a[r0 : last + s : s]`. For a descending
# run that ends at row 0, `last + s` is negative, which a slice reads as "from the end": use
# `None` as the stop then. Anything else: `a[rows]`.


# %% [markdown]
# ## 2. Do two arrays share memory?
#
# `np.shares_memory(a, b)` answers exactly: is there a byte that both arrays use? For
# strided arrays that is a small integer-programming problem, which NumPy solves by search
# (its cost can grow quickly; `max_work=` caps it and raises `TooHardError` when the cap is
# reached). `np.may_share_memory(a, b)` only compares the *bounds*, the first and last byte
# each array can reach: it is instant, and it can answer "maybe" when the arrays are in fact
# disjoint. The even and odd elements of an array interleave, so their bounds overlap, yet
# no element is shared.

# %%
x = np.arange(10)
evens, odds = x[::2], x[1::2]
origin = byte_bounds(x)[0]
for name, part in [("x[::2] ", evens), ("x[1::2]", odds)]:
    lo, hi = byte_bounds(part)
    print(f"{name} reaches bytes [{lo - origin}, {hi - origin}) of x's buffer")
print("np.may_share_memory(x[::2], x[1::2]):", np.may_share_memory(evens, odds))
print("np.shares_memory(x[::2], x[1::2]):   ", np.shares_memory(evens, odds))
try:
    np.shares_memory(evens, odds, max_work=0)
except np.exceptions.TooHardError as err:
    print("with max_work=0:", type(err).__name__, err)

# %% [markdown]
# `may_share_memory` is instant and never misses a real overlap, so it suits a quick first
# check; use `shares_memory` when you need the truth, as the tests in this notebook do.
#
# ## 3. `reshape`, `ravel`, `flatten` and `copy=`
#
# `reshape` re-reads the elements in C order (last axis fastest) and regroups the axes. Two
# kinds of regrouping occur. **Splitting** one axis into several, `(12,)` into `(3, 4)`, is
# always possible as a view: the new inner axis keeps the old stride and the outer one steps
# over a whole inner run. **Merging** two neighbouring axes `k` and `k + 1` into one of
# length `shape[k] * shape[k + 1]` needs one regular step across the seam: walking to the
# end of axis `k + 1` and one step further must land where axis `k` steps, that is
#
# `strides[k] == shape[k + 1] * strides[k + 1]`,
#
# and then the merged axis has stride `strides[k + 1]`. An axis of length 1 is never
# stepped along, so its stride does not matter: merging with it is always possible. NumPy
# tries exactly this; when some merge a reshape needs fails the rule, it gathers the
# elements into a new buffer, and it does so **silently**. `flatten` always copies, even
# when a view would do.

# %%
m = np.arange(12.0).reshape(3, 4)
print(f"{'x':11} {'shape':8} {'strides':9} {'merge rule':22} x.reshape(-1) is a view")
for expr in ["m", "m.T", "m[:, ::2]", "m[::2]", "m[:, :2]", "m[:, :1]"]:
    x = eval(expr)
    (n0, n1), (s0, s1) = x.shape, x.strides
    rule = f"{s0} == {n1} * {s1}: {s0 == n1 * s1}"
    print(
        f"{expr:11} {str(x.shape):8} {str(x.strides):9} {rule:22}"
        f" {np.shares_memory(x.reshape(-1), x)}"
    )
print("m.flatten() is a view:", np.shares_memory(m.flatten(), m))

# %% [markdown]
# Contiguity is not the test: `m[:, ::2]` is not contiguous, yet its two axes merge, so
# `reshape(-1)` is a view; `m[::2]` jumps a whole row between its two rows, so flattening it
# must copy; and `m[:, :1]` merges because its second axis has length 1.
#
# `ravel` is **not** `reshape(-1)`, although it is often described so. `x.ravel()` (order
# `"C"`, the default) returns a view only when `x` is C-contiguous and copies otherwise,
# even when `reshape(-1)` would have found a view; `ravel(order="K")` reads the elements in
# memory order and also returns a view of an F-contiguous array such as `m.T`:

# %%
print(f"{'x':11} {'C-contig.':10} {'reshape(-1)':12} {'ravel()':8} ravel('K')")
for expr in ["m", "m.T", "m[:, ::2]", "m[:, 1]", "m[:, :1]", "m[::2]"]:
    x = eval(expr)
    print(
        f"{expr:11} {x.flags.c_contiguous!s:10} {np.shares_memory(x.reshape(-1), x)!s:12}"
        f" {np.shares_memory(x.ravel(), x)!s:8} {np.shares_memory(x.ravel('K'), x)}"
    )

# %% [markdown]
# `ravel` and `flatten` on a contiguous array differ by exactly one copy, and on a big array
# that is the difference between a constant cost and a cost proportional to the size:

# %%
big = np.zeros((1000, 1000))
t_ravel = min(timeit.repeat(big.ravel, number=100, repeat=5)) / 100
t_flatten = min(timeit.repeat(big.flatten, number=10, repeat=5)) / 10
print(f"ravel:   {t_ravel * 1e6:8.2f} µs (a view)")
print(
    f"flatten: {t_flatten * 1e6:8.2f} µs (copies {big.nbytes:,} bytes)"
    f"  -> about {t_flatten / t_ravel:,.0f} times slower"
)
del big

# %% [markdown]
# Since NumPy 2.1 you can say what you want. `np.reshape(x, shape, copy=False)` returns a
# view or raises `ValueError`; `copy=True` always copies; the default `copy=None` copies only
# when needed. (`np.array(x, copy=False)` follows the same rule since NumPy 2.0; use
# `np.asarray(x)` for "convert only if needed".) When the opposite matters, a C-contiguous
# buffer (to hand to C code, or to make `ravel` a view), `np.ascontiguousarray(x)` returns
# `x` itself if it is already C-contiguous and a C-ordered copy otherwise.

# %%
print("view:", np.shares_memory(np.reshape(m, (6, 2), copy=False), m))
try:
    np.reshape(m.T, (6, 2), copy=False)
except ValueError as err:
    print("np.reshape(m.T, (6, 2), copy=False) ->", type(err).__name__, err)
print("copy=True shares memory:", np.shares_memory(np.reshape(m, (6, 2), copy=True), m))
print("np.ascontiguousarray(m) is m:", np.ascontiguousarray(m) is m)
fixed = np.ascontiguousarray(m.T)
print(
    "np.ascontiguousarray(m.T): a copy?",
    not np.shares_memory(fixed, m),
    " C-contiguous:",
    fixed.flags.c_contiguous,
    " strides:",
    fixed.strides,
)

# %% [markdown]
# ### Exercise 3: can two axes merge?
#
# Write `merged_strides(shape, strides, k)` that applies the merge rule by hand. `shape` and
# `strides` are tuples of the same length (at least 2) describing an array, every length is
# at least 1, strides may be negative, and `0 <= k < len(shape) - 1`. Return the pair
# `(new_shape, new_strides)` of the view in which axes `k` and `k + 1` are merged into one
# axis of length `shape[k] * shape[k + 1]` (every other axis unchanged), or raise
# `ValueError` when no view can do it. Work from the numbers alone: do not build an array
# and ask NumPy (the hidden tests reject a function whose code refers to `reshape`, `ravel`,
# `as_strided` or `np.ndarray`). The tests compare your answer with what
# `np.reshape(..., copy=False)` does, for arrays of all kinds: sliced, stepped, reversed,
# transposed, with axes of length 1, and with strides of any multiple of the item size
# (a row of 5 float32 read every other item has strides `(20, 8)`). They compare the new
# shape and the strides of the axes longer than 1: an axis of length 1 is never stepped
# along, so its stride is free (NumPy itself may put another number there than `strides`
# gives, as in `merged_strides((1, 3, 4), (7992, 32, 8), 1)`).


# %% solution id=merged_strides
def merged_strides(shape, strides, k):
    ### BEGIN SOLUTION
    shape, strides = tuple(shape), tuple(strides)
    if shape[k] == 1:
        stride = strides[k + 1]
    elif shape[k + 1] == 1:
        stride = strides[k]
    elif strides[k] == shape[k + 1] * strides[k + 1]:
        stride = strides[k + 1]
    else:
        raise ValueError(f"axes {k} and {k + 1} of {shape} with strides {strides} do not merge")
    new_shape = shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2 :]
    return new_shape, strides[:k] + (stride,) + strides[k + 2 :]
    ### END SOLUTION


# %% tests id=test_merged_strides points=3
from npmem.checks import check_equal, check_raises

check_equal(merged_strides((3, 4), (32, 8), 0), ((12,), (8,)), "merged_strides((3, 4), (32, 8), 0)")
check_equal(
    merged_strides((3, 2), (32, 16), 0), ((6,), (16,)), "merged_strides((3, 2), (32, 16), 0)"
)
check_equal(
    merged_strides((2, 3, 4), (96, 32, 8), 1),
    ((2, 12), (96, 8)),
    "merged_strides((2, 3, 4), (96, 32, 8), 1)",
)
check_raises(
    ValueError, merged_strides, (4, 3), (8, 32), 0, call="merged_strides((4, 3), (8, 32), 0)"
)

### BEGIN HIDDEN TESTS
import numpy as np

from npmem.checks import check_does_not_use, hidden_rng

rng = hidden_rng("test_merged_strides")


check_does_not_use(
    merged_strides,
    ("reshape", "ravel", "as_strided", "ndarray"),
    why="lets NumPy decide (the exercise asks you to apply the merge rule to the numbers)",
)
_own = merged_strides


def _arrays(rng):
    grid = np.zeros((3, 4))
    yield from (grid[::-1], grid[:, ::-1], grid[::-1, ::-1], grid[:, ::2], grid[::2], grid.T)
    yield from (grid[:1], grid[:, :1], grid[:, :1][::-1], np.zeros((1, 1, 5))[:, :, ::3])
    for ndim in (2, 2, 2, 3, 3, 3, 4):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=ndim))
        dtype = str(rng.choice(["i1", "i4", "f8", "c16"]))
        base = np.zeros(tuple(3 * n for n in shape), dtype=dtype)
        yield base[tuple(slice(0, n) for n in shape)]  # trimmed
        for _ in range(6):
            steps = [int(s) for s in rng.choice([1, 1, 2, 3, -1, -2], size=ndim)]
            x = base[tuple(slice(None, None, s) for s in steps)]
            x = x[tuple(slice(0, n) for n in shape)]
            if rng.random() < 0.4:
                x = x.transpose(rng.permutation(ndim))
            yield x
        yield np.asfortranarray(base)
        yield base[..., :1] if ndim > 2 else base[:1]
    # rows of odd length read every other item: strides that are not multiples of each other
    odd = np.zeros((3, 5), dtype=np.float32)
    yield from (odd[:, :4:2], odd[:, ::2], odd[::-1, 1::2], odd[:, ::-2], odd.T[::2])
    yield np.zeros((2, 3, 7), dtype=np.int16)[:, :, ::3]
    for ndim in (2, 2, 3, 3):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=ndim))
        dtype = str(rng.choice(["i2", "f4", "f8"]))
        base = np.zeros(tuple(2 * n + 1 for n in shape), dtype=dtype)
        for _ in range(4):
            steps = [int(s) for s in rng.choice([1, 2, 3, -2], size=ndim)]
            x = base[tuple(slice(None, None, s) for s in steps)]
            yield x[tuple(slice(0, n) for n in shape)]


cases = 0
for x in _arrays(rng):
    for k in range(x.ndim - 1):
        merged = x.shape[:k] + (x.shape[k] * x.shape[k + 1],) + x.shape[k + 2 :]
        call = f"merged_strides({x.shape}, {x.strides}, {k})"
        try:
            view = np.reshape(x, merged, copy=False)
        except ValueError:
            check_raises(ValueError, _own, x.shape, x.strides, k, call=call)
            cases += 1
            continue
        try:
            got = _own(x.shape, x.strides, k)
        except ValueError as err:
            raise AssertionError(
                f"{call}: expected {(view.shape, view.strides)} (np.reshape makes this view), "
                f"got ValueError: {err}"
            ) from None
        if not (isinstance(got, tuple) and len(got) == 2):
            raise AssertionError(f"{call}: expected a pair (new_shape, new_strides), got {got!r}")
        check_equal(tuple(got[0]), view.shape, call + "[0] (the new shape)")
        # the stride of an axis of length 1 is never used: compare the others only
        check_equal(
            tuple(s for n, s in zip(view.shape, got[1]) if n > 1),
            tuple(s for n, s in zip(view.shape, view.strides) if n > 1),
            call + "[1] (the new strides, on axes longer than 1)",
        )
        check_equal(len(got[1]), view.ndim, f"len({call}[1])")
        cases += 1
if cases < 100:
    raise RuntimeError(f"test error: only {cases} cases")
### END HIDDEN TESTS

# %% hint id=merged_strides
# Three cases. If `shape[k]` is 1, axis `k` is never stepped along and the merged axis simply
# steps like axis `k + 1`; if `shape[k + 1]` is 1, it steps like axis `k`. Otherwise test
# the rule `strides[k] == shape[k + 1] * strides[k + 1]` (signs included: with a reversed
# inner axis the two sides differ in sign).
# ---
# The new shape is `shape[:k] + (shape[k] * shape[k + 1],) + shape[k + 2:]`, and the new
# strides are `strides[:k] + (merged_stride,) + strides[k + 2:]`, with `strides[k + 1]` as
# the merged stride when the rule holds.


# %% [markdown]
# ## 4. Aliasing bugs and read-only views
#
# Two names for one buffer are called **aliases**. Every view is one, and so is every
# argument you pass to a function: NumPy never copies an array on a call. A function that
# updates its argument in place changes the caller's data, and nothing in its signature
# says so.


# %%
def centre(data):
    data -= data.mean(axis=0)  # in place: this is the caller's array
    return data


measurements = np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]])
centred = centre(measurements)
print("measurements after centre():\n", measurements)
print("centred is measurements:", centred is measurements)

# %% [markdown]
# The fix is a one-line change, `data = data - data.mean(axis=0)`, which makes a new array
# and rebinds the *local* name. To catch such bugs, hand out data read-only:
# writing into a read-only array raises instead of silently succeeding.

# %%
measurements = np.array([[1.0, 10.0], [3.0, 30.0], [5.0, 50.0]])
measurements.flags.writeable = False
try:
    centre(measurements)
except ValueError as err:
    print("centre(read-only array) ->", type(err).__name__, err)

# %% [markdown]
# Freezing `measurements` itself also stops *you* from updating it. A **read-only view**
# is the better tool for sharing: give others `v = table.view()` with
# `v.flags.writeable = False`. They cannot write through `v`; you can still write to `table`,
# and they see your updates, because it is the same buffer. NumPy does the same for views
# that must not be written: `np.diagonal`, `np.broadcast_to`, `sliding_window_view`.

# %%
table = np.zeros((2, 3))
shared = table.view()
shared.flags.writeable = False
try:
    shared[0, 0] = 1.0
except ValueError as err:
    print("writing through the read-only view ->", err)
table[0, 0] = 42.0
print("the owner can write; the view sees it:", shared[0, 0])
print(
    "table.flags.writeable:",
    table.flags.writeable,
    " shared.flags.writeable:",
    shared.flags.writeable,
)
shared.flags.writeable = True  # whoever holds the view can switch the guard off again
shared[0, 1] = -1.0
print("after shared.flags.writeable = True, a write through it reached table:", table[0, 1])

# %% [markdown]
# So a read-only flag is a guard against accidents, not a lock: the last cell switched it
# off again. NumPy's rule (in the documentation of `ndarray.setflags`) says when that is
# allowed: the `WRITEABLE` flag can only be set to `True` if the array owns its memory, or
# if the *ultimate owner* of the memory, the object at the end of the `.base` chain,
# exposes a writeable buffer. `shared`'s owner is `table`'s buffer, writeable, so the
# switch succeeded.

# %% [markdown]
# Views have one more cost: a view keeps its **whole** base alive. Keep ten numbers of a
# 16 MB array as a slice and all 16 MB stay allocated; copy them and the big buffer is
# freed. `tracemalloc` (which sees NumPy's allocations) shows the memory still in use.

# %%
tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
large = np.ones(2_000_000)
head = large[:10]
del large
print(f"after del, the view head keeps {tracemalloc.get_traced_memory()[0] - start:,} bytes alive")
print(
    f"sys.getsizeof(head) = {sys.getsizeof(head):,} bytes; head.base.nbytes = {head.base.nbytes:,}"
)
head = head.copy()
print(f"after head = head.copy():       {tracemalloc.get_traced_memory()[0] - start:,} bytes")
print(f"sys.getsizeof(head) = {sys.getsizeof(head):,} bytes (it owns its {head.nbytes} bytes now)")
tracemalloc.stop()

# %% [markdown]
# Do not look for the pinned memory with `sys.getsizeof`: for an array that owns its buffer
# it counts the object header plus the buffer, but for a view it counts only the header
# (the buffer belongs to another object), so the view that pinned 16 MB reported only its
# header. What a view pins is the buffer of the array that owns the memory. For a view made
# by indexing, as `head` was, that array is `v.base`, and `v.base.nbytes` is what it pins.
# Other views have another object as their `.base`: `sliding_window_view` and `as_strided`
# put a small helper between the view and the array (the helper has no `nbytes`; its own
# `.base` is the array), and an array made from another object's buffer, such as
# `np.asarray(memoryview(x))`, has that object as its `.base` (here the memoryview, whose
# `.obj` is `x`). So, to find what a view pins, follow `.base` (and a memoryview's `.obj`)
# to the array that owns its data; `06-leaks` (exercise 3) follows the `.base` chain.

# %%
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402

series = np.arange(1000.0)
windows = sliding_window_view(series, 5)
helper = windows.base
print(f"windows.base is a {type(helper).__name__}; it has nbytes: {hasattr(helper, 'nbytes')}")
print(
    "windows.base.base is series:",
    helper.base is series,
    f"| series owns its data: {series.flags.owndata}, {series.nbytes:,} bytes",
)

# %% [markdown]
# ### Exercise 4: fill gaps without touching the input
#
# Write `fill_nan(x)` that returns a **new** array equal to the 2-D float array `x` except
# that each NaN is replaced by the mean of the numbers (the non-NaN values) in its column.
# `x` must not change, and your function must also work when `x` is read-only. Every column
# holds at least one number; `x` may have no columns at all. Only NaN is a gap: `inf` and
# `-inf` are numbers, so they stay where they are and count in their column's mean (a
# column holding `inf` and a NaN gets `inf` in the gap). Keep the dtype of `x` (`float32`
# stays `float32`; the byte order may become the machine's own). Beware: `x[:]` is a view
# in NumPy, not a copy as it is for a Python list.


# %% solution id=fill_nan
def fill_nan(x):
    ### BEGIN SOLUTION
    filled = x.copy()
    means = np.nanmean(x, axis=0)
    rows, cols = np.nonzero(np.isnan(x))
    filled[rows, cols] = means[cols]
    return filled
    ### END SOLUTION


# %% tests id=test_fill_nan points=2
import numpy as np

from npmem.checks import check_array

gaps = np.array([[1.0, np.nan], [3.0, 4.0], [np.nan, 8.0]])
kept = gaps.copy()
check_array(fill_nan(gaps), np.array([[1.0, 6.0], [3.0, 4.0], [2.0, 8.0]]), "fill_nan(gaps)")
check_array(gaps, kept, "gaps after fill_nan(gaps) (it must not change)")

### BEGIN HIDDEN TESTS
from npmem.checks import check_close, check_equal, hidden_rng

rng = hidden_rng("test_fill_nan")


def _with_gaps(shape, dtype, rng):
    x = rng.normal(size=shape).astype(dtype)
    x[rng.random(shape) < 0.3] = np.nan
    x[0, np.isnan(x).all(axis=0)] = 1.5  # every column keeps a number
    return x


for _ in range(8):
    rows, cols = (int(n) for n in rng.integers(2, 9, size=2))
    dtype = str(rng.choice(["f4", "f8"]))
    base = _with_gaps((2 * rows, 2 * cols), dtype, rng)
    frozen = _with_gaps((rows, cols), dtype, rng)
    frozen.flags.writeable = False
    for label, x in [
        ("C array", base[:rows, :cols].copy()),
        ("transposed", base.T),
        ("stepped", base[::2, ::2]),
        ("read-only", frozen),
    ]:
        if np.isnan(x).all(axis=0).any():
            continue
        call = f"fill_nan({label} {dtype} shape={x.shape})"
        kept = x.copy()
        expected = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
        got = fill_nan(x)
        check_array(x, kept, f"x after {call} (it must not change)")
        if not isinstance(got, np.ndarray) or np.shares_memory(got, x):
            raise AssertionError(f"{call}: expected a new array, got one that shares x's memory")
        if got.shape != x.shape or got.dtype != x.dtype:
            raise AssertionError(
                f"{call}: expected shape {x.shape} dtype {x.dtype}, "
                f"got shape {got.shape} dtype {got.dtype}"
            )
        check_close(got, expected, call, rtol=1e-5, atol=1e-6)


def _check(x, label):
    call = f"fill_nan({label} {x.dtype.str} shape={x.shape} strides={x.strides})"
    kept = x.copy()
    expected = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    got = fill_nan(x)
    check_array(x, kept, f"x after {call} (it must not change)")
    if not isinstance(got, np.ndarray) or (got.size and np.shares_memory(got, x)):
        raise AssertionError(f"{call}: expected a new array, got {got!r}")
    native = x.dtype.newbyteorder("=")
    if got.shape != x.shape or got.dtype.newbyteorder("=") != native:
        raise AssertionError(
            f"{call}: expected shape {x.shape} dtype {native} (either byte order), "
            f"got shape {got.shape} dtype {got.dtype}"
        )
    check_close(got, expected, call, rtol=1e-5, atol=1e-6)
    check_equal(
        np.isinf(got).tolist(), np.isinf(expected).tolist(), f"np.isinf({call}) (inf is no gap)"
    )


# inf and -inf are numbers: they stay, and a column's mean with inf in it is inf
for dtype in ("f8", "f4"):
    x = _with_gaps((7, 5), dtype, rng)
    x[1, 0], x[4, 1], x[2, 2] = np.inf, -np.inf, np.inf
    x[3, 0], x[0, 1] = np.nan, np.nan  # gaps in the columns that hold inf and -inf
    _check(x, "with inf")
    _check(x.T.copy().T[:, ::-1], "with inf, F-ordered and reversed")
# no columns, one column, one row, reversed rows, big-endian data
one_col = _with_gaps((6, 1), "f8", rng)
one_col[0, 0] = 2.5
for label, x in [
    ("no columns", np.zeros((4, 0))),
    ("one column", one_col),
    ("one row", rng.normal(size=(1, 6))),
    ("reversed rows", _with_gaps((6, 4), "f8", rng)[::-1]),
    ("big-endian", _with_gaps((5, 4), ">f8", rng)),
    ("big-endian float32 F-ordered", np.asfortranarray(_with_gaps((5, 4), ">f4", rng))),
]:
    if x.size and np.isnan(x).all(axis=0).any():
        continue
    _check(x, label)
### END HIDDEN TESTS

# %% hint id=fill_nan
# Start from `x.copy()` (never `x[:]`, a view): the copy is yours, writeable even when `x` is
# read-only. The column means without the gaps are `np.nanmean(x, axis=0)`.
# ---
# `np.nonzero(np.isnan(x))` gives the rows and columns of the gaps, so
# `filled[rows, cols] = means[cols]` fills them. Alternatively
# `np.where(np.isnan(x), means, x)` builds the new array in one go.


# %% [markdown]
# ### Exercise 5: a read-only view nobody can unlock
#
# Write `frozen_view(x)` that returns a view of `x` that the caller cannot write through,
# **even after** setting its `flags.writeable = True` (that attempt must raise
# `ValueError`, as it does for the view of a read-only owner). The view has `x`'s shape,
# dtype and values, shares `x`'s memory, and shows later writes to `x`; `x` itself must
# stay writeable. `x` is an array of integers, floats or complex numbers of any shape (0-d
# and length-1 axes included, but at least one element), any layout (transposed, stepped,
# reversed) and either byte order. The demo's `x.view()` with the flag switched off
# is not enough: apply NumPy's rule about the ultimate owner of the memory. Python's
# built-in `memoryview` (the buffer interface) can help.


# %% solution id=frozen_view
def frozen_view(x):
    ### BEGIN SOLUTION
    # the view's owner becomes a read-only memoryview of x's buffer: no one can unlock it
    return np.asarray(memoryview(x).toreadonly())
    ### END SOLUTION


# %% tests id=test_frozen_view points=3
import numpy as np

from npmem.checks import check_array, check_equal, check_raises, check_view


def _unlock(view):
    view.flags.writeable = True
    return "the flag was switched back on"


data = np.arange(6.0).reshape(2, 3)
ro = frozen_view(data)
check_array(ro, np.arange(6.0).reshape(2, 3), "frozen_view(data)")
check_view(ro, data, "frozen_view(data)")
check_equal(ro.flags.writeable, False, "frozen_view(data).flags.writeable")
check_raises(ValueError, _unlock, ro, call="frozen_view(data).flags.writeable = True")
check_equal(data.flags.writeable, True, "data.flags.writeable after frozen_view(data)")

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_frozen_view")


def _write(view, index):
    view[index] = 1


for _ in range(6):
    shape = tuple(int(n) for n in rng.integers(2, 6, size=int(rng.integers(1, 4))))
    dtype = str(rng.choice(["i1", "u2", "i4", "f4", "f8", "c16"]))
    base = rng.integers(-50, 50, size=tuple(2 * n for n in shape)).astype(dtype)
    for label, x in [
        ("C array", base[tuple(slice(0, n) for n in shape)].copy()),
        ("transposed", base.T),
        ("reversed", base[::-1]),
        ("stepped", base[tuple(slice(None, None, 2) for _ in shape)]),
    ]:
        call = f"frozen_view({label} {dtype} shape={x.shape} strides={x.strides})"
        got = frozen_view(x)
        check_array(got, x.copy(), call)
        check_view(got, x, call)
        check_equal(got.flags.writeable, False, call + ".flags.writeable")
        corner = (0,) * x.ndim
        check_raises(ValueError, _write, got, corner, call=f"{call}[0, ...] = 1")
        check_raises(ValueError, _unlock, got, call=f"{call}.flags.writeable = True")
        check_raises(ValueError, _unlock, got.view(), call=f"{call}.view().flags.writeable = True")
        check_equal(x.flags.writeable, True, f"x.flags.writeable after {call}")
        x[corner] = 7
        check_equal(bool(got[corner] == 7), True, f"{call}[0, ...] == 7 after x[0, ...] = 7")
        last = tuple(n - 1 for n in x.shape)
        x[last] = 9
        check_equal(bool(got[last] == 9), True, f"{call}[-1, ...] == 9 after x[-1, ...] = 9")
# 0-d, length-1 axes, F order, big-endian data
for label, x in [
    ("0-d float64", np.array(3.5)),
    ("shape (1, 4)", np.arange(4.0).reshape(1, 4)),
    ("shape (3, 1, 2) int16", np.arange(6, dtype=np.int16).reshape(3, 1, 2)),
    ("F-ordered", np.asfortranarray(np.arange(12.0).reshape(3, 4))),
    ("big-endian int32", np.arange(12, dtype=">i4").reshape(4, 3)[::-1]),
    ("big-endian complex", (np.arange(6) * 1j).astype(">c16").reshape(2, 3).T),
]:
    call = f"frozen_view({label} {x.dtype.str} shape={x.shape} strides={x.strides})"
    got = frozen_view(x)
    check_array(got, x.copy(), call)
    check_view(got, x, call)
    corner = (0,) * x.ndim
    check_raises(ValueError, _write, got, corner, call=f"{call}[{corner}] = 1")
    check_raises(ValueError, _unlock, got, call=f"{call}.flags.writeable = True")
    check_equal(x.flags.writeable, True, f"x.flags.writeable after {call}")
    x[corner] = 5
    check_equal(bool(got[corner] == 5), True, f"{call}[{corner}] == 5 after x[{corner}] = 5")
### END HIDDEN TESTS

# %% hint id=frozen_view
# NumPy lets `flags.writeable = True` succeed only if the array owns its memory or the
# object at the end of its `.base` chain exposes a writeable buffer. So the view's owner
# must be something read-only that still uses `x`'s bytes, not `x` itself.
# ---
# `memoryview(x)` exposes `x`'s buffer (with its shape and strides), `.toreadonly()` makes a
# read-only memoryview of the same bytes, and `np.asarray(...)` of that is an array viewing
# them, whose owner is the read-only memoryview. (`as_strided(x, writeable=False)` also
# works, for a similar reason.)


# %% [markdown]
# ## 5. Temporaries and working in place
#
# `03-broadcasting` (section 5) measured that `x = x * 2` allocates a new array while
# `x *= 2` and `np.multiply(x, 2, out=x)` write into `x`'s own buffer. Here they meet views:
# `out=` may be a view, and the ufunc then writes through it into the array it views, with
# no new array. `extra_memory` (used again below) measures the peak extra bytes of a call
# with `tracemalloc`.


# %%
def extra_memory(func):
    """Peak bytes allocated while func() runs, beyond those already allocated."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    func()
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return peak


def into_view(arr):
    np.multiply(arr[::2], 2, out=arr[::2])  # out= may be a view: this writes into arr


x = np.ones(1_000_000)
ratio = extra_memory(lambda: into_view(x)) / x.nbytes
print(f"into_view(x): peak extra memory = {ratio:.2f} x.nbytes; x[:4] is now {x[:4]}")

# %% [markdown]
# To write values that already exist into an array you own, without making a new one, use
# `np.copyto(dst, src)` (or `dst[...] = src`). `src` broadcasts to `dst`'s shape, `dst` may
# be a view, `where=` picks the elements to write, and the cast follows the same
# `same_kind` rule as the in-place operators (03, section 5).

# %%
grid = np.arange(12.0).reshape(3, 4)
np.copyto(grid[:, ::2], 0.0)  # a scalar broadcast into a view: writes into grid
print(grid)
np.copyto(grid, -1.0, where=grid % 3 == 1)
print(grid)
try:
    np.copyto(np.zeros(3, dtype=np.int64), np.array([1.5, 2.5, 3.5]))
except TypeError as err:
    print("float64 into int64 ->", err)

# %% [markdown]
# What if `out=` overlaps an input? `a[1:] += a[:-1]` reads elements that the same operation
# is writing. A naive loop would read already updated values and compute a running sum.
# Instead, NumPy's documentation defines the result of a ufunc to be **as if the operands
# did not overlap** (since NumPy 1.13): where an output may overlap an input, the ufunc
# first copies that input into a temporary buffer. Deciding that is section 2's hard
# question, so NumPy answers it with a cheap test that looks further than the bounds but,
# as its documentation warns, may now and then make a copy that was not needed (never the
# other way round). The price of a copy is that temporary, which `tracemalloc` shows;
# compare the interleaved halves of section 2, whose bounds overlap but whose elements do
# not:


# %%
def shift_add_overlapping(arr):
    arr[1:] += arr[:-1]


def shift_add_separate(arr, other):
    arr[1:] += other[:-1]


def interleaved_add(arr):
    arr[::2] += arr[1::2]  # bounds overlap (section 2), elements do not


demo = np.arange(6.0)
before = demo.copy()
shift_add_overlapping(demo)
print("a[1:] += a[:-1] on arange(6):", demo)
print("same as the old a[1:] + old a[:-1]:", np.array_equal(demo[1:], before[1:] + before[:-1]))
print("a running sum would be:      ", np.cumsum(before))
big, other = np.ones(1_000_001), np.ones(1_000_001)
print(f"extra memory, overlapping: {extra_memory(lambda: shift_add_overlapping(big)):>11,} bytes")
print(
    f"extra memory, separate:    {extra_memory(lambda: shift_add_separate(big, other)):>11,} bytes"
    f"  (a[:-1] has {big[:-1].nbytes:,} bytes)"
)
interleaved = extra_memory(lambda: interleaved_add(big[1:]))
print(f"extra memory, a[::2] += a[1::2]: {interleaved:>5,} bytes")
del big, other

# %% [markdown]
# What does a new result cost in time? Not necessarily a trip to the operating system.
# With glibc (the C library of most Linux systems), the 8 MB block that one `x * 2` frees
# is reused by the next `x * 2` (why, and up to what size, is `06-leaks`, section 1, *The
# threshold moves*), so inside a timing loop no memory is mapped from the OS and none is
# touched for the first time. The cell counts the page faults of each loop to check
# (`resource` reports them on Linux and macOS; other C libraries and systems have their own
# rules). What a new result does cost is memory
# traffic: it reads `x` and writes a second 8 MB buffer, while the in-place update reads
# and writes the same one. Writing into another array that already exists (`out=y`) pays
# that traffic too, with no allocation at all. Compare the three:

# %%
try:
    import resource
except ImportError:  # Windows has no getrusage
    resource = None


def page_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else None


x = np.ones(1_000_000)
y = np.empty_like(x)
forms = {
    "x * 2                     (a new array)": lambda: x * 2,
    "np.multiply(x, 2, out=y)  (another array)": lambda: np.multiply(x, 2, out=y),
    "np.multiply(x, 2, out=x)  (in place)": lambda: np.multiply(x, 2, out=x),
}
times = {}
for label, form in forms.items():
    for _ in range(3):
        form()  # warm up: the first calls may map and touch fresh memory
    before = page_faults()
    times[label] = min(timeit.repeat(form, number=20, repeat=5)) / 20
    faults = "not reported here" if before is None else f"{page_faults() - before:,}"
    print(f"{label:41} {times[label] * 1e3:6.3f} ms per call; page faults in 100 calls: {faults}")
new, other, inplace = times.values()
print(f"new / out=y: {new / other:.2f}   new / in place: {new / inplace:.2f}")
nearer = "x * 2" if abs(np.log(other / new)) < abs(np.log(other / inplace)) else "in place"
print(f"out=y is nearer to: {nearer}")
x.fill(1.0)  # x was doubled 103 times above
del y

# %% [markdown]
# Where `x * 2` caused next to no page faults, allocation is not what separates it from the
# in-place update: the gap is traffic, which `out=y` pays as well, and the cell prints which
# of the other two `out=y` is nearer to here. Timings on a busy machine are noisy, and the
# ratios depend on the machine (its caches above all: two 8 MB buffers stay in them less
# well than one) and on the array's size: past a size limit (`06-leaks`, section 1), glibc
# maps every new array fresh again. Remember, though, that an in-place update **is** a
# mutation: do it on arrays you own, never on an argument the caller did not hand over for
# that purpose (section 4).
#
# ### Exercise 6: rescale rows in place
#
# Write `rescale_rows(x)` that rescales each row of the 2-D float array `x` **in place** so
# that its smallest value becomes exactly 0 and its largest exactly 1 (the tests compare
# them with `==`): `x[i] = (x[i] - min_i) / (max_i - min_i)`, with that division. Return `x`
# itself. Use `out=` (or augmented assignment) so that no temporary as big as `x` is ever
# made: the tests measure the extra memory with `tracemalloc` and allow at most a quarter of
# `x.nbytes` (plus a little). Row minima and maxima are small; keep them as `(nrows, 1)`
# arrays (`keepdims=True`) so they broadcast against `x`. `x` may be a non-contiguous view
# (or F-ordered, or in either byte order): writing into it must update the array it views.
# No row is constant, and `max_i - min_i` does not overflow; `x` may have no rows, or few
# very long ones (the memory limit holds for every shape).


# %% solution id=rescale_rows
def rescale_rows(x):
    ### BEGIN SOLUTION
    low = x.min(axis=1, keepdims=True)
    span = x.max(axis=1, keepdims=True)
    np.subtract(span, low, out=span)
    np.subtract(x, low, out=x)
    np.divide(x, span, out=x)
    return x
    ### END SOLUTION


# %% tests id=test_rescale_rows points=3
import tracemalloc

import numpy as np

from npmem.checks import check_array, check_at_most, check_equal

rows = np.array([[1.0, 2.0, 3.0], [10.0, 0.0, 5.0]])
check_equal(rescale_rows(rows) is rows, True, "rescale_rows(rows) is rows")
check_array(rows, np.array([[0.0, 0.5, 1.0], [1.0, 0.0, 0.5]]), "rows after rescale_rows(rows)")

big = np.random.default_rng(0).random((500, 1000))
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
tracemalloc.reset_peak()
rescale_rows(big)
extra = tracemalloc.get_traced_memory()[1] - before
tracemalloc.stop()
check_at_most(extra, big.nbytes // 4 + 65536, "extra memory of rescale_rows(500x1000 float64)")

### BEGIN HIDDEN TESTS
from npmem.checks import check_close, hidden_rng

rng = hidden_rng("test_rescale_rows")


def _expected(x):
    low, high = x.min(axis=1, keepdims=True), x.max(axis=1, keepdims=True)
    return (x - low) / (high - low)


def _exact_ends(x, call):  # the smallest value of a row is exactly 0, the largest exactly 1
    ends = np.stack([x.min(axis=1), x.max(axis=1)], axis=1)
    want = np.zeros((len(x), 2), dtype=ends.dtype)
    want[:, 1] = 1
    check_array(ends, want, f"[row minimum, row maximum] of x after {call}")


for _ in range(6):
    n, m = (int(k) for k in rng.integers(2, 30, size=2))
    dtype = str(rng.choice(["f4", "f8"]))
    base = (rng.normal(size=(2 * n, 2 * m)) * rng.integers(1, 1000)).astype(dtype)
    for label, view in [
        ("C array", lambda b: b[:n, :m]),
        ("transposed", lambda b: b.T),
        ("stepped", lambda b: b[::2, 1::2]),
        ("reversed", lambda b: b[::-1]),
    ]:
        x = view(base.copy())  # a fresh buffer: rescaling one case must not feed the next
        call = f"rescale_rows({label} {dtype} shape={x.shape} strides={x.strides})"
        expected = _expected(x.copy())
        got = rescale_rows(x)
        if got is not x:
            raise AssertionError(
                f"{call}: expected x itself back, rescaled in place, got a new object"
            )
        check_close(x, expected, f"x after {call}", rtol=1e-5, atol=1e-6)
        _exact_ends(x, call)
# one row, no rows, two columns, F order, big-endian data
for label, x in [
    ("one row", rng.normal(size=(1, 7))),
    ("no rows", np.zeros((0, 4))),
    ("two columns, reversed", rng.normal(size=(5, 2))[:, ::-1]),
    ("F-ordered", np.asfortranarray(rng.normal(size=(6, 5)))),
    ("big-endian float64", rng.normal(size=(4, 6)).astype(">f8")),
    ("big-endian float32, transposed", rng.normal(size=(5, 4)).astype(">f4").T),
    ("spans 49, 98, 0.7 and 1e-3", np.array([[0, 49.0], [98, 1], [0.1, 0.8], [0.002, 0.001]])),
    ("float32 spans 49 and 41", np.array([[7, 56, 30], [41, 0, 2]], dtype=np.float32)),
]:
    call = f"rescale_rows({label} {x.dtype.str} shape={x.shape} strides={x.strides})"
    expected = _expected(x.copy())
    dtype_before = x.dtype
    got = rescale_rows(x)
    if got is not x:
        raise AssertionError(f"{call}: expected x itself back, rescaled in place, got a new object")
    check_equal(str(x.dtype), str(dtype_before), f"x.dtype after {call}")
    check_close(x, expected, f"x after {call}", rtol=1e-5, atol=1e-6)
    _exact_ends(x, call)

for dtype, shape in [("f8", (1000, 2000)), ("f4", (3000, 1000)), ("f8", (2, 1_000_000))]:
    big = rng.random(shape).astype(dtype)
    for label, x in [("C array", big), ("every other column", big[:, ::2])]:
        call = f"extra memory of rescale_rows({label} {dtype} shape={x.shape})"
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        rescale_rows(x)
        extra = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()
        check_at_most(extra, x.nbytes // 4 + 65536, call)
    del big, x
for label, x in [
    ("one long row", rng.random((1, 2_000_000))),
    ("two long rows, F-ordered", rng.random((1_000_000, 2)).T),
]:
    call = f"extra memory of rescale_rows({label} shape={x.shape})"
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    rescale_rows(x)
    extra = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    check_at_most(extra, x.nbytes // 4 + 65536, call)
del x
### END HIDDEN TESTS

# %% hint id=rescale_rows
# `x.min(axis=1, keepdims=True)` and `x.max(axis=1, keepdims=True)` are small `(nrows, 1)`
# arrays. Turn the maximum into the span in place: `np.subtract(span, low, out=span)`.
# ---
# Then update `x` itself: `np.subtract(x, low, out=x)` and `np.divide(x, span, out=x)` (or
# `x -= low` and `x /= span`). `x = (x - low) / span` makes new arrays and only rebinds your
# local name: the caller's array would not change. Divide by the span rather than multiply
# by `1 / span`: `49.0 * (1 / 49.0)` is not exactly 1.


# %% [markdown]
# ### Exercise 7: a compound expression with no temporaries
#
# Write `fused_inplace(a, b)` that computes `(a + b) * (-a / 2)` and stores the result in
# `a`, returning `a`. `a` and `b` are float arrays of the same shape that do not overlap,
# and `b` is scratch space: you may overwrite it. Their float dtypes may differ: `a` keeps
# its own, and `b` may hold an intermediate value in its own dtype (the tests then allow the
# precision of the narrower dtype, and keep the values well inside float32's range). Any
# axis may have length 0 or 1, and they may have any layout or byte order. Values may be
# large or small: wherever the result is finite, each of your steps must be too, and `a`
# may be tiny next to `b`. Written as it reads, the expression makes three temporaries;
# yours must allocate at most a quarter of `a.nbytes` (plus 64 kB), whatever the shape.
# Watch the order of your steps: once you overwrite `a`, its old values are gone.


# %% solution id=fused_inplace
def fused_inplace(a, b):
    ### BEGIN SOLUTION
    np.add(a, b, out=b)  # b = a + b
    np.divide(a, -2, out=a)  # a = -a / 2
    np.multiply(a, b, out=a)
    return a
    ### END SOLUTION


# %% tests id=test_fused_inplace points=2
import tracemalloc

import numpy as np

from npmem.checks import check_array, check_at_most, check_equal

left, right = np.array([2.0, 4.0, -6.0]), np.array([1.0, -4.0, 2.0])
check_equal(fused_inplace(left, right) is left, True, "fused_inplace(left, right) is left")
check_array(left, np.array([-3.0, 0.0, -12.0]), "left after fused_inplace(left, right)")

big_a, big_b = np.ones(500_000), np.ones(500_000)
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
tracemalloc.reset_peak()
fused_inplace(big_a, big_b)
extra = tracemalloc.get_traced_memory()[1] - before
tracemalloc.stop()
check_at_most(extra, big_a.nbytes // 4 + 65536, "extra memory of fused_inplace(500_000 float64)")

### BEGIN HIDDEN TESTS
from npmem.checks import check_close, hidden_rng, quietly

rng = hidden_rng("test_fused_inplace")
for _ in range(6):
    shape = tuple(int(n) for n in rng.integers(1, 20, size=int(rng.integers(1, 4))))
    dtype = str(rng.choice(["f4", "f8"]))
    base_a = rng.normal(size=shape).astype(dtype)
    base_b = rng.normal(size=shape).astype(dtype)
    for label, a, b in [
        ("C arrays", base_a, base_b),
        ("transposed", base_a.T, base_b.T),
        ("reversed", base_a[::-1], base_b[::-1]),
    ]:
        call = f"fused_inplace({label} {dtype} shape={a.shape})"
        expected = (a + b) * (-a / 2)
        got = fused_inplace(a, b)
        if got is not a:
            raise AssertionError(
                f"{call}: expected a itself back, updated in place, got a new object"
            )
        check_close(a, expected, f"a after {call}", rtol=1e-5, atol=1e-6)
# mixed dtypes, length-0 and length-1 axes, F order, big-endian data
for label, a, b in [
    ("float32 a, float64 b", rng.normal(size=(4, 5)).astype("f4"), rng.normal(size=(4, 5))),
    ("float64 a, float32 b", rng.normal(size=(6,)), rng.normal(size=(6,)).astype("f4")),
    ("empty (3, 0)", np.zeros((3, 0)), np.zeros((3, 0))),
    ("shape (1, 5, 1)", rng.normal(size=(1, 5, 1)), rng.normal(size=(1, 5, 1))),
    ("F-ordered", np.asfortranarray(rng.normal(size=(3, 4))), rng.normal(size=(3, 4))),
    ("big-endian", rng.normal(size=(2, 7)).astype(">f8"), rng.normal(size=(2, 7)).astype(">f8")),
]:
    call = f"fused_inplace({label}, shape={a.shape})"
    expected = ((a + b) * (-a / 2)).astype(a.dtype)
    dtype_before = a.dtype
    got = fused_inplace(a, b)
    if got is not a:
        raise AssertionError(f"{call}: expected a itself back, updated in place, got a new object")
    check_equal(str(a.dtype), str(dtype_before), f"a.dtype after {call}")
    check_close(a, expected, f"a after {call}", rtol=1e-5, atol=1e-6)
# near the dtype's limits: a * (a + b) overflows where the result does not; a tiny next to b
for dtype in ["f8", "f4"]:
    root = float(np.sqrt(np.finfo(dtype).max))
    signs = rng.choice([-1.0, 1.0], size=8)
    for label, a, b in [
        ("a near sqrt(max)", signs * root * rng.uniform(1.15, 1.3, size=8), rng.normal(size=8)),
        ("b near 1e8 times a", rng.normal(size=8), signs * rng.uniform(1e8, 1e9, size=8)),
        ("b near 1e16 times a", rng.normal(size=8), signs * rng.uniform(1e16, 1e17, size=8)),
    ]:
        a, b = a.astype(dtype), b.astype(dtype)
        call = f"fused_inplace({label}, {dtype})"
        with np.errstate(all="ignore"):
            expected = (a + b) * (-a / 2)
        quietly(fused_inplace, a, b)
        check_close(a, expected, f"a after {call}", rtol=1e-5, atol=1e-6)

shapes = [(2_000_000,), (2, 1_000_000)]
for dtype, shape in [("f4", shapes[0]), ("f8", shapes[0]), ("f8", shapes[1])]:
    big_a = rng.random(shape).astype(dtype)
    big_b = rng.random(shape).astype(dtype)
    for label, a, b in [
        ("C arrays", big_a, big_b),
        ("every other", big_a[..., ::2], big_b[..., 1::2]),
        ("reversed", big_a[::-1], big_b),
    ]:
        call = f"extra memory of fused_inplace({label} {dtype}, shape {a.shape})"
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        fused_inplace(a, b)
        extra = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()
        check_at_most(extra, a.nbytes // 4 + 65536, call)
del big_a, big_b, a, b
### END HIDDEN TESTS

# %% hint id=fused_inplace
# You need `a + b` and `-a / 2`, both from the *old* `a`. `b` is scratch space: store `a + b`
# there first, with `np.add(a, b, out=b)`.
# ---
# Now `a` may change: `np.divide(a, -2, out=a)`, then `np.multiply(a, b, out=a)`, and
# return `a`. Halving first matters near the dtype's limits: `a * (a + b)` can overflow to
# `inf` where half of it would not.


# %% [markdown]
# ## Summary
#
# * Basic indexing (integers, slices, `...`, `None`) returns views; lists, integer arrays and
#   boolean masks copy. A single element comes back as a scalar copy. `x[idx] += 1` counts a
#   repeated index once; `np.add.at` counts every repeat.
# * `np.shares_memory` is the reliable test; `.base` points to the owner and can be set even
#   on a copy; `np.may_share_memory` compares bounds only and can say "maybe" wrongly.
# * `reshape` is a view when every pair of axes it merges satisfies
#   `strides[k] == shape[k + 1] * strides[k + 1]` (length-1 axes always merge), and copies
#   silently otherwise; `ravel()` is a view only for a C-contiguous array, so it can copy
#   where `reshape(-1)` would not; `flatten` always copies; `np.reshape(..., copy=False)`
#   makes a needed copy an error, and `np.ascontiguousarray` makes a C-ordered buffer.
# * A function that updates its argument in place changes its caller's data; read-only
#   views let you share without that risk (a view whose ultimate owner is read-only cannot
#   be unlocked), and any view keeps its whole base alive, which `sys.getsizeof` does not
#   show: look at the `nbytes` of the array that owns the memory (`v.base` for a slice;
#   `sliding_window_view` and `as_strided` put a helper object in between).
# * `out=`, `*=` and `np.copyto` write into memory you already have, views included (03
#   covers `out=` and temporary elision). When `out=` may overlap an input, NumPy copies
#   the input first, so the result is as if there were no overlap, at the cost of a
#   temporary (its cheap test can copy when no copy was needed, never the other way).
#   A new result costs time mostly as memory traffic into a second buffer (glibc reuses the
#   freed block, so no trip to the OS): writing into another existing array costs it too,
#   the in-place update does not.
#
# **Next:** `05-memmap`, where the buffer behind an array is a file on disk.

# %% check
