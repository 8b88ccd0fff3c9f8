# %% [markdown]
# # 01 · Strides: how an array finds its elements
#
# An `ndarray` is a flat **buffer** of bytes and a description of how to read it: a **data
# pointer** (the address of element `[0, ..., 0]`, somewhere in the buffer), a **dtype** that
# says how to read each item, a **shape**, and **strides**: for each axis, how many bytes to
# jump to reach the next element along it. Beside them it records who owns the buffer
# (`base`) and a few **flags** (writeable, owns its data, aligned). Everything in this
# notebook (transposes that cost nothing, slices that copy nothing, loops that run several
# times slower for no visible reason: section 3 measures how much slower on your machine)
# follows from that description.
#
# **What you'll do**
#
# 1. Take arrays apart into buffer, data pointer, dtype, shape and strides, compute strides
#    yourself, and build an array over bytes you already have.
# 2. Find an element's byte offset, and measure why traversal order matters.
# 3. Predict what slicing, transposing and reshaping do to strides, and when NumPy must copy
#    (the rule is about which axes can be merged, not about contiguity alone).
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
# ## 1. Buffer, data pointer, dtype, shape, strides
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
raw = np.arange(12, dtype=np.int16).tobytes()  # the 24 bytes of a
print(np.frombuffer(raw, dtype=np.int16).reshape(4, 3))
print(np.frombuffer(raw, dtype=np.int32))  # two int16 as one int32, in this machine's byte order

# %% [markdown]
# NumPy publishes that description in `__array_interface__`, the dictionary other libraries
# read to share an array's memory without copying: `data` is the data pointer, the address
# of element `[0, ..., 0]` (and whether the array is read-only), `typestr` the dtype (`<i2` on
# a little-endian machine: a little-endian 2-byte integer; a big-endian machine prints
# `>i2`), and `strides` is `None` when the array is C-contiguous (the strides then follow
# from shape and item size). A transpose shows its strides explicitly and the same address;
# a slice such as `a[1:, 2:]` has a data pointer inside `a`'s buffer, not at its start.

# %%
a = np.arange(12, dtype=np.int16).reshape(3, 4)
print(a.__array_interface__)
print({k: a.T.__array_interface__[k] for k in ("data", "shape", "strides")})
print({k: a[1:, 2:].__array_interface__[k] for k in ("data", "shape", "strides")})
print("a[1:, 2:] starts", a[1:, 2:].ctypes.data - a.ctypes.data, "bytes into a's buffer")

# %% [markdown]
# The constructor `np.ndarray(shape, dtype, buffer, offset, strides)` works the other way
# round: it lays the metadata you give over an existing buffer (here a `bytearray`), without
# copying. Below, an offset of 2 bytes and strides `(8, 4)` pick columns 1 and 3 of the 3 × 4
# grid. The new array reads the bytearray's memory, so changing a byte there changes it.
# The constructor checks that every element it can reach lies inside the buffer: strides
# that would walk past its end raise `ValueError` (section 6 meets a tool that does not
# check).

# %%
buf = bytearray(np.arange(12, dtype=np.int16).tobytes())
cols = np.ndarray(shape=(3, 2), dtype=np.int16, buffer=buf, offset=2, strides=(8, 4))
print(cols)
buf[2:4] = np.int16(-7).tobytes()  # overwrite item 1 (bytes 2 and 3) of the buffer
print(
    "after writing into the bytearray, cols[0, 0] =",
    cols[0, 0],
    "  cols.base is buf:",
    cols.base is buf,
)
try:
    np.ndarray(shape=(3, 2), dtype=np.int16, buffer=buf, offset=2, strides=(10, 4))
except ValueError as err:
    print("strides (10, 4) ->", err)

# %% [markdown]
# Who owns the bytes? An array that allocated its buffer **owns** it (`flags.owndata`); a
# view owns nothing and keeps the owner alive through `.base`, which NumPy points straight
# at the owner (lesson `04-views` builds on this). Even `a` is a view: `reshape` made it
# from the 1-D array that `np.arange` allocated. `flags.writeable` says whether you may
# write through the array. `flags.aligned` says whether every item sits at an address that
# is a multiple of its dtype's alignment: a view that starts one byte into a buffer is
# legal, but not aligned, and NumPy may have to take slower paths for it.

# %%
a = np.arange(12, dtype=np.int16).reshape(3, 4)
v = a[1:, ::2]
print(
    f"a: owndata {a.flags.owndata}, a.base has shape {a.base.shape}, owndata {a.base.flags.owndata}"
)
print(f"v = a[1:, ::2]: owndata {v.flags.owndata}, v.base is a.base: {v.base is a.base}")
print("v's data pointer is", v.ctypes.data - a.ctypes.data, "bytes after a's")
raw = np.zeros(8 * 4 + 1, dtype=np.uint8)
shifted = raw[1:].view(np.float64)  # four float64 that start 1 byte into the buffer
print(
    "float64 view 1 byte in: aligned",
    shifted.flags.aligned,
    "  writeable",
    shifted.flags.writeable,
    "  address mod 8:",
    shifted.ctypes.data % 8,
)
frozen = np.arange(4)
frozen.flags.writeable = False
print("a view of a read-only array is read-only too:", frozen[1:].flags.writeable)

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
# or `"F"`), and raises `ValueError` for any other `order`: the lowercase `"c"` and `"f"`
# (which NumPy's own functions accept), `""` and `"CF"` too. Work from the rule above; do not
# create an array (no `np.empty`, `np.zeros`, `np.ndarray`, ...: reading the strides of a
# fresh array is what the exercise asks you to replace). Every length in `shape` is at
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

from npmem.checks import check_does_not_use, check_raises, hidden_rng

