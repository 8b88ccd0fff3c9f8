# %% [markdown]
# # 01 · Strides: how an array finds its elements
#
# An `ndarray` is four things: a flat **buffer** of bytes, a **dtype** that says how to read
# each item, a **shape**, and **strides**: for each axis, how many bytes to jump to reach the
# next element along it. Everything in this notebook (transposes that cost nothing, slices
# that copy nothing, loops that run ten times slower for no visible reason) follows from
# those four things.
#
# **What you'll do**
#
# 1. Take arrays apart into buffer, dtype, shape and strides, and compute strides yourself.
# 2. Find an element's byte offset, and measure why traversal order matters.
# 3. Predict what slicing, transposing and reshaping do to strides, and when NumPy must copy.
# 4. Build zero-copy views with `as_strided` and `sliding_window_view`, and see why
#    `as_strided` is dangerous.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on fresh inputs (other shapes, dtypes and non-contiguous arrays), so write the
# general rule, not the answers to the examples. *Validate* (in the toolbar) runs every
# visible test at once.
#
# Every number printed below is measured on the machine running this notebook; yours will
# differ from a classmate's, and that is the point.

# %% readonly id=setup
import timeit

import numpy as np
from numpy.lib.array_utils import byte_bounds
from numpy.lib.stride_tricks import as_strided, sliding_window_view

from npmem.explorers.strides import strides_explorer

# %% [markdown]
# ## 1. Buffer, dtype, shape, strides
#
# Here is a 3 × 4 array of 16-bit integers. Its buffer is 24 bytes long; the strides say that
# moving one row down skips 8 bytes (4 items of 2 bytes) and moving one column right skips 2.

# %%
a = np.arange(12, dtype=np.int16).reshape(3, 4)
print(a)
print("shape   ", a.shape)
print("dtype   ", a.dtype, f"({a.itemsize} bytes per item)")
print("strides ", a.strides)
print("nbytes  ", a.nbytes, "=", a.size, "items x", a.itemsize, "bytes")
print("buffer  ", a.tobytes().hex(" ", 2))

# %% [markdown]
# The buffer alone is just bytes. Give NumPy the same bytes with another dtype and shape and
# you get another array: the metadata *is* the array.

# %%
raw = a.tobytes()
print(np.frombuffer(raw, dtype=np.int16).reshape(4, 3))
print(np.frombuffer(raw, dtype=np.int32))  # two int16 read as one int32 (little-endian)

# %% [markdown]
# In **C order** (row-major, NumPy's default) the last axis is contiguous: its stride is the
# item size, and each earlier axis's stride is the next axis's stride times the next axis's
# length. In **Fortran order** (column-major) it is the other way round: the *first* axis is
# contiguous.

# %%
for order in "CF":
    b = np.empty((2, 3, 4), dtype=np.float32, order=order)
    print(order, "order: shape", b.shape, "strides", b.strides)

# %% [markdown]
# ### Exercise 1: strides from a shape
#
# Write `strides_for(shape, itemsize, order="C")` returning the tuple of strides, in bytes,
# that NumPy gives a freshly allocated array of that shape and item size in `order` (`"C"`
# or `"F"`). Work from the rule above; do not create an array. Every length in `shape` is at
# least 1. A 0-d shape `()` has strides `()`.

# %% solution id=strides_for
def strides_for(shape, itemsize, order="C"):
    ### BEGIN SOLUTION
    if order not in ("C", "F"):
        raise ValueError(f"order must be 'C' or 'F', got {order!r}")
    dims = list(shape) if order == "C" else list(reversed(shape))
    strides = []
    step = itemsize
    for n in reversed(dims):
        strides.append(step)
        step *= n
    strides.reverse()
    return tuple(strides) if order == "C" else tuple(reversed(strides))
    ### END SOLUTION

# %% tests id=test_strides_for points=2
from npmem.checks import check_equal

check_equal(strides_for((3, 4), 2), (8, 2), "strides_for((3, 4), 2)")
check_equal(strides_for((3, 4), 2, "F"), (2, 6), "strides_for((3, 4), 2, 'F')")
check_equal(strides_for((5,), 8), (8,), "strides_for((5,), 8)")

### BEGIN HIDDEN TESTS
import numpy as np