MAKERS = ["empty", "zeros", "ones", "full", "ndarray", "array", "asarray", "arange"]
MAKERS += ["frombuffer", "empty_like", "zeros_like", "ones_like", "full_like", "as_strided"]
check_does_not_use(
    strides_for, MAKERS, "creates an array: compute the strides from the rule instead"
)
rng = hidden_rng("test_strides_for")
for _ in range(30):
    ndim = int(rng.integers(0, 5))
    shape = tuple(int(n) for n in rng.integers(1, 7, size=ndim))
    dtype = np.dtype(str(rng.choice(["i1", "i2", "f4", "f8", "c16", "V3"])))
    for order in "CF":
        expected = np.empty(shape, dtype=dtype, order=order).strides
        call = f"strides_for({shape}, {dtype.itemsize}, {order!r})"
        check_equal(strides_for(shape, dtype.itemsize, order), expected, call)
    for order in ["A", "K", "c", "f", "", "CF", "FC", " C", "F "]:
        call = f"strides_for({shape}, {dtype.itemsize}, {order!r})"
        check_raises(ValueError, strides_for, shape, dtype.itemsize, order, call=call)
### END HIDDEN TESTS

# %% hint id=strides_for
# In C order the last axis is contiguous, so its stride is `itemsize`. One axis further out,
# a single step jumps over a whole run of the axis inside it: multiply by that axis's length.
# Work from the last axis to the first with a running product.
# ---
# For shape `(3, 4)` and item size 2: the last axis has stride 2, the one before it 2 × 4 = 8,
# so `(8, 2)`. Fortran order is the mirror image: run the same product from the first axis to
# the last (or reverse the shape, compute C strides, and reverse the result). A 0-d shape
# gives an empty tuple without any special case if your loop simply does not run. Check
# `order` before anything else.


# %% [markdown]
# ## 2. Where is element `[i, j]`?
#
# To find `a[i, j]`, NumPy starts at the data pointer, the address of `a[0, 0]`, and jumps
# `i * strides[0] + j * strides[1]` bytes (with a negative stride that jump goes backwards:
# the data pointer of `a[::-1]` is the address of `a`'s last row, above the lowest byte the
# view reads; section 4 prints such offsets). We can watch it do so: `a.ctypes.data` is the data
# pointer, and a one-element slice starts at the element we want.

# %%
a = np.arange(12, dtype=np.int16).reshape(3, 4)
i, j = 2, 3
start = a.ctypes.data
found = a[i : i + 1, j : j + 1].ctypes.data - start
predicted = i * a.strides[0] + j * a.strides[1]
print(f"a[{i}, {j}] = {a[i, j]} sits {found} bytes in; the strides predict {predicted}")

# %% [markdown]
# The formula does not care whether the strides are "natural". The transpose of `a` has the
# same buffer and swapped strides, so the same formula finds `a.T[j, i]` in the same place.

# %%
a = np.arange(12, dtype=np.int16).reshape(3, 4)
t = a.T
print("a.T strides:", t.strides, " shares a's buffer:", np.shares_memory(t, a))
print("offset of a.T[3, 2]:", 3 * t.strides[0] + 2 * t.strides[1], "bytes")

# %% [markdown]
# ### Exercise 2: the byte offset of an element
#
# Write `byte_offset(arr, index)` returning how many bytes separate `arr[index]` from the
# first element of `arr` (`arr[0, ..., 0]`), as an integer (a Python `int` or a NumPy
# integer will do). `index` is a tuple with one integer per axis;
# like Python indexing, a negative entry counts from the end of its axis. Raise `IndexError`
# for an index outside the array, or with more or fewer entries than `arr` has axes. `arr`
# may be any view: transposed, sliced with steps, even reversed (then the offset is
# negative). Use the strides, not the data pointers of section 2's demonstration (`ctypes`,
# `__array_interface__`, `byte_bounds`): those are how the test checks you.


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
from npmem.checks import check_does_not_use, hidden_rng

check_does_not_use(
    byte_offset,
    ["ctypes", "__array_interface__", "byte_bounds"],
    "reads the answer from the data pointers: compute it from the strides",
)
rng = hidden_rng("test_byte_offset")


def _views(rng, dtype):
    base = np.zeros((7, 9, 5), dtype=dtype)
    yield "C array", base
    yield "F-ordered", np.asfortranarray(base)
    yield "transposed", base.transpose(2, 0, 1)
    yield "stepped slice", base[1::2, ::3, 1:]
    yield "reversed", base[::-1, :, ::-2]
    yield "2-D column slice", base[:, 4, :].T
    yield "length-1 middle axis", base[::-1, 2:3, :]
    yield "length-1 last axis", np.asfortranarray(base)[:, :, 3:4]


for label, view in (v for dt in ["i1", "i4", ">f8", "c8", "V3"] for v in _views(rng, dt)):
    for _ in range(10):
        index = tuple(int(rng.integers(-n, n)) for n in view.shape)
        pos = tuple(i % n for i, n in zip(index, view.shape))
        target = view[tuple(slice(p, p + 1) for p in pos)]
        expected = target.ctypes.data - view.ctypes.data
        call = (
            f"byte_offset({label} {view.dtype} shape={view.shape} strides={view.strides}, {index})"
        )
        check_equal(byte_offset(view, index), expected, call)
    too_far = tuple(n if k == view.ndim - 1 else 0 for k, n in enumerate(view.shape))
    check_raises(IndexError, byte_offset, view, too_far, call=f"byte_offset({label}, {too_far})")
    too_low = tuple(-n - 1 if k == 0 else 0 for k, n in enumerate(view.shape))
    check_raises(IndexError, byte_offset, view, too_low, call=f"byte_offset({label}, {too_low})")
    for index in [(0,) * (view.ndim - 1), (0,) * (view.ndim + 1)]:
        call = f"byte_offset({label} of {view.ndim} axes, {index})"
        check_raises(IndexError, byte_offset, view, index, call=call)