rng = np.random.default_rng()
for _ in range(30):
    ndim = int(rng.integers(0, 5))
    shape = tuple(int(n) for n in rng.integers(1, 7, size=ndim))
    dtype = np.dtype(str(rng.choice(["i1", "i2", "f4", "f8", "c16", "V3"])))
    for order in "CF":
        expected = np.empty(shape, dtype=dtype, order=order).strides
        call = f"strides_for({shape}, {dtype.itemsize}, {order!r})"
        check_equal(strides_for(shape, dtype.itemsize, order), expected, call)
### END HIDDEN TESTS

# %% hint id=strides_for
# In C order the last axis is contiguous, so its stride is `itemsize`. One axis further out,
# a single step jumps over a whole run of the axis inside it: multiply by that axis's length.
# Work from the last axis to the first with a running product.
# ---
# For shape `(3, 4)` and item size 2: the last axis has stride 2, the one before it 2 × 4 = 8,
# so `(8, 2)`. Fortran order is the mirror image: run the same product from the first axis to
# the last (or reverse the shape, compute C strides, and reverse the result). A 0-d shape
# gives an empty tuple without any special case if your loop simply does not run.


# %% [markdown]
# ## 2. Where is element `[i, j]`?
#
# To find `a[i, j]`, NumPy starts at the array's first byte and jumps `i * strides[0] +
# j * strides[1]` bytes. We can watch it do so: `a.ctypes.data` is the address of the first
# element, and a one-element slice starts at the element we want.

# %%
i, j = 2, 3
start = a.ctypes.data
found = a[i : i + 1, j : j + 1].ctypes.data - start
predicted = i * a.strides[0] + j * a.strides[1]
print(f"a[{i}, {j}] = {a[i, j]} sits {found} bytes in; the strides predict {predicted}")

# %% [markdown]
# The formula does not care whether the strides are "natural". The transpose of `a` has the
# same buffer and swapped strides, so the same formula finds `a.T[j, i]` in the same place.

# %%
t = a.T
print("a.T strides:", t.strides, " shares a's buffer:", np.shares_memory(t, a))
print("offset of a.T[3, 2]:", 3 * t.strides[0] + 2 * t.strides[1], "bytes")

# %% [markdown]
# ### Exercise 2: the byte offset of an element
#
# Write `byte_offset(arr, index)` returning how many bytes separate `arr[index]` from the
# first element of `arr` (`arr[0, ..., 0]`). `index` is a tuple with one integer per axis;
# like Python indexing, a negative entry counts from the end of its axis. Raise `IndexError`
# for an index outside the array. `arr` may be any view: transposed, sliced with steps, even
# reversed (then the offset is negative). Use the strides.

# %% solution id=byte_offset
def byte_offset(arr, index):
    ### BEGIN SOLUTION
    if len(index) != arr.ndim:
        raise IndexError(f"need {arr.ndim} indices, got {len(index)}")
    offset = 0
    for i, n, stride in zip(index, arr.shape, arr.strides):
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for an axis of length {n}")
        offset += (i % n) * stride
    return offset
    ### END SOLUTION

# %% tests id=test_byte_offset points=2
import numpy as np

from npmem.checks import check_equal, check_raises

grid = np.arange(12, dtype=np.int16).reshape(3, 4)
check_equal(byte_offset(grid, (1, 2)), 12, "byte_offset(int16 3x4, (1, 2))")
check_equal(byte_offset(grid.T, (2, 1)), 12, "byte_offset(int16 3x4 .T, (2, 1))")
check_equal(byte_offset(grid, (-1, -1)), 22, "byte_offset(int16 3x4, (-1, -1))")
check_raises(IndexError, byte_offset, grid, (3, 0), call="byte_offset(int16 3x4, (3, 0))")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()


def _views(rng):
    base = np.zeros((7, 9, 5), dtype=str(rng.choice(["i1", "i4", "f8", "c8"])))
    yield "C array", base
    yield "transposed", base.transpose(2, 0, 1)
    yield "stepped slice", base[1::2, ::3, 1:]
    yield "reversed", base[::-1, :, ::-2]
    yield "2-D column slice", base[:, 4, :].T