empty = np.zeros((4, 0, 3), dtype="i2")  # an axis of length 0: no index is inside it
for index in [(0, 0, 0), (1, -1, 2)]:
    call = f"byte_offset(int16 array of shape (4, 0, 3), {index})"
    check_raises(IndexError, byte_offset, empty, index, call=call)
### END HIDDEN TESTS

# %% hint id=byte_offset
# The formula is the one above: `index[0] * strides[0] + index[1] * strides[1] + ...`. What is
# left is Python's indexing rules: a negative index counts from the end, and an index outside
# `-n <= i < n` is an error.
# ---
# First compare `len(index)` with `arr.ndim` (`zip` would silently drop the extra entries).
# Loop over `zip(index, arr.shape, arr.strides)`. Raise `IndexError` unless `-n <= i < n`,
# then add `(i % n) * stride`. Keep the strides' signs: a reversed view has a negative stride,
# and its offsets are negative too.


# %% [markdown]
# ## 3. Traversal order matters
#
# Memory travels between RAM and the CPU in fixed-size **cache lines**, and the CPU keeps
# recently used lines in a hierarchy of caches, small and fast (L1) to large and slower (L2,
# L3). This is what the operating system reports for the machine running this notebook:

# %%
import mmap

from npmem.machine import anon_huge_bytes, associativity, caches, describe, line_size, thp_mode

print(describe())

# %% [markdown]
# The two loops below do the same additions on the same array: one sums it row by row, the
# other column by column. We time both on a C-ordered and an F-ordered copy of the same
# data.


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
print(f"each array: {big_c.nbytes / 2**20:.1f} MiB")
for order in "CF":
    rows, cols = timings["rows", order], timings["columns", order]
    print(
        f"{order}-ordered: rows {rows * 1e3:6.1f} ms, columns {cols * 1e3:6.1f} ms"
        f"  -> the {'rows' if rows < cols else 'columns'} loop is "
        f"{max(rows, cols) / min(rows, cols):.1f}x faster"
    )
del big_c, big_f

# %% [markdown]
# Where the faster loop flips with the memory order (as it does on most machines), what
# matters is not "rows" or "columns" but whether the inner walk has a small stride. Why is
# the long stride slower?
# It is not simply that the CPU uses 8 bytes of each line and throws the rest away. One column
# of the C-ordered array touches one line per row, and the next columns lie in the same
# lines: if those lines are still in a cache when the next column comes, every byte fetched
# is used after all. The next cell compares their total size with the caches listed above.

# %%
line = line_size() or 64  # 64 bytes is the common size, if the OS does not say
column = np.empty((2000, 2000))[:, 0]  # a column of an array laid out like big_c
step = column.strides[0]
print(
    f"one column: {column.size} elements, {step} bytes apart;"
    f" each in its own {line}-byte line: {step >= line}"
)
print(f"lines touched by one column: {column.size} x {line} = {column.size * line / 2**10:.0f} KiB")
held = [f"L{c.level}" for c in caches() if c.size >= column.size * line]
print("caches large enough to hold them:", ", ".join(held) if held else "none reported")
del column

# %% [markdown]
# Size is not the whole story. A cache is divided into **sets**: the address of a line
# decides the one set it may occupy, and a set holds only a few lines (its **ways**).
# Addresses `sets × line` bytes apart fall into the same set. The lines of one column lie a
# row stride apart; when that stride is a multiple of a large power of two, they crowd into
# a few sets and evict one another although the cache as a whole could hold them all:
# **conflict misses**. The cell below prints the ways and sets this OS reports, counts how
# many sets of each cache the lines of one column would use for rows of 2000 and of 2048
# float64 (16,384 bytes, a power of two), and times the same column loop on both arrays.
#
# What to look for: whether the time per element jumps at 2048 columns, although the array
# grows only a little. The outcome varies by machine: it depends on the number of sets and
# ways, on the replacement policy and the prefetcher, and, for the larger caches, which
# are indexed by *physical* address, on where the OS placed the pages (the set counts below
# are computed from the lines' offsets in the array, that is from virtual addresses, which
# match the physical ones only within a page).

# %%
print(associativity())
rng = np.random.default_rng(0)
per_element = {}
for n_cols in (2000, 2048):
    wide = rng.random((2000, n_cols))
    stride = wide.strides[0]
    used = [
        f"L{c.level} {len({(r * stride // c.line) % c.sets for r in range(2000)})} of {c.sets}"
        for c in caches()
        if c.sets and c.line
    ]
    t = best_of(sum_by_columns, wide, repeat=3)
    per_element[n_cols] = t / wide.size
    print(
        f"2000 x {n_cols}: row stride {stride} B; sets one column's lines fall into:"
        f" {', '.join(used) or 'not reported'};  {t / wide.size * 1e9:.2f} ns per element"
    )
    del wide
print(
    f"2048 columns / 2000 columns, time per element: {per_element[2048] / per_element[2000]:.1f}x"
)

# %% [markdown]
# The stride also costs address translations. The CPU translates every virtual address to
# a physical one page by page, and keeps recent translations in a small cache, the **TLB**;
# a walk that visits a new page at every step needs a new translation at every step. How
# many rows share a page depends on the page size. `mmap.PAGESIZE` is the *base* page
# size. On Linux (kernel 4.6 or later, unless the environment variable
# `NUMPY_MADVISE_HUGEPAGE=0` turns it off), NumPy asks the kernel (`madvise(MADV_HUGEPAGE)`)
# to back every buffer of 4 MiB or more with **transparent huge pages** (2 MiB on x86-64),
# and the kernel's mode
# decides whether it does: `always` (any large enough region may get them), `madvise`
# (only regions that ask, as NumPy's large buffers do), `never`. Even when allowed, a huge
# page is granted only if the kernel finds 2 MiB of free contiguous memory, so the cell
# also reads how much of this process's memory the kernel reports in huge pages.

# %%
big = np.ones((2000, 2000))  # 30.5 MiB: NumPy asks for huge pages
mode = thp_mode()
meaning = {
    "always": "any large enough region may get huge pages",
    "madvise": "regions that ask may get huge pages, and NumPy's buffers of 4 MiB and more ask",
    "never": "base pages only",
    None: "not reported here (not Linux, or no transparent huge pages)",
}[mode]
print(f"base page: {mmap.PAGESIZE} bytes; transparent huge pages: {mode} ({meaning})")
row = big.strides[0]
print(
    f"rows of {row} bytes per base page: {mmap.PAGESIZE / row:.2f};  per 2 MiB page: {2**21 // row}"
)
huge = anon_huge_bytes()
print(
    "this process's memory in huge pages:",
    "not reported" if huge is None else f"{huge / 2**20:.0f} MiB",
)
del big

# %% [markdown]
# So each element of the strided walk needs its own cache line, and, on base pages, its own
# translation; the hardware prefetcher, which streams the next lines ahead of a sequential
# walk, helps far less; and the sum cannot load several neighbouring elements with one
# vector (SIMD) instruction. Where the lines do not stay in a cache (too many, or crowded
# into a few sets), the lost reuse adds to all that. NumPy's own reductions
# (`big_c.sum(axis=0)`) reorder their loops to walk memory contiguously, which is one more
# reason to let NumPy do the looping. Element-wise operations go further: they allocate
# their output in the memory order of their inputs (`order="K"`, the default), so an
# F-ordered input gives an F-ordered result that the next operation can again walk
# contiguously.

# %%
m = np.zeros((3, 4))
for expr in ["m + 1", "m.T + 1", 'np.add(m.T, 1, order="C")']:
    f = eval(expr).flags
    print(f"{expr:26} C-contiguous {f.c_contiguous!s:5}  F-contiguous {f.f_contiguous}")

# %% [markdown]
# A loop in Python is slower still, for another reason: **boxing**. The array stores raw
# 8-byte floats; every `x[i]`, and every step of `for v in x`, wraps one in a new NumPy
# scalar object (which is why `x[0] is x[0]` is `False`). A vectorised call loops in C
# over the raw bytes instead.

# %%
x = np.random.default_rng(0).random(200_000)
print(type(x[0]).__name__, "  x[0] is x[0]:", x[0] is x[0])
t_loop = min(timeit.repeat(lambda: sum(v for v in x), number=1, repeat=3))
t_list = min(timeit.repeat(lambda: sum(x.tolist()), number=1, repeat=3))
t_vec = min(timeit.repeat(lambda: x.sum(), number=10, repeat=3)) / 10
print(
    f"for v in x: {t_loop * 1e3:.1f} ms;  sum(x.tolist()): {t_list * 1e3:.1f} ms;"
    f"  x.sum(): {t_vec * 1e3:.3f} ms  (the Python loop is {t_loop / t_vec:.0f}x slower)"
)

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
# taken whole); `offset` is how many bytes the view's first element lies after `arr`'s
# (negative when it lies before, as a negative stride can make it). You may assume every
# axis of the result is non-empty. Do not make an array (not even with `as_strided`) to
# read the answer from. Hint: `slice.indices(length)` turns a slice into concrete
# `(start, stop, step)`.


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
from npmem.checks import check_does_not_use, hidden_rng

MAKERS = ["empty", "zeros", "ones", "full", "ndarray", "array", "asarray", "arange"]
MAKERS += ["frombuffer", "as_strided", "ctypes", "__array_interface__", "byte_bounds"]
check_does_not_use(
    slice_layout, MAKERS, "makes an array to read the answer: compute it from the slices"
)
rng = hidden_rng("test_slice_layout")


def _random_slice(n, rng):
    step = int(rng.choice([-3, -2, -1, 1, 2, 3]))
    while True:
        start = int(rng.integers(-n, n))
        stop = int(rng.integers(-n - 1, n + 2))
        if len(range(*slice(start, stop, step).indices(n))):
            return slice(start, stop, step)


for _ in range(40):
    dtype = str(rng.choice(["i1", "i2", ">f4", "f8", "c16", "V3"]))
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
# ### Exercise 4: contiguity from the layout
#
# Write `contiguity(shape, strides, itemsize)` returning the pair
# `(c_contiguous, f_contiguous)` exactly as NumPy would set `arr.flags` for an array with
# that layout. Follow the three remarks above: length-1 axes do not count, an empty array
# (some length 0) is both, and otherwise each remaining stride must be the product of the
# item size and the lengths of the axes inside it. The layout may be that of any array: a 0-d
# array (shape `()`, which NumPy counts as both), negative strides, or a broadcast axis
# (stride 0, which counts like any other stride: only a length-1 axis is exempt). Do not
# build an array (not even with `as_strided`) to read its flags.


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

from npmem.checks import check_does_not_use, hidden_rng