for label, view in _views(rng):
    for _ in range(10):
        index = tuple(int(rng.integers(-n, n)) for n in view.shape)
        pos = tuple(i % n for i, n in zip(index, view.shape))
        target = view[tuple(slice(p, p + 1) for p in pos)]
        expected = target.ctypes.data - view.ctypes.data
        call = f"byte_offset({label} {view.dtype} shape={view.shape} strides={view.strides}, {index})"
        check_equal(byte_offset(view, index), expected, call)
    too_far = tuple(n if k == view.ndim - 1 else 0 for k, n in enumerate(view.shape))
    check_raises(IndexError, byte_offset, view, too_far, call=f"byte_offset({label}, {too_far})")
    too_low = tuple(-n - 1 if k == 0 else 0 for k, n in enumerate(view.shape))
    check_raises(IndexError, byte_offset, view, too_low, call=f"byte_offset({label}, {too_low})")
### END HIDDEN TESTS

# %% hint id=byte_offset
# The formula is the one above: `index[0] * strides[0] + index[1] * strides[1] + ...`. What is
# left is Python's indexing rules: a negative index counts from the end, and an index outside
# `-n <= i < n` is an error.
# ---
# Loop over `zip(index, arr.shape, arr.strides)`. Raise `IndexError` unless `-n <= i < n`,
# then add `(i % n) * stride`. Keep the strides' signs: a reversed view has a negative stride,
# and its offsets are negative too.


# %% [markdown]
# ## 3. Traversal order matters
#
# Memory is read in cache lines of 64 bytes. Walking along the contiguous axis uses every
# byte of every line fetched; walking across it uses 8 bytes of each line and throws the
# rest away. The two loops below do the same additions on the same array: one visits rows,
# one visits columns. We time both on a C-ordered and an F-ordered copy of the same data
# (32 MB each: larger than the CPU caches).

# %%
def sum_by_rows(m):
    return sum(float(m[r, :].sum()) for r in range(m.shape[0]))


def sum_by_columns(m):
    return sum(float(m[:, c].sum()) for c in range(m.shape[1]))


def best_of(func, arg, repeat=5):
    return min(timeit.repeat(lambda: func(arg), number=1, repeat=repeat))


big_c = np.random.default_rng(0).random((2000, 2000))
big_f = np.asfortranarray(big_c)
timings = {
    (name, order): best_of(func, arr)
    for order, arr in (("C", big_c), ("F", big_f))
    for name, func in (("rows", sum_by_rows), ("columns", sum_by_columns))
}
for order in "CF":
    rows, cols = timings["rows", order], timings["columns", order]
    print(
        f"{order}-ordered: rows {rows * 1e3:6.1f} ms, columns {cols * 1e3:6.1f} ms"
        f"  -> the {'rows' if rows < cols else 'columns'} loop is "
        f"{max(rows, cols) / min(rows, cols):.1f}x faster"
    )

# %% [markdown]
# The winner flips with the memory order: what matters is not "rows" or "columns" but
# whether the inner walk has a small stride. NumPy's own reductions (`big_c.sum(axis=0)`)
# reorder their loops to walk memory contiguously, which is one more reason to let NumPy do
# the looping.

# %%
del big_c, big_f

# %% [markdown]
# ## 4. Slicing, transposing, reshaping: new strides, same bytes
#
# Basic slicing never copies. A slice `start:stop:step` on an axis moves the start by
# `start * stride` bytes, multiplies that axis's stride by `step` and shortens its length.
# A negative step gives a negative stride.

# %%
v = np.arange(24, dtype=np.int32).reshape(4, 6)
for expr in ["v", "v[1:, ::2]", "v[::-1]", "v[:, 4:1:-2]", "v.T"]:
    w = eval(expr)
    shift = w.ctypes.data - v.ctypes.data
    print(
        f"{expr:14} shape {str(w.shape):8} strides {str(w.strides):10}"
        f" starts {shift:3} bytes in  shares memory: {np.shares_memory(w, v)}"
    )

# %% [markdown]
# ### Exercise 3: predict a slice's layout
#
# Write `slice_layout(shape, strides, key)` that returns `(new_shape, new_strides, offset)`
# for the view `arr[key]` of an array with the given `shape` and `strides`, without making
# an array. `key` is a tuple of `slice` objects, one per leading axis (axes not named are
# taken whole); `offset` is how many bytes the view's first element lies after `arr`'s. You
# may assume every axis of the result is non-empty. Hint: `slice.indices(length)` turns a
# slice into concrete `(start, stop, step)`.