MAKERS = ["empty", "zeros", "ones", "full", "ndarray", "array", "asarray", "arange"]
MAKERS += ["frombuffer", "as_strided", "flags"]
check_does_not_use(contiguity, MAKERS, "builds an array to read its flags: apply the rule instead")
rng = hidden_rng("test_contiguity")
cases = []
for _ in range(12):
    dtype = str(rng.choice(["i1", "i2", "f4", ">f8", "c16", "V3"]))
    shape = tuple(int(n) for n in rng.integers(1, 6, size=int(rng.integers(1, 5))))
    base = np.zeros(shape, dtype=dtype)
    cases += [base, base.T, base[::-1], base[..., :1], base[:1], np.asfortranarray(base)]
    cases.append(base.reshape(-1)[::2])
    cases.append(base[..., 0:0])
    # length-1 axes with arbitrary strides: NumPy ignores them, and so must you
    ones = tuple(1 if k % 2 else n for k, n in enumerate(shape))
    natural = np.zeros(ones, dtype=dtype).strides
    odd = tuple(
        int(rng.integers(1, 50)) * base.itemsize if n == 1 else s for n, s in zip(ones, natural)
    )
    cases.append(as_strided(base, shape=ones, strides=odd))
    # broadcast axes (stride 0), every axis broadcast from one element, and a 0-d array
    cases += [np.broadcast_to(base[:1], (3,) + shape[1:]), np.broadcast_to(base[..., :1], shape)]
    cases += [np.broadcast_to(base.reshape(-1)[0], shape), np.broadcast_to(base, (2,) + shape)]
    cases.append(base[(0,) * base.ndim + (Ellipsis,)])
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
# ### When can `reshape` be a view?
#
# C-contiguity is enough for a view, but not needed (F-contiguity is not enough: `m.T` below
# is F-contiguous, and its `reshape(-1)` copies). Reshaping reads the elements in C order
# and regroups them; a view is possible exactly when every axis of the new shape can step
# through the old elements with **one** stride. Merging two neighbouring axes into one is
# the critical step: axis `k` and axis `k + 1` can be read as one axis when one step along
# `k` jumps exactly over a whole run of `k + 1`, that is when
# `strides[k] == shape[k + 1] * strides[k + 1]`. Axes of length 1 are never stepped along:
# drop them first, their strides do not matter. (Splitting one axis into several is always
# possible, and an empty array reshapes to any shape with zero elements.)
#
# The cell below applies the rule to flattening (`reshape(-1)` merges every axis), and
# compares it with what NumPy does. `m[:, ::2]` is not contiguous, yet its two axes merge:
# 32 bytes per row is 2 columns of 16 bytes.


# %%
def axes_merge(arr):
    """For each pair of neighbouring axes (length-1 axes dropped): can they be merged?"""
    kept = [(n, s) for n, s in zip(arr.shape, arr.strides) if n != 1]
    return [outer[1] == inner[0] * inner[1] for outer, inner in zip(kept, kept[1:])]


m = np.zeros((3, 4))
for expr in ["m", "m[:, ::2]", "m[:, :2]", "m[::2]", "m.T", "m[:, None, ::2]"]:
    w = eval(expr)
    print(
        f"{expr:15} shape {str(w.shape):9} strides {str(w.strides):11}"
        f" C-contiguous {w.flags.c_contiguous!s:5}  axes merge {str(axes_merge(w)):13}"
        f" reshape(-1) is a view: {np.shares_memory(w.reshape(-1), m)}"
    )

# %% [markdown]
# `reshape` copies silently when the rule fails. NumPy 2.1+ lets you forbid the copy:
# `np.reshape(x, shape, copy=False)` raises instead. And `ravel` is **not** `reshape(-1)`:
# `x.ravel()` (C order) returns a view only when `x` is C-contiguous, and copies otherwise,
# even where `reshape(-1)` would give a view.

# %%
m = np.zeros((3, 4))
try:
    np.reshape(m.T, 12, copy=False)
except ValueError as err:
    print("np.reshape(m.T, 12, copy=False) ->", err)
stepped = m[:, ::2]
print(
    "m[:, ::2].reshape(-1) is a view:",
    np.shares_memory(stepped.reshape(-1), m),
    "  m[:, ::2].ravel() is a view:",
    np.shares_memory(stepped.ravel(), m),
)


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
# reads them; the arrows are its strides, and where the next item read lies on another
# line of the strip its box is outlined instead of an arrow drawn across.

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
print(
    f"x owns bytes [0, {hi - lo}); the view reaches byte {bad_hi - lo}:"
    f" {bad_hi - hi} bytes beyond the buffer"
)

# %% [markdown]
# So prefer the safe wrappers: `np.lib.stride_tricks.sliding_window_view` builds read-only
# windows with checked bounds, and `np.diagonal` returns a read-only diagonal view. When you
# do reach for `as_strided`, derive every stride from `x.strides` (never from a typed-in
# number: the same code must work for `int8` and for a transposed input). Pass
# `writeable=False` unless you mean to write through the view, and write only through views
# whose elements are distinct and inside the buffer: a diagonal qualifies, overlapping
# windows (where one byte is several elements) do not.
#
# Windows are cheap to make but not always cheap to use: the view below has almost 100 times
# as many elements as its base, yet adds no memory until something copies it.

# %%
signal = np.random.default_rng(1).random(100_000)
win = sliding_window_view(signal, 100)
print("base", signal.nbytes, "bytes; windows view", win.shape, "strides", win.strides)
print(
    "the view would take",
    win.size * win.itemsize,
    "bytes if copied;",
    "it shares the base's buffer:",
    np.shares_memory(win, signal),
)
t_view = min(timeit.repeat(lambda: sliding_window_view(signal, 100), number=20, repeat=3)) / 20
t_mean = min(timeit.repeat(lambda: win.mean(axis=1), number=1, repeat=3))
print(f"making the view: {t_view * 1e6:.0f} µs;  averaging every window: {t_mean * 1e3:.1f} ms")

# %% [markdown]
# ### Exercise 5: a diagonal you can write through
#
# `np.diagonal(a, k)` returns a diagonal as a *read-only* view. Write `diagonal_view(a, k=0)`
# that returns diagonal `k` of the 2-D array `a` as a **writeable view**: the elements
# `a[i, i + k]` for every `i` where that is inside `a` (`k > 0` is above the main diagonal,
# `k < 0` below it, as in `np.diagonal`). Writing into the view must change exactly those
# elements of `a`. `a` may have any shape, dtype and strides (transposed, stepped,
# reversed), and `-a.shape[0] < k < a.shape[1]`, so the diagonal is never empty. Build it with
# `as_strided` from `a`'s own strides; do not call `np.diagonal`, `np.diag` or
# `a.diagonal()`.


# %% solution id=diagonal_view
def diagonal_view(a, k=0):
    ### BEGIN SOLUTION
    start = a[:, k:] if k >= 0 else a[-k:, :]
    n = min(start.shape)
    return as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))
    ### END SOLUTION


# %% tests id=test_diagonal_view points=3
import numpy as np

from npmem.checks import check_array, check_equal, check_view

sq = np.arange(16.0).reshape(4, 4)
d = diagonal_view(sq)
check_array(d, np.array([0.0, 5.0, 10.0, 15.0]), "diagonal_view(4x4 float64)")
check_view(d, sq, "diagonal_view(4x4 float64)")
check_equal(d.flags.writeable, True, "diagonal_view(4x4 float64).flags.writeable")
check_array(diagonal_view(sq, 1), np.array([1.0, 6.0, 11.0]), "diagonal_view(4x4 float64, 1)")
check_array(diagonal_view(sq, -2), np.array([8.0, 13.0]), "diagonal_view(4x4 float64, -2)")

### BEGIN HIDDEN TESTS
from npmem.checks import ForbiddenCall, hidden_rng

_asked_for_diagonal = []


class _Grid(np.ndarray):
    """The inputs of the hidden tests. np.diagonal(a), np.diag(a) and a.diagonal() all end
    in this method, which the exercise asks you not to use (a view of the input without
    this method behaves as usual)."""

    def diagonal(self, *args, **kwargs):
        _asked_for_diagonal.append(True)
        raise ForbiddenCall(
            "diagonal_view called np.diagonal, np.diag or a.diagonal(), which the exercise"
            " asks you not to use: build the view from a's strides with as_strided"
        )


rng = hidden_rng("test_diagonal_view")
for _ in range(5):
    rows, cols = (int(n) for n in rng.integers(1, 9, size=2))
    dtype = str(rng.choice(["i1", "u1", "i2", "f4", ">f8", "c16"]))
    base = rng.integers(-100, 100, size=(rows * 2, cols * 3)).astype(dtype)
    pristine = base.copy()
    for label, arr in [
        ("C array", base[:rows, :cols]),
        ("transposed", base[:rows, :cols].T),
        ("stepped slice", base[::2, ::3]),
        ("reversed", base[::-1, 1:]),
        ("F-ordered", np.asfortranarray(base[:rows, :cols])),
    ]:
        n_rows, n_cols = arr.shape
        ks = {0, 1, -1, n_cols - 1, 1 - n_rows, int(rng.integers(1 - n_rows, n_cols))}
        for k in sorted(k for k in ks if -n_rows < k < n_cols):
            call = f"diagonal_view({label} {dtype} shape={arr.shape} strides={arr.strides}, {k})"
            base[...] = pristine
            if label == "F-ordered":
                arr[...] = pristine[:rows, :cols]
            expected = np.diagonal(arr, k).copy()
            got = diagonal_view(arr.view(_Grid), k)
            if _asked_for_diagonal:  # even if the error was caught and hidden
                raise ForbiddenCall(
                    f"{call} called np.diagonal, np.diag or a.diagonal(), which the exercise"
                    " asks you not to use: build the view from a's strides with as_strided"
                )
            check_array(got, expected, call)
            check_view(got, arr, call)
            check_equal(got.flags.writeable, True, call + ".flags.writeable")
            # writing through the view changes exactly the diagonal of a
            marks = (np.arange(expected.size) % 20 + 101).astype(dtype)
            want = arr.copy()
            i = np.arange(expected.size)
            want[i + max(-k, 0), i + max(k, 0)] = marks
            got[...] = marks
            check_array(arr, want, f"a after diagonal_view({label} a, {k})[...] = new values; a")
### END HIDDEN TESTS

# %% hint id=diagonal_view
# One step along any diagonal is one row down *and* one column right: `a.strides[0] +
# a.strides[1]` bytes. What changes with `k` is where the diagonal starts and how long it
# is. Slicing moves the start for you: diagonal `k` of `a` is the main diagonal of
# `a[:, k:]` when `k >= 0`, and of `a[-k:, :]` when `k < 0`.
# ---
# Take that slice `start`; the diagonal has `min(start.shape)` elements. Then
# `as_strided(start, shape=(n,), strides=(a.strides[0] + a.strides[1],))`: leave
# `writeable` at its default, so the view is writeable when `a` is. Take every number from
# `a` itself: transposed, stepped and reversed inputs have strides you cannot guess from
# the dtype.


# %% [markdown]
# ### Exercise 6: sliding windows without copying
#
# Write `windows(x, width)` that returns every run of `width` consecutive elements of the
# 1-D array `x` as the rows of a **read-only view** of shape `(len(x) - width + 1, width)`.
# Raise `ValueError` if `width` is smaller than 1 or larger than `len(x)` (so an empty `x`
# always raises). Build the view with `as_strided`, every stride taken from `x`; do not call
# `sliding_window_view`: this exercise rebuilds it, to show how it works (in your own code,
# prefer it). The test tries other dtypes, byte orders and non-contiguous `x`.