# %% solution id=slice_layout
def slice_layout(shape, strides, key):
    ### BEGIN SOLUTION
    new_shape, new_strides, offset = [], [], 0
    for axis, (n, stride) in enumerate(zip(shape, strides)):
        part = key[axis] if axis < len(key) else slice(None)
        start, stop, step = part.indices(n)
        new_shape.append(len(range(start, stop, step)))
        new_strides.append(stride * step)
        offset += start * stride
    return tuple(new_shape), tuple(new_strides), offset
    ### END SOLUTION

# %% tests id=test_slice_layout points=3
import numpy as np

from npmem.checks import check_equal

check_equal(
    slice_layout((4, 6), (24, 4), (slice(1, None), slice(None, None, 2))),
    ((3, 3), (24, 8), 24),
    "slice_layout((4, 6), (24, 4), v[1:, ::2])",
)
check_equal(
    slice_layout((4, 6), (24, 4), (slice(None, None, -1),)),
    ((4, 6), (-24, 4), 72),
    "slice_layout((4, 6), (24, 4), v[::-1])",
)

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()


def _random_slice(n, rng):
    step = int(rng.choice([-3, -2, -1, 1, 2, 3]))
    while True:
        start = int(rng.integers(-n, n))
        stop = int(rng.integers(-n - 1, n + 2))
        if len(range(*slice(start, stop, step).indices(n))):
            return slice(start, stop, step)


for _ in range(40):
    dtype = str(rng.choice(["i1", "i2", "f4", "f8"]))
    base = np.zeros(tuple(int(n) for n in rng.integers(1, 9, size=3)), dtype=dtype)
    arr = base.transpose(tuple(int(k) for k in rng.permutation(3)))
    if rng.random() < 0.5:
        arr = arr[::-1]
    key = tuple(_random_slice(n, rng) for n in arr.shape[: int(rng.integers(1, 4))])
    view = arr[key]
    expected = (view.shape, view.strides, view.ctypes.data - arr.ctypes.data)
    call = f"slice_layout({arr.shape}, {arr.strides}, {key})"
    check_equal(slice_layout(arr.shape, arr.strides, key), expected, call)
### END HIDDEN TESTS

# %% hint id=slice_layout
# Treat every axis on its own. For an axis of length `n` and stride `s`,
# `part.indices(n)` turns the slice into concrete `(start, stop, step)`: the new length is
# the number of positions in `range(start, stop, step)`, the new stride is `s * step`, and
# the view starts `start * s` bytes further along.
# ---
# Axes that `key` does not name behave like `slice(None)`. Add up the start offsets of all
# axes. Count the length with `len(range(start, stop, step))` rather than dividing: it gets
# the rounding and the negative steps right.


# %% [markdown]
# ## 5. Contiguity flags
#
# An array is **C-contiguous** when its elements fill one unbroken block in row-major order,
# and **F-contiguous** in column-major order. NumPy records both in `arr.flags`. Axes of
# length 1 are never stepped along, so their strides do not matter; an empty array is
# trivially contiguous; a 1-D contiguous array is both C and F.

# %%
m = np.zeros((3, 4))
for expr in ["m", "m.T", "m[:, :2]", "m[1:2]", "m[::2]", "m[:, 0]", "m[:0]"]:
    f = eval(expr).flags
    print(f"{expr:9} C={f.c_contiguous!s:5} F={f.f_contiguous!s:5}")

# %% [markdown]
# Contiguity decides whether `reshape` can be a view. Reshaping re-reads the elements in
# C order; if they are not laid out with regular steps in that order, a copy is the only way.
# NumPy 2.1+ lets you forbid the copy: `np.reshape(x, shape, copy=False)` raises instead.

# %%
print("m.reshape(12) is a view:  ", np.shares_memory(m.reshape(12), m))
print("m.T.reshape(12) is a view:", np.shares_memory(m.T.reshape(12), m))
try:
    np.reshape(m.T, 12, copy=False)
except ValueError as err:
    print("np.reshape(m.T, 12, copy=False) ->", err)

# %% [markdown]
# ### Exercise 4: contiguity from the layout
#
# Write `contiguity(shape, strides, itemsize)` returning the pair
# `(c_contiguous, f_contiguous)` exactly as NumPy would set `arr.flags` for an array with
# that layout. Follow the three remarks above: length-1 axes do not count, an empty array
# (some length 0) is both, and otherwise each remaining stride must be the product of the
# item size and the lengths of the axes inside it.