# %% solution id=windows
def windows(x, width):
    ### BEGIN SOLUTION
    if not 1 <= width <= x.shape[0]:
        raise ValueError(f"width must be between 1 and {x.shape[0]}, got {width}")
    step = x.strides[0]
    return as_strided(
        x, shape=(x.shape[0] - width + 1, width), strides=(step, step), writeable=False
    )
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
from npmem.checks import check_does_not_use, hidden_rng

check_does_not_use(
    windows,
    ["sliding_window_view"],
    "is the function this exercise rebuilds: use as_strided with x's strides",
)
rng = hidden_rng("test_windows")
for _ in range(8):
    n = int(rng.integers(3, 40))
    dtype = str(rng.choice(["i1", "u1", "i4", ">i4", "f4", "f8", ">c16"]))
    base = rng.integers(-50, 50, size=3 * n).astype(dtype)
    for label, x in [
        ("contiguous", base[:n]),
        ("every 3rd", base[::3]),
        ("reversed", base[::-1][:n]),
    ]:
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
one = np.array([7.5])[::-1]
check_array(windows(one, 1), one[None, :], "windows(x of length 1, 1)")
check_equal(windows(one, 1).flags.writeable, False, "windows(x of length 1, 1).flags.writeable")
for width in [0, 1]:
    check_raises(ValueError, windows, np.zeros(0), width, call=f"windows(empty x, {width})")
### END HIDDEN TESTS

# %% hint id=windows
# Check `width` first and raise `ValueError` yourself. A window is a row of the view: how
# many bytes separate the start of one window from the next, and one element of a window
# from the next?
# ---
# Both are one element of `x`: shape `(len(x) - width + 1, width)` and strides
# `(x.strides[0], x.strides[0])`, taken from `x` so that other dtypes and stepped or
# reversed inputs work. Pass `writeable=False`: the windows overlap, so one byte is several
# elements.


# %% [markdown]
# ### Exercise 7: flatten without a hidden copy
#
# `x.reshape(-1)` quietly copies when the axes cannot be merged, and `x.ravel()` copies
# whenever `x` is not C-contiguous. Write `flat_view(x)` that returns all elements of `x` (an
# array with at least one element) in C (row-major) order as a 1-D **view** of `x` whenever
# the merge rule of section 5 allows one, contiguous or not, and raises `ValueError` when
# that is impossible without copying. Apply the rule yourself and build the view with
# `as_strided`: do not call `reshape` or `ravel` (function or method) and do not assign
# to `.shape`, since NumPy's `np.reshape(x, -1, copy=False)` is exactly what this exercise
# rebuilds. The hidden tests try stepped, reversed and transposed arrays (any axis, inner
# ones included), 0-d arrays, length-1 axes anywhere with odd strides, read-only arrays and
# broadcast ones (`np.broadcast_to`: stride 0 along an axis, which merges only when the rule
# says so).


# %% solution id=flat_view
def flat_view(x):
    ### BEGIN SOLUTION
    kept = [(n, s) for n, s in zip(x.shape, x.strides) if n != 1]
    for (_, outer), (n, inner) in zip(kept, kept[1:]):
        if outer != n * inner:
            raise ValueError("these axes cannot be merged: a flat view would need a copy")
    stride = kept[-1][1] if kept else x.itemsize
    return as_strided(x, shape=(x.size,), strides=(stride,))
    ### END SOLUTION


# %% tests id=test_flat_view points=2
import numpy as np

from npmem.checks import check_array, check_raises, check_view

grid = np.arange(6).reshape(2, 3)
check_array(flat_view(grid), np.arange(6), "flat_view(arange(6).reshape(2, 3))")
check_view(flat_view(grid), grid, "flat_view(arange(6).reshape(2, 3))")
check_raises(ValueError, flat_view, grid.T, call="flat_view(arange(6).reshape(2, 3).T)")
wide = np.arange(12).reshape(3, 4)
check_array(
    flat_view(wide[:, ::2]),
    np.array([0, 2, 4, 6, 8, 10]),
    "flat_view(arange(12).reshape(3, 4)[:, ::2])",
)
check_view(flat_view(wide[:, ::2]), wide, "flat_view(arange(12).reshape(3, 4)[:, ::2])")

### BEGIN HIDDEN TESTS
from numpy.lib.stride_tricks import as_strided

from npmem.checks import ForbiddenCall, check_does_not_use, hidden_rng

check_does_not_use(
    flat_view,
    ["reshape", "ravel", "flatten"],
    "does the merge for you: apply the rule and build the view with as_strided",
)
_set_shape = []


class _Input(np.ndarray):
    """The inputs of the hidden tests: assigning to .shape (which reshapes in place, as
    np.reshape(x, -1, copy=False) would) is what the exercise asks you to rebuild."""

    @property
    def shape(self):
        return np.ndarray.shape.__get__(self)

    @shape.setter
    def shape(self, value):
        _set_shape.append(value)
        raise ForbiddenCall(
            "flat_view assigned to .shape, which merges the axes for you: apply the rule"
            " and build the view with as_strided"
        )


rng = hidden_rng("test_flat_view")


def _cases(rng):
    shape = tuple(int(n) for n in rng.integers(3, 6, size=int(rng.integers(2, 4))))
    dtype = str(rng.choice(["u1", "i2", "f4", ">f8", "c16"]))
    base = rng.integers(0, 100, size=shape).astype(dtype)
    wide = rng.integers(0, 100, size=shape[:-1] + (2 * shape[-1],)).astype(dtype)
    flat = base.reshape(-1)
    ones = shape[:1] + (1,) + shape[1:]
    odd = base.strides[:1] + (int(rng.integers(1, 40)) * base.itemsize,) + base.strides[1:]
    odd_k = int(rng.integers(-40, 40)) * base.itemsize
    # a view: every pair of axes merges (length-1 axes aside)
    yield "C array", base, True
    yield "row slice", base[1:], True
    yield "one row", base[:1], True
    yield "every other column", wide[..., ::2], True
    yield "axis of length 1 inserted", base[:, None], True
    yield "length-1 axis with an odd stride", as_strided(base, ones, odd), True
    yield "last axis of length 1", base[..., 2:3], True
    yield "F-ordered, last axis of length 1", np.asfortranarray(base)[..., :1], False
    yield (
        "F-ordered, first and last axes sliced to length 1",
        np.asfortranarray(base)[1:2, ..., :1],
        True,
    )
    yield (
        "length-1 first axis with an odd stride",
        as_strided(base[:1], base[:1].shape, (odd_k,) + base.strides[1:]),
        True,
    )
    yield (
        "every axis of length 1, odd strides",
        as_strided(base, (1,) * base.ndim, (odd_k,) * base.ndim),
        True,
    )
    yield "0-d view", base[(1,) * base.ndim + (Ellipsis,)], True
    yield "every axis reversed", base[(slice(None, None, -1),) * base.ndim], True
    readonly = base[1:]
    readonly.flags.writeable = False
    yield "read-only", readonly, True
    yield "one element broadcast", np.broadcast_to(base.reshape(-1)[:1], shape), True
    yield "1-D, every 3rd", flat[::3], True
    yield "1-D reversed", flat[::-1], True
    # no view: some pair of axes does not merge
    yield "transposed", base.T, False
    yield "F-ordered", np.asfortranarray(base), False
    yield "trimmed", base[..., :-1], False
    yield "every other row", base[::2], False
    yield "rows reversed", base[::-1], False
    yield "second axis reversed", base[:, ::-1], False
    yield "first axis broadcast", np.broadcast_to(base[:1], shape), False
    yield "last axis broadcast", np.broadcast_to(base[..., :1], shape), False
    yield "trimmed, last axis of length 1", base[..., :-1, :1], False
    yield (
        "trimmed, length-1 axis with an odd stride",
        as_strided(base[..., :-1], ones[:-1] + (shape[-1] - 1,), odd),
        False,
    )


for _ in range(5):
    for label, x, _ in _cases(rng):
        call = f"flat_view({label} {x.dtype} shape={x.shape} strides={x.strides})"
        try:  # NumPy decides which inputs have a flat view
            np.reshape(x, -1, copy=False)
            viewable = True
        except ValueError:
            viewable = False
        watched = x.view(_Input)
        if viewable:
            try:
                got = flat_view(watched)
            except ValueError as err:
                raise AssertionError(
                    f"{call}: expected a 1-D view (every pair of axes merges), "
                    f"got ValueError: {err}"
                ) from None
            if _set_shape:  # even if the error was caught and hidden
                raise ForbiddenCall(f"{call} assigned to .shape: build the view with as_strided")
            check_array(np.asarray(got), x.copy().reshape(-1), call)
            check_view(got, x, call)
        else:
            check_raises(ValueError, flat_view, watched, call=call)
            if _set_shape:
                raise ForbiddenCall(f"{call} assigned to .shape: build the view with as_strided")
### END HIDDEN TESTS

# %% hint id=flat_view
# Apply the rule of section 5 to every pair of neighbouring axes, after dropping the axes of
# length 1: axis `k` and the next kept axis `j` merge when `strides[k] == shape[j] *
# strides[j]` (`j = k + 1` when no length-1 axis lies between them). If every pair merges,
# one stride (that of the innermost kept axis) walks all the elements in C order; otherwise
# raise `ValueError`. Contiguity is not the test:
# `arange(12).reshape(3, 4)[:, ::2]` is not contiguous and still flattens to a view.
# ---
# Keep the pairs `(n, s)` of `zip(x.shape, x.strides)` with `n != 1`, and compare each kept
# stride with the next kept length times the next kept stride. The innermost kept axis is
# not always the last axis (the last one may have length 1), and when no axis is kept (one
# element) any stride will do, say `x.itemsize`. Then
# `as_strided(x, shape=(x.size,), strides=(stride,))` is the view.


# %% [markdown]
# ## Summary
#
# * An array is a buffer plus a data pointer (the address of element `[0, ..., 0]`), dtype,
#   shape and strides, with `.base` and flags saying who owns the bytes, whether you may
#   write them and whether they are aligned; `nbytes = size * itemsize`.
# * Element `[i, j, ...]` lives at `sum(index * strides)` bytes from the first element.
# * Slicing, transposing and most reshapes only rewrite that metadata: no bytes move.
# * A reshape is a view when the axes it merges can be read with one stride
#   (`strides[k] == shape[k + 1] * strides[k + 1]`, length-1 axes aside), contiguous or not;
#   `np.reshape(x, shape, copy=False)` makes NumPy say when it cannot. `ravel()` copies
#   unless the array is C-contiguous.
# * Walk memory along the smallest stride: the same work can be several times faster.
#   Cache capacity is not the only limit: strides that are multiples of a large power of
#   two crowd one set of the cache (conflict misses), and page size decides how many
#   translations a walk needs. Element-wise operations keep their inputs' memory order.
# * `as_strided` can build any view, including invalid ones; prefer the checked wrappers.
#
# **Next:** `02-dtypes`, where the item size itself becomes the thing you choose.

# %% check