# %% solution id=contiguity
def contiguity(shape, strides, itemsize):
    ### BEGIN SOLUTION
    if 0 in shape:
        return True, True

    def packed(dims, steps):
        expected = itemsize
        for n, stride in zip(dims, steps):
            if n != 1 and stride != expected:
                return False
            expected *= n
        return True

    c = packed(reversed(shape), reversed(strides))
    f = packed(shape, strides)
    return c, f
    ### END SOLUTION

# %% tests id=test_contiguity points=2
import numpy as np

from npmem.checks import check_equal

check_equal(contiguity((3, 4), (32, 8), 8), (True, False), "contiguity((3, 4), (32, 8), 8)")
check_equal(contiguity((3, 4), (8, 24), 8), (False, True), "contiguity((3, 4), (8, 24), 8)")
check_equal(contiguity((6,), (4,), 4), (True, True), "contiguity((6,), (4,), 4)")
check_equal(contiguity((3, 2), (32, 8), 8), (False, False), "contiguity((3, 2), (32, 8), 8)")

### BEGIN HIDDEN TESTS
from numpy.lib.stride_tricks import as_strided

rng = np.random.default_rng()
cases = []
for _ in range(12):
    dtype = str(rng.choice(["i1", "i2", "f4", "f8"]))
    shape = tuple(int(n) for n in rng.integers(1, 6, size=int(rng.integers(1, 5))))
    base = np.zeros(shape, dtype=dtype)
    cases += [base, base.T, base[::-1], base[..., :1], base[:1], np.asfortranarray(base)]
    cases.append(base.reshape(-1)[::2])
    cases.append(base[..., 0:0])
    # length-1 axes with arbitrary strides: NumPy ignores them, and so must you
    ones = tuple(1 if k % 2 else n for k, n in enumerate(shape))
    natural = np.zeros(ones, dtype=dtype).strides
    odd = tuple(
        int(rng.integers(1, 50)) * base.itemsize if n == 1 else s
        for n, s in zip(ones, natural)
    )
    cases.append(as_strided(base, shape=ones, strides=odd))
for arr in cases:
    expected = (bool(arr.flags.c_contiguous), bool(arr.flags.f_contiguous))
    call = f"contiguity({arr.shape}, {arr.strides}, {arr.itemsize})"
    check_equal(contiguity(arr.shape, arr.strides, arr.itemsize), expected, call)
### END HIDDEN TESTS

# %% hint id=contiguity
# Write one helper that tests "packed" for a given order of the axes: from the innermost axis
# outwards, the expected stride starts at `itemsize` and is multiplied by each axis's length.
# C order walks the axes from the last to the first, F order from the first to the last.
# ---
# Do not compare the stride of an axis of length 1 (it is never stepped along), but do keep
# multiplying the expected stride by every length. Settle the empty case first: any length 0
# gives `(True, True)`.


# %% [markdown]
# ## 6. Views by hand: `as_strided` and `sliding_window_view`
#
# Since a view is only metadata, you can *invent* one: `as_strided(x, shape, strides)` makes
# a view of `x`'s buffer with any shape and strides you like. The main diagonal of a matrix
# is one example: one step down and one step right is `strides[0] + strides[1]` bytes.
#
# Use the explorer to see it. Pick a shape, a dtype, a memory order and a view; the strip is
# the base array's buffer, one box per item (ticks mark the bytes, numbers above are byte
# offsets). Orange boxes are the items the view reads, labelled with the order in which it
# reads them, and the arrows are its strides.

# %%
strides_explorer()

# %% [markdown]
# `as_strided` trusts you completely. Nothing stops a shape or stride that walks off the end
# of the buffer, and then reading gives whatever bytes happen to lie there, and writing
# corrupts memory that belongs to something else. We only *measure* such a view here, never
# read it: `byte_bounds` gives the first and one-past-last address a view can touch.

# %%
x = np.arange(10, dtype=np.int64)
bad = as_strided(x, shape=(10,), strides=(16,))  # one stride too big: reaches past the end
lo, hi = byte_bounds(x)
bad_lo, bad_hi = byte_bounds(bad)
print(f"x owns bytes [0, {hi - lo}); the view reaches byte {bad_hi - lo}:"
      f" {bad_hi - hi} bytes beyond the buffer")

# %% [markdown]
# So prefer the safe wrappers: `np.lib.stride_tricks.sliding_window_view` builds read-only
# windows with checked bounds, and `np.diagonal` returns a read-only diagonal view. When you
# do reach for `as_strided`, derive every stride from `x.strides` (never from a typed-in
# number: the same code must work for `int8` and for a transposed input) and pass
# `writeable=False`.
#
# Windows are cheap to make but not always cheap to use: the view below has 100 times as
# many elements as its base, yet adds no memory until something copies it.

# %%
signal = np.random.default_rng(1).random(100_000)
win = sliding_window_view(signal, 100)
print("base", signal.nbytes, "bytes; windows view", win.shape, "strides", win.strides)
print("the view would take", win.size * win.itemsize, "bytes if copied;",
      "it shares the base's buffer:", np.shares_memory(win, signal))
t_view = min(timeit.repeat(lambda: sliding_window_view(signal, 100), number=20, repeat=3)) / 20
t_mean = min(timeit.repeat(lambda: win.mean(axis=1), number=1, repeat=3))
print(f"making the view: {t_view * 1e6:.0f} µs;  averaging every window: {t_mean * 1e3:.1f} ms")

# %% [markdown]
# ### Exercise 5: a diagonal view
#
# Write `diagonal_view(a)` that returns the main diagonal of the 2-D array `a` (of any
# shape, dtype and strides) as a **read-only view** that shares `a`'s memory. Build it with
# `as_strided` from `a`'s own strides.

# %% solution id=diagonal_view
def diagonal_view(a):
    ### BEGIN SOLUTION
    n = min(a.shape)
    return as_strided(a, shape=(n,), strides=(a.strides[0] + a.strides[1],), writeable=False)
    ### END SOLUTION

# %% tests id=test_diagonal_view points=2
import numpy as np

from npmem.checks import check_array, check_equal, check_view

sq = np.arange(16.0).reshape(4, 4)
d = diagonal_view(sq)
check_array(d, np.array([0.0, 5.0, 10.0, 15.0]), "diagonal_view(4x4 float64)")
check_view(d, sq, "diagonal_view(4x4 float64)")
check_equal(d.flags.writeable, False, "diagonal_view(4x4).flags.writeable")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
for _ in range(6):
    rows, cols = (int(n) for n in rng.integers(1, 9, size=2))
    dtype = str(rng.choice(["i1", "i2", "f4", "f8", "c16"]))
    base = rng.integers(-100, 100, size=(rows * 2, cols * 3)).astype(dtype)
    for label, arr in [
        ("C array", base),
        ("transposed", base.T),
        ("stepped slice", base[::2, ::3]),
        ("reversed", base[::-1, 1:]),
        ("F-ordered", np.asfortranarray(base[:rows, :cols])),
    ]:
        call = f"diagonal_view({label} {dtype} shape={arr.shape} strides={arr.strides})"
        got = diagonal_view(arr)
        check_array(got, np.diagonal(arr).copy(), call)
        check_view(got, arr, call)
        check_equal(got.flags.writeable, False, call + ".flags.writeable")
### END HIDDEN TESTS

# %% hint id=diagonal_view
# One step along the diagonal is one row down *and* one column right: `a.strides[0] +
# a.strides[1]` bytes. A diagonal of a non-square array has `min(a.shape)` elements.
# ---
# `as_strided(a, shape=(n,), strides=(step,), writeable=False)`. Take every number from `a`
# itself: transposed, stepped and reversed inputs have strides you cannot guess from the dtype.


# %% [markdown]
# ### Exercise 6: sliding windows without copying
#
# Write `windows(x, width)` that returns every run of `width` consecutive elements of the
# 1-D array `x` as the rows of a **read-only view** of shape `(len(x) - width + 1, width)`.
# Raise `ValueError` if `width` is smaller than 1 or larger than `len(x)`. Either
# `sliding_window_view` or `as_strided` (with strides taken from `x`) will do; the test tries
# other dtypes and non-contiguous `x`.

# %% solution id=windows
def windows(x, width):
    ### BEGIN SOLUTION
    if not 1 <= width <= x.shape[0]:
        raise ValueError(f"width must be between 1 and {x.shape[0]}, got {width}")
    return sliding_window_view(x, width)
    ### END SOLUTION

# %% tests id=test_windows points=2
import numpy as np

from npmem.checks import check_array, check_equal, check_raises, check_view

xs = np.arange(5, dtype=np.int64)
got = windows(xs, 3)
check_array(got, np.array([[0, 1, 2], [1, 2, 3], [2, 3, 4]]), "windows(arange(5), 3)")
check_view(got, xs, "windows(arange(5), 3)")
check_raises(ValueError, windows, xs, 6, call="windows(arange(5), 6)")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
for _ in range(8):
    n = int(rng.integers(3, 40))
    dtype = str(rng.choice(["i1", "i4", "f4", "f8"]))
    base = rng.integers(-50, 50, size=3 * n).astype(dtype)
    for label, x in [("contiguous", base[:n]), ("every 3rd", base[::3]), ("reversed", base[::-1][:n])]:
        width = int(rng.integers(1, n + 1))
        expected = np.array([x[k : k + width] for k in range(n - width + 1)], dtype=dtype)
        call = f"windows({label} {dtype} x of length {n}, {width})"
        got = windows(x, width)
        check_array(got, expected, call)
        check_view(got, x, call)
        check_equal(got.flags.writeable, False, call + ".flags.writeable")
        check_array(windows(x, n), x[None, :], f"windows({label} x of length {n}, {n})")
    check_raises(ValueError, windows, base[:n], n + 1, call=f"windows(x of length {n}, {n + 1})")
    check_raises(ValueError, windows, base[:n], 0, call=f"windows(x of length {n}, 0)")
### END HIDDEN TESTS

# %% hint id=windows
# Check `width` first and raise `ValueError` yourself. After that, `sliding_window_view(x,
# width)` already returns the read-only view the exercise asks for.
# ---
# With `as_strided` instead: shape `(len(x) - width + 1, width)` and strides `(x.strides[0],
# x.strides[0])`, since the next window starts one element later and the next element of a
# window is one element later too. Pass `writeable=False`.


# %% [markdown]
# ### Exercise 7: flatten without a hidden copy
#
# `x.ravel()` and `x.reshape(-1)` quietly copy when they must. Write `flat_view(x)` that
# returns all elements of `x` in C (row-major) order as a 1-D **view** of `x`, and raises
# `ValueError` when that is impossible without copying.

# %% solution id=flat_view
def flat_view(x):
    ### BEGIN SOLUTION
    return np.reshape(x, -1, copy=False)
    ### END SOLUTION

# %% tests id=test_flat_view points=2
import numpy as np

from npmem.checks import check_array, check_raises, check_view

grid = np.arange(6).reshape(2, 3)
check_array(flat_view(grid), np.arange(6), "flat_view(arange(6).reshape(2, 3))")
check_view(flat_view(grid), grid, "flat_view(arange(6).reshape(2, 3))")
check_raises(ValueError, flat_view, grid.T, call="flat_view(arange(6).reshape(2, 3).T)")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
for _ in range(5):
    shape = tuple(int(n) for n in rng.integers(3, 6, size=int(rng.integers(2, 4))))
    dtype = str(rng.choice(["i2", "f4", "f8"]))
    base = rng.integers(0, 100, size=shape).astype(dtype)
    for label, x in [("C array", base), ("row slice", base[1:]), ("one row", base[:1])]:
        call = f"flat_view({label} {dtype} shape={x.shape} strides={x.strides})"
        got = flat_view(x)
        check_array(got, x.copy().reshape(-1), call)
        check_view(got, x, call)
    for label, x in [
        ("transposed", base.T),
        ("F-ordered", np.asfortranarray(base)),
        ("trimmed", base[..., :-1]),
    ]:
        call = f"flat_view({label} {dtype} shape={x.shape} strides={x.strides})"
        check_raises(ValueError, flat_view, x, call=call)
### END HIDDEN TESTS

# %% hint id=flat_view
# Let NumPy decide whether a copy is needed: since NumPy 2.1, `np.reshape(x, -1, copy=False)`
# raises `ValueError` instead of copying. `x.ravel()` and `x.reshape(-1)` copy silently.


# %% [markdown]
# ## Summary
#
# * An array is a buffer plus dtype, shape and strides; `nbytes = size * itemsize`.
# * Element `[i, j, ...]` lives at `sum(index * strides)` bytes from the first element.
# * Slicing, transposing and most reshapes only rewrite that metadata: no bytes move.
# * Contiguity decides whether a reshape can be a view; `copy=False` makes NumPy say so.
# * Walk memory along the smallest stride: the same work can be several times faster.
# * `as_strided` can build any view, including invalid ones; prefer the checked wrappers.
#
# **Next:** `02-dtypes`, where the item size itself becomes the thing you choose.

# %% check
