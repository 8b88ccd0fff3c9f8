# %% [markdown]
# # 03 · Broadcasting: arithmetic on arrays that do not match
#
# `x - x.mean(axis=0)` subtracts a row of means from every row of a matrix, and no loop is
# written and no copy of the row is made. That is **broadcasting**: NumPy lines the two
# shapes up, pretends that length-1 axes are as long as they need to be, and walks the
# short operand again and again with a **stride of 0**. Stretching is free. What is not free
# is everything broadcasting makes easy to write by accident: a pairwise computation whose
# temporary dwarfs its inputs (section 4 measures by how much), or a chain of operations
# that allocates a new array at every step.
#
# **What you'll do**
#
# 1. Learn the three rules, and compute a broadcast shape by hand.
# 2. Add axes with `np.newaxis` and `reshape` to build outer operations, and centre rows and
#    columns without loops.
# 3. See that a broadcast view costs no memory (its strides are 0), and build one yourself.
# 4. Measure with `tracemalloc` what materialising an outer operation costs, and compute
#    pairwise distances without the big temporary.
# 5. Cut temporaries with `out=` and in-place operators, and learn what temporary elision
#    and in-place casting do behind your back.
# 6. Chunk a pairwise computation so its peak memory stays under a budget.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on inputs you have not seen (other shapes, dtypes and non-contiguous arrays), and
# some of them measure the memory your function uses, so write the general rule, not the
# answers to the examples. *Validate* (in the toolbar) runs every visible test at once.
#
# Every number printed below is measured on the machine running this notebook.

# %% readonly id=setup
import numpy as np
from numpy.lib.stride_tricks import as_strided

from npmem.explorers.broadcasting import broadcasting_explorer
from npmem.measure import peak_memory

# %% [markdown]
# ## 1. The rules
#
# To combine two arrays elementwise, NumPy compares their shapes **from the right**:
#
# 1. If one shape has fewer axes, pad it with 1s on the left.
# 2. Along each axis the lengths must be equal, or one of them must be 1; a 1 is
#    **stretched** to the other length.
# 3. Otherwise: `ValueError`.
#
# So a `(3, 4)` matrix plus a `(4,)` row works (the row is padded to `(1, 4)`, then stretched
# down to 3 rows), and a `(3, 4)` matrix plus a `(3,)` column does not: its 3 lines up with
# the 4.

# %%
m = np.arange(12).reshape(3, 4)
row = np.array([100, 200, 300, 400])
col = np.array([10, 20, 30])
print("m + row:\n", m + row)
try:
    m + col
except ValueError as err:
    print("m + col ->", err)
print("m + col[:, np.newaxis]:\n", m + col[:, np.newaxis])

# %% [markdown]
# `np.broadcast_shapes` applies the rules to shapes alone, without making any array. Any
# number of shapes can take part, and an axis of length 0 is an ordinary length: a 1
# stretches to 0, but a 0 and a 3 clash.

# %%
for shapes in [
    ((3, 4), (4,)),
    ((2, 1, 4), (3, 1)),
    ((8, 1, 6, 1), (7, 1, 5)),
    ((1,), (0,)),
    ((5, 4), (1,), ()),
]:
    print(*shapes, "->", np.broadcast_shapes(*shapes))
for shapes in [((3, 4), (3,)), ((0,), (3,))]:
    try:
        np.broadcast_shapes(*shapes)
    except ValueError as err:
        print(*shapes, "->", err)

# %% [markdown]
# Try it in the explorer. Pick two shapes: the table lines them up from the right, orange
# boxes are the axes that stretch (a dashed box is an axis the operand does not have at
# all), and a red column is where the rules fail. Below, the last two axes of each operand
# are drawn at the size of the result: blue boxes are the elements the operand really
# stores, hatched boxes are the same elements read again, and each is labelled with the
# stored element it shows. The strides on the right are those of the broadcast view NumPy
# builds for each operand; we come back to them in section 3.

# %%
broadcasting_explorer()

# %% [markdown]
# ### Exercise 1: the broadcast shape by hand
#
# Write `broadcast_shape(shape_a, shape_b)` that returns, as a tuple of ints, the shape two
# arrays of these shapes broadcast to, and raises `ValueError` (as `np.broadcast_shapes`
# does) when they cannot. Apply the three rules yourself: do not call NumPy's broadcasting
# functions (`np.broadcast_shapes`, `np.broadcast`, `np.broadcast_arrays`,
# `np.broadcast_to`: the hidden tests reject a function whose code refers to them). Shapes
# are tuples of non-negative ints and may be empty `()`.


# %% solution id=broadcast_shape
def broadcast_shape(shape_a, shape_b):
    ### BEGIN SOLUTION
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    result = []
    for n, k in zip(a, b):
        if n == k or k == 1:
            result.append(n)
        elif n == 1:
            result.append(k)
        else:
            raise ValueError(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                f"between arg 0 with shape {tuple(shape_a)} and arg 1 with shape {tuple(shape_b)}."
            )
    return tuple(result)
    ### END SOLUTION


# %% tests id=test_broadcast_shape points=3
from npmem.checks import check_equal, check_raises

check_equal(broadcast_shape((3, 4), (4,)), (3, 4), "broadcast_shape((3, 4), (4,))")
check_equal(broadcast_shape((2, 1, 4), (3, 1)), (2, 3, 4), "broadcast_shape((2, 1, 4), (3, 1))")
check_equal(broadcast_shape((), (5,)), (5,), "broadcast_shape((), (5,))")
check_raises(ValueError, broadcast_shape, (3, 4), (3,), call="broadcast_shape((3, 4), (3,))")

### BEGIN HIDDEN TESTS
import numpy as np

from npmem.checks import check_does_not_use, hidden_rng

rng = hidden_rng("test_broadcast_shape")


check_does_not_use(
    broadcast_shape,
    ("broadcast_shapes", "broadcast", "broadcast_arrays", "broadcast_to"),
    why="applies the broadcasting rules for you (the exercise asks you to apply them)",
)
_own = broadcast_shape


def _compatible_pair(rng):
    result = tuple(int(n) for n in rng.integers(0, 6, size=int(rng.integers(0, 6))))
    pair = []
    for _ in range(2):
        keep = int(rng.integers(0, len(result) + 1))
        shape = result[len(result) - keep :]
        shape = tuple(1 if rng.random() < 0.3 else n for n in shape)
        pair.append(shape)
    return tuple(pair)


for _ in range(60):
    a, b = _compatible_pair(rng)
    expected = tuple(int(n) for n in np.broadcast_shapes(a, b))
    check_equal(_own(a, b), expected, f"broadcast_shape({a}, {b})")
    check_equal(_own(b, a), expected, f"broadcast_shape({b}, {a})")
for a, b in [((1,), (0,)), ((0, 1), (1, 7)), ((1, 1, 1), (2,)), ((), ()), ((4, 1, 3), (5, 1))]:
    expected = tuple(int(n) for n in np.broadcast_shapes(a, b))
    check_equal(_own(a, b), expected, f"broadcast_shape({a}, {b})")
clashes = [((0,), (3,)), ((2, 3, 4), (5, 4)), ((4, 1), (2, 3, 2)), ((3,), (4,))]
for _ in range(20):
    shape = [int(n) for n in rng.integers(2, 6, size=int(rng.integers(1, 5)))]
    other = list(shape[int(rng.integers(0, len(shape))) :])
    k = int(rng.integers(0, len(other)))
    other[k] += int(rng.integers(1, 3))
    clashes.append((tuple(shape), tuple(other)))
for a, b in clashes:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        pass
    else:
        raise RuntimeError(f"test error: {a} and {b} broadcast")
    check_raises(ValueError, _own, a, b, call=f"broadcast_shape({a}, {b})")
    check_raises(ValueError, _own, b, a, call=f"broadcast_shape({b}, {a})")
### END HIDDEN TESTS

# %% hint id=broadcast_shape
# Rule 1 first: pad the shorter shape with 1s on the left until both shapes are equally long.
# Then compare them axis by axis.
# ---
# For each pair of lengths `(n, k)`: equal gives `n`; if one of them is 1, the result is the
# other one; otherwise raise `ValueError`. So `(1,)` against `(0,)` gives `(0,)`: a length-1
# axis stretches to length 0 too.


# %% [markdown]
# ## 2. Adding axes: outer operations
#
# Two 1-D arrays of lengths 3 and 4 do not broadcast against each other. Give one of them a
# new axis and they do: `x[:, np.newaxis]` has shape `(3, 1)`, and `(3, 1)` against `(4,)`
# is `(3, 4)`: every pair. `np.newaxis` is `None`, and `x.reshape(-1, 1)` does the same. All
# three are views: the new axis holds no data.

# %%
x = np.array([1, 2, 3])
y = np.array([10, 20, 30, 40])
print("x[:, np.newaxis] * y =\n", x[:, np.newaxis] * y)
print(
    "same with x[:, None] and x.reshape(-1, 1):",
    np.array_equal(x[:, None] * y, x.reshape(-1, 1) * y),
)
print(
    "x[:, None] is a view of x:",
    np.shares_memory(x[:, None], x),
    " its strides:",
    x[:, None].strides,
)

# %% [markdown]
# The same trick reaches any axis. To scale a 3-D array along its *middle* axis, the weights
# must line up with that axis: shape `(4, 1)` against `(2, 4, 5)`, or `(1, 4, 1)`. Shape
# `(4,)` would line up with the last axis instead, and fail.

# %%
block = np.ones((2, 4, 5))
w = np.array([1.0, 10.0, 100.0, 1000.0])
print((block * w[:, np.newaxis]).shape, (block * w.reshape(1, 4, 1)).shape)
print((block * w.reshape(1, 4, 1))[0, :, 0])
try:
    block * w
except ValueError as err:
    print("block * w ->", err)

# %% [markdown]
# ### Exercise 2: scale along an axis
#
# Write `scale_along(arr, weights, axis)` that returns `arr` multiplied by `weights` (a 1-D
# NumPy array, never a list) along `axis`: element `[..., i, ...]` (with `i` at position
# `axis`) is multiplied by `weights[i]`. `arr` has any number of dimensions, `len(weights)
# == arr.shape[axis]`, and `axis` may be negative; any axis may have length 1 or 0. `arr`
# and `weights` may have different dtypes: the result has the dtype NumPy gives `arr *
# weights` (its own promotion: an integer array with float weights gives floats, int8 data
# with int64 weights gives int64, whatever the values). Leave `arr` unchanged. No loops, and
# do not copy `weights` out to `arr`'s size: reshape it so that broadcasting does the
# stretching (the hidden test allows a peak of 1.1 times the result's size plus 64 kB).


# %% solution id=scale_along
def scale_along(arr, weights, axis):
    ### BEGIN SOLUTION
    shape = [1] * arr.ndim
    shape[axis] = -1
    return arr * weights.reshape(shape)
    ### END SOLUTION


# %% tests id=test_scale_along points=2
import numpy as np

from npmem.checks import check_array

grid = np.arange(6).reshape(2, 3)
check_array(
    scale_along(grid, np.array([1, 10]), 0),
    np.array([[0, 1, 2], [30, 40, 50]]),
    "scale_along(arange(6).reshape(2, 3), [1, 10], axis=0)",
)
check_array(
    scale_along(grid, np.array([1, 10, 100]), 1),
    np.array([[0, 10, 200], [3, 40, 500]]),
    "scale_along(arange(6).reshape(2, 3), [1, 10, 100], axis=1)",
)
cube = np.ones((2, 3, 4))
check_array(
    scale_along(cube, np.array([1.0, 2.0, 3.0]), 1)[0, :, 0],
    np.array([1.0, 2.0, 3.0]),
    "scale_along(ones((2, 3, 4)), [1., 2., 3.], axis=1)[0, :, 0]",
)

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, hidden_rng
from npmem.measure import peak_memory

rng = hidden_rng("test_scale_along")


def _expected(arr, weights, axis):
    return np.moveaxis(np.moveaxis(arr, axis, -1) * weights, -1, axis)


for _ in range(25):
    ndim = int(rng.integers(1, 5))
    shape = tuple(int(n) for n in rng.choice([3, 3, 4, 5], size=ndim))  # square-ish on purpose
    dtype = str(rng.choice(["i2", "i8", "f4", "f8"]))
    base = rng.integers(-9, 10, size=tuple(2 * n for n in shape)).astype(dtype)
    arr = base[tuple(slice(None, None, 2) for _ in shape)]
    if rng.random() < 0.5:
        arr = arr.transpose(rng.permutation(ndim))
    axis = int(rng.integers(-ndim, ndim))
    weights = rng.integers(-5, 6, size=2 * arr.shape[axis]).astype(dtype)[::2]
    before = arr.copy()
    call = f"scale_along({dtype} shape={arr.shape} strides={arr.strides}, weights, axis={axis})"
    check_array(scale_along(arr, weights, axis), _expected(arr, weights, axis), call)
    check_array(arr, before, call + " left its input")
# mixed dtypes: the result has NumPy's promoted dtype, and int8 values times int64 weights
# must not wrap around in int8
for arr_dtype, w_dtype, high in [
    ("i8", "f8", 1000),
    ("i1", "i8", 127),
    ("i1", "f4", 127),
    ("u1", "i2", 255),
    ("f4", "f8", 1000),
    ("i4", "f4", 10**6),
    ("i8", "f8", 2**62),
]:
    shape = tuple(int(n) for n in rng.integers(2, 6, size=int(rng.integers(1, 4))))
    arr = rng.integers(-high if arr_dtype[0] != "u" else 0, high, size=shape).astype(arr_dtype)
    axis = int(rng.integers(-arr.ndim, arr.ndim))
    weights = rng.integers(-500, 500, size=arr.shape[axis]).astype(w_dtype)
    before = arr.copy()
    call = f"scale_along({arr_dtype} shape={arr.shape}, {w_dtype} weights, axis={axis})"
    check_array(scale_along(arr, weights, axis), _expected(arr, weights, axis), call)
    check_array(arr, before, call + " left its input")
# length-1 and length-0 axes, F order, reversed, non-native byte order
cases = [
    (np.arange(12.0).reshape(3, 1, 4), np.array([7.0]), 1),
    (np.arange(12).reshape(1, 12), np.array([-3]), 0),
    (np.zeros((3, 0, 4)), np.zeros(0), 1),
    (np.zeros((0, 5), dtype=np.int16), np.arange(5.0), -1),
    (np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)), np.arange(3.0)[::-1], 1),
    (np.arange(20).reshape(4, 5)[::-1, ::-2], np.arange(3, dtype=np.int8), -1),
    (np.arange(12, dtype=">i4").reshape(3, 4), np.arange(3, dtype=">f8") - 1.5, 0),
    (np.arange(12.0).reshape(4, 3).astype(">f8"), np.arange(3, dtype="<i2"), 1),
]
for arr, weights, axis in cases:
    call = (
        f"scale_along({arr.dtype.str} shape={arr.shape} strides={arr.strides},"
        f" {weights.dtype.str} weights, axis={axis})"
    )
    check_array(scale_along(arr, weights, axis), _expected(arr, weights, axis), call)
big = rng.random((50, 200, 40))
weights = rng.random(200)
got, peak = peak_memory(scale_along, big, weights, 1)
check_array(got, _expected(big, weights, 1), "scale_along(float64 (50, 200, 40), weights, axis=1)")
check_at_most(
    peak,
    1.1 * got.nbytes + 64_000,
    "peak memory of scale_along(float64 (50, 200, 40), weights, axis=1)",
)
### END HIDDEN TESTS

# %% hint id=scale_along
# Broadcasting lines shapes up from the right. For `weights` to vary along `axis` only, give
# it the shape of `arr` with every length 1 except at `axis`.
# ---
# `shape = [1] * arr.ndim`, then `shape[axis] = -1` (a negative `axis` indexes the list
# correctly too), and return `arr * weights.reshape(shape)`: the `*` makes a new array of
# the promoted dtype. Multiplying a copy of `arr` in place (`out = arr.copy(); out *= w`)
# would not: it keeps `arr`'s dtype, so int8 data times int64 weights wraps around in int8,
# and integer data with float weights raises (in-place casting, section 5).


# %% [markdown]
# Centring is the classic case. Subtracting each column's mean is `x - x.mean(axis=0)`:
# the means have shape `(n_cols,)`, which lines up with the last axis. Each *row's* mean has
# shape `(n_rows,)`, which lines up with the last axis too, where it does not belong. For
# a 3 × 4 matrix the lengths differ and NumPy raises; for a **square** matrix they match,
# and `x - x.mean(axis=1)` silently subtracts row `j`'s mean from column `j`: no error,
# wrong numbers, the classic silent bug. Keep the reduced axis with `keepdims=True`: then
# the means have shape `(n_rows, 1)` and stretch along the rows, whatever the shape.

# %%
data = np.arange(12.0).reshape(3, 4) ** 2
print("row means, keepdims:", data.mean(axis=1, keepdims=True).shape)
print("rows centred:\n", data - data.mean(axis=1, keepdims=True))
try:
    data - data.mean(axis=1)
except ValueError as err:
    print("without keepdims ->", err)
square = np.arange(9.0).reshape(3, 3) ** 2
wrong = square - square.mean(axis=1)  # (3,) lines up with the columns: no error
print("square matrix without keepdims, each row's mean afterwards:", wrong.mean(axis=1))
right = square - square.mean(axis=1, keepdims=True)
print("with keepdims, every row's mean is 0:", np.allclose(right.mean(axis=1), 0.0))
with np.errstate(over="ignore"):  # the sum overflows float16; its mean does not
    loud = np.array([60_000, 60_000], dtype=np.float16)
    print("float16 [60000, 60000]: mean", loud.mean(), " sum / 2", loud.sum() / 2)
wide_ints = np.array([2**62, 2**62])
print("int64 [2**62, 2**62]: mean", wide_ints.mean(), " sum (wraps around)", wide_ints.sum())

# %% [markdown]
# ### Exercise 3: centre in blocks along an axis
#
# A sensor records a value every second, and each run of `block` consecutive readings must
# be centred on its own mean (to remove a slow drift). Write `center_blocks(x, block, axis)`
# that returns a new array: `x` in which every run of `block` consecutive elements along
# `axis` (positions `0 … block-1`, then `block … 2*block-1`, and so on) has that run's mean
# subtracted, so that each run's mean becomes 0. `x` may have any number of dimensions,
# `axis` may be negative, and `x.shape[axis]` is a multiple of `block` (0 included; any
# axis may have length 0 or 1). With
# `block == x.shape[axis]` this is the centring shown just above; with a smaller `block`,
# one mean per axis is not enough. Leave `x` unchanged. The result has the dtype of
# `x - x.mean()`: float16, float32 and float64 stay as they are, integers give float64. Each
# mean must be what `mean` computes, and `mean` adds integers in float64 and float16 in
# float32: a block's sum may not fit in `x`'s own dtype (float16 data near 60 000, int64 near
# 2**62) while its mean does. (The hidden tests keep every block's sum within float32's
# range.) No Python loop is needed: let `reshape` and broadcasting do it.


# %% solution id=center_blocks
def center_blocks(x, block, axis):
    ### BEGIN SOLUTION
    axis = axis % x.ndim
    n_blocks = x.shape[axis] // block
    grouped = x.reshape(x.shape[:axis] + (n_blocks, block) + x.shape[axis + 1 :])
    centred = grouped - grouped.mean(axis=axis + 1, keepdims=True)
    return centred.reshape(x.shape)
    ### END SOLUTION


# %% tests id=test_center_blocks points=3
import numpy as np

from npmem.checks import check_array

signal = np.array([1.0, 3.0, 10.0, 20.0, 5.0, 5.0])
check_array(
    center_blocks(signal, 2, 0),
    np.array([-1.0, 1.0, -5.0, 5.0, 0.0, 0.0]),
    "center_blocks([1, 3, 10, 20, 5, 5], block=2, axis=0)",
)
rows = np.array([[1.0, 3.0, 0.0, 4.0], [2.0, 2.0, 7.0, 9.0]])
check_array(
    center_blocks(rows, 2, -1),
    np.array([[-1.0, 1.0, -2.0, 2.0], [0.0, 0.0, -1.0, 1.0]]),
    "center_blocks([[1, 3, 0, 4], [2, 2, 7, 9]], block=2, axis=-1)",
)
check_array(
    center_blocks(rows, 2, 0),
    np.array([[-0.5, 0.5, -3.5, -2.5], [0.5, -0.5, 3.5, 2.5]]),
    "center_blocks([[1, 3, 0, 4], [2, 2, 7, 9]], block=2, axis=0)",
)

### BEGIN HIDDEN TESTS
from npmem.checks import check_close, check_equal, hidden_rng, quietly

rng = hidden_rng("test_center_blocks")


def _expected(x, block, axis):
    moved = np.moveaxis(x, axis, -1)
    one = np.zeros(1, dtype=x.dtype)
    out = np.empty(moved.shape, dtype=(one - one.mean()).dtype)  # the dtype of x - mean
    for start in range(0, moved.shape[-1], block):
        part = moved[..., start : start + block].astype(np.float64)
        out[..., start : start + block] = part - part.mean(axis=-1, keepdims=True)
    return np.moveaxis(out, -1, axis)


for _ in range(30):
    ndim = int(rng.integers(1, 4))
    shape = [int(n) for n in rng.choice([2, 3, 4], size=ndim)]
    axis = int(rng.integers(-ndim, ndim))
    block = int(rng.choice([2, 3]))
    shape[axis] = block * int(rng.choice([2, 3, 4]))  # several blocks, never one
    dtype = str(rng.choice(["i2", "i8", "f4", "f8"]))
    base = (rng.standard_normal(tuple(2 * n for n in shape)) * 50).astype(dtype)
    x = base[tuple(slice(None, None, 2) for _ in shape)]
    if rng.random() < 0.5:
        x = x.transpose(rng.permutation(ndim))
        axis = int(rng.integers(-ndim, ndim))
        block = next(b for b in (3, 2, 1) if x.shape[axis] % b == 0 and x.shape[axis] > b)
    before = x.copy()
    expected = _expected(x, block, axis)
    call = f"center_blocks({dtype} shape={x.shape} strides={x.strides}, {block}, axis={axis})"
    got = center_blocks(x, block, axis)
    check_close(got, expected, call, rtol=1e-4 if dtype == "f4" else 1e-9)
    check_equal(str(got.dtype), str(expected.dtype), call + ".dtype")
    check_array(x, before, call + " left its input")
    check_equal(bool(np.shares_memory(got, x)), False, f"np.shares_memory({call}, x)")
for shape, block, axis in [((12,), 4, 0), ((12,), 12, -1), ((3, 8), 1, 1), ((6, 2, 4), 3, -3)]:
    x = np.arange(float(np.prod(shape))).reshape(shape) ** 2
    call = f"center_blocks(arange({x.size}.).reshape({shape}) ** 2, block={block}, axis={axis})"
    check_close(center_blocks(x, block, axis), _expected(x, block, axis), call)
# length-1 and length-0 axes, F order, reversed, non-native byte order
data = (np.arange(48) % 7 * 3).reshape(4, 3, 4)
for x, block, axis in [
    (data.astype(np.float64).reshape(4, 1, 12), 3, -1),
    (data.reshape(1, 48), 8, 1),
    (np.zeros((0, 6)), 2, 1),
    (np.zeros((4, 0, 3)), 2, 0),
    (np.zeros((0,), dtype=np.int32), 3, 0),
    (np.asfortranarray(data.astype(np.float32)), 2, 0),
    (data[::-1, :, ::-1], 2, -1),
    (data.astype(">f8"), 2, 2),
    (data.astype(">i4").transpose(2, 0, 1), 2, 1),
]:
    call = f"center_blocks({x.dtype.str} shape={x.shape} strides={x.strides}, {block}, axis={axis})"
    expected = _expected(x, block, axis)
    got = quietly(center_blocks, x, block, axis)
    check_close(got, expected, call, rtol=1e-5)
    check_equal(
        got.dtype.kind + str(got.dtype.itemsize),
        "f" + str(expected.dtype.itemsize),
        call + ".dtype (kind and size)",
    )
# near the limits of the dtype: a block's sum overflows x's own dtype, its mean does not
half = rng.permutation(np.repeat(np.arange(-8, 8) * 64, 2)).reshape(8, 4)  # exact in float16
for x, block, axis, atol in [
    (np.float16(60_000) + half.astype(np.float16), 4, 1, 32.0),
    ((np.float16(-60_000) + half.astype(np.float16)).T, 2, 0, 32.0),
    (np.full((3, 4), 65_000, dtype=np.float16), 2, -1, 32.0),
    (np.int64(2**62) + 1024 * half, 2, 1, 1e4),
    (np.int64(-(2**63)) + 1024 * (half + 600), 4, 1, 1e4),
    ((np.uint64(2**64 - 2**22) + 2048 * (half + 512).astype(np.uint64)).T, 4, 1, 1e4),
    (np.full(6, 2**63 - 1, dtype=np.int64), 3, 0, 1e4),
]:
    call = f"center_blocks({x.dtype.str} shape={x.shape}, values near {x.flat[0]}, {block}, {axis})"
    expected = _expected(x, block, axis)
    got = quietly(center_blocks, x, block, axis)
    check_close(got, expected, call, atol=atol)
    check_equal(str(got.dtype), str(expected.dtype), call + ".dtype")
### END HIDDEN TESTS

# %% hint id=center_blocks
# Give each block an axis of its own. Along `axis`, a length `n` split into blocks of
# `block` is the same elements read as `(n // block, block)`: `reshape` can insert that
# pair of axes where `axis` was. Normalise a negative `axis` first (`axis % x.ndim`).
# ---
# Reshape to `x.shape[:axis] + (n // block, block) + x.shape[axis + 1:]`, subtract the mean
# over the new axis `axis + 1` with `keepdims=True` (that makes a new array, leaving `x`
# alone), and reshape the result back to `x.shape`. Use `mean`, not `sum() / block`: `sum`
# returns its total in `x`'s own dtype (float16, int64), so a block whose total does not
# fit overflows where its mean does not (the demonstration above the exercise shows both).


# %% [markdown]
# ## 3. Stretching costs nothing: stride 0
#
# How does NumPy read a length-1 axis as if it had 100 000 elements? With a stride of 0:
# stepping along that axis moves zero bytes, so every step reads the same element again.
# `np.broadcast_to` shows it directly. It returns a **read-only view** that shares memory
# with its input; `nbytes` reports the size the view *pretends* to have, while its base
# really holds a single row.

# %%
row = np.arange(1000.0)
wide, peak = peak_memory(np.broadcast_to, row, (100_000, 1000))
print("view shape", wide.shape, " strides", wide.strides, " writeable", wide.flags.writeable)
print(f"wide.nbytes claims {wide.nbytes:,} bytes; its base holds {wide.base.nbytes:,}")
print(
    "shares memory with row:",
    np.shares_memory(wide, row),
    f"  memory allocated to make it: {peak:,} bytes",
)
try:
    wide[0, 0] = 1.0
except ValueError as err:
    print("wide[0, 0] = 1.0 ->", err)

# %% [markdown]
# It is read-only for a reason: writing `wide[0, 5]` would also change `wide[1, 5]`,
# `wide[2, 5]`, ... since they are the same bytes. (`np.broadcast_arrays` returns views
# that are still nominally writeable for backward compatibility; writing to them is
# deprecated and warns.) Reductions do the work of the whole view, but never allocate it:

# %%
total, peak = peak_memory(np.sum, wide, axis=0)
print(
    "column sums equal 100 000 x row:",
    np.array_equal(total, 100_000 * row),
    f"  peak memory {peak:,} bytes",
)

# %% [markdown]
# A missing leading axis gets stride 0 too, and so does a length-1 axis anywhere. Everything
# else keeps the input's own stride, even when the input is not contiguous:

# %%
colv = np.arange(6.0).reshape(3, 2)[:, :1]  # shape (3, 1), a non-contiguous column
print("input  ", colv.shape, colv.strides)
out = np.broadcast_to(colv, (2, 3, 4))
print("to (2, 3, 4):", out.strides)

# %% [markdown]
# ### Exercise 4: a broadcast view by hand
#
# Write `stretch_to(x, shape)` that does what `np.broadcast_to(x, shape)` does, with
# `as_strided`: return a **read-only view** of `x` with the given shape, in which every axis
# that `x` lacks or has length 1 gets stride 0 (even when the target length is 1 too, as
# `np.broadcast_to` does: the tests compare every stride with its), and every other axis
# keeps `x`'s stride. Raise `ValueError` when `x` cannot be stretched to `shape` (a length
# that is neither 1 nor the target's, or more axes than `shape` has, even when the extra
# leading axes of `x` have length 1). Stretching goes one way only: a length 1 of `x`
# stretches to any target length (0 included), but a longer length of `x` is never shrunk
# to a target 1. Do not call `np.broadcast_to` or `np.broadcast_arrays` (the
# hidden tests reject a function whose code refers to them).


# %% solution id=stretch_to
def stretch_to(x, shape):
    ### BEGIN SOLUTION
    shape = tuple(shape)
    lead = len(shape) - x.ndim
    if lead < 0:
        raise ValueError(f"cannot broadcast {x.shape} to the shorter shape {shape}")
    strides = []
    for axis, n in enumerate(shape):
        if axis < lead:
            strides.append(0)
            continue
        own, stride = x.shape[axis - lead], x.strides[axis - lead]
        if own == 1:
            strides.append(0)
        elif own == n:
            strides.append(stride)
        else:
            raise ValueError(f"cannot broadcast {x.shape} to {shape}")
    return as_strided(x, shape=shape, strides=tuple(strides), writeable=False)
    ### END SOLUTION


# %% tests id=test_stretch_to points=3
import numpy as np

from npmem.checks import check_array, check_equal, check_raises, check_view

r = np.arange(4.0)
got = stretch_to(r, (3, 4))
check_array(got, np.array([[0.0, 1.0, 2.0, 3.0]] * 3), "stretch_to(arange(4.), (3, 4))")
check_equal(got.strides, (0, 8), "stretch_to(arange(4.), (3, 4)).strides")
check_view(got, r, "stretch_to(arange(4.), (3, 4))")
check_equal(got.flags.writeable, False, "stretch_to(arange(4.), (3, 4)).flags.writeable")
check_raises(ValueError, stretch_to, r, (4, 3), call="stretch_to(arange(4.), (4, 3))")

### BEGIN HIDDEN TESTS
from npmem.checks import check_does_not_use, hidden_rng

rng = hidden_rng("test_stretch_to")


check_does_not_use(
    stretch_to,
    ("broadcast_to", "broadcast_arrays"),
    why="builds the broadcast view for you (the exercise asks you to use as_strided)",
)
_own = stretch_to


for _ in range(30):
    target = tuple(int(n) for n in rng.integers(2, 5, size=int(rng.integers(1, 5))))
    keep = int(rng.integers(0, len(target) + 1))
    own = tuple(1 if rng.random() < 0.4 else n for n in target[len(target) - keep :])
    dtype = str(rng.choice(["i1", "i2", "f4", "f8", "c16"]))
    base = rng.integers(-50, 50, size=tuple(2 * n for n in own)).astype(dtype)
    x = base[tuple(slice(None, None, -2) for _ in own)] if own else base
    if rng.random() < 0.5 and x.ndim > 1:
        x = x.transpose()
        stretch = tuple(int(rng.integers(2, 5)) if n == 1 else n for n in x.shape)
        target = target[: len(target) - x.ndim] + stretch
    call = f"stretch_to({dtype} shape={x.shape} strides={x.strides}, {target})"
    got = _own(x, target)
    expected = np.broadcast_to(x, target)
    check_array(got, expected, call)
    check_equal(got.strides, expected.strides, call + ".strides")
    check_view(got, x, call)
    check_equal(got.flags.writeable, False, call + ".flags.writeable")
for _ in range(10):
    shape = tuple(int(n) for n in rng.integers(2, 5, size=int(rng.integers(1, 4))))
    x = np.zeros(shape)[..., ::-1]
    bad = list(shape)
    k = int(rng.integers(0, len(bad)))
    bad[k] += 1
    bad = [int(n) for n in rng.integers(1, 4, size=int(rng.integers(0, 2)))] + bad
    check_raises(ValueError, _own, x, tuple(bad), call=f"stretch_to(shape {shape}, {tuple(bad)})")
    check_raises(ValueError, _own, x, shape[1:], call=f"stretch_to(shape {shape}, {shape[1:]})")
    # more axes than the target, the extra ones of length 1: still an error
    ones_first = np.zeros((1,) * int(rng.integers(1, 3)) + shape)
    for target in (shape, shape[1:] + (1,)):
        call = f"stretch_to(shape {ones_first.shape}, {target})"
        check_raises(ValueError, _own, ones_first, target, call=call)
    # a target of 1 where x is longer: broadcasting never shrinks an axis
    ones = list(shape)
    ones[k] = 1
    check_raises(ValueError, _own, x, tuple(ones), call=f"stretch_to(shape {shape}, {tuple(ones)})")
# length-0 axes, a 0-d input, big-endian data and F order
for x, target in [
    (np.zeros((1, 3)), (0, 3)),
    (np.zeros((0, 3)), (2, 0, 3)),
    (np.zeros((4, 1)), (4, 0)),
    (np.array(2.5), (3, 2)),
    (np.array(2.5), ()),
    (np.arange(6, dtype=">i4").reshape(2, 3)[:, ::-1], (4, 2, 3)),
    (np.asfortranarray(np.arange(6.0).reshape(3, 1, 2)), (2, 3, 5, 2)),
    (np.arange(6.0).reshape(3, 2)[:, :1], (3, 1)),  # a length 1 kept as 1: stride 0 too
    (np.arange(12, dtype=np.int16).reshape(1, 4, 3)[:, ::-2, :1], (1, 1, 2, 1)),
    (np.zeros((2, 1, 3))[::-1], (2, 1, 3)),
]:
    call = f"stretch_to({x.dtype.str} shape={x.shape} strides={x.strides}, {target})"
    got = _own(x, target)
    expected = np.broadcast_to(x, target)
    check_array(got, expected, call)
    check_equal(got.strides, expected.strides, call + ".strides")
    if got.size:  # an empty view shares no byte with anything
        check_view(got, x, call)
    check_equal(got.flags.writeable, False, call + ".flags.writeable")
for x, target in [
    (np.zeros((0, 3)), (3, 3)),
    (np.zeros((3, 2)), (0, 2)),
    (np.zeros((3, 2)), (3, 1)),
    (np.zeros(3), ()),
    (np.zeros((2, 1)), (1, 1)),
    (np.ones((1, 3)), (3,)),
    (np.ones((1, 1, 3)), (2, 3)),
    (np.ones(1), ()),
]:
    check_raises(ValueError, _own, x, target, call=f"stretch_to(shape {x.shape}, {target})")
### END HIDDEN TESTS

# %% hint id=stretch_to
# Line `x`'s axes up with the *last* axes of `shape`: the first `len(shape) - x.ndim` target
# axes are new, with stride 0. If that number is negative, raise `ValueError`.
# ---
# For every other axis: a length of 1 in `x` gets stride 0 (test it first: even a target of
# 1 gets 0, as in `np.broadcast_to`), the same length keeps `x`'s stride, anything else
# raises `ValueError`. Then `as_strided(x, shape=shape, strides=strides,
# writeable=False)`.


# %% [markdown]
# ## 4. Materialising costs memory
#
# Before broadcasting, an outer operation was written by first copying both operands out to
# the full size, with `np.tile`, `np.repeat` or `np.meshgrid`. The result is the same; the
# memory is not. `peak_memory(f, ...)` (from `npmem.measure`) calls `f` and reports, with
# `tracemalloc`, the most bytes held at once during the call, result included.

# %%
n = 1500
xs = np.linspace(0.0, 1.0, n)
ys = np.linspace(0.0, 2.0, n)


def outer_tiled(xs, ys):
    big_x = np.repeat(xs[:, np.newaxis], len(ys), axis=1)  # (n, n) copy
    big_y = np.tile(ys, (len(xs), 1))  # (n, n) copy
    return big_x * big_y


def outer_meshgrid(xs, ys):
    big_x, big_y = np.meshgrid(xs, ys, indexing="ij")
    return big_x * big_y


def outer_broadcast(xs, ys):
    return xs[:, np.newaxis] * ys


results = {}
for f in (outer_tiled, outer_meshgrid, outer_broadcast):
    res, peak = peak_memory(f, xs, ys)
    results[f.__name__] = res
    print(f"{f.__name__:16} peak {peak / 1e6:6.1f} MB = {peak / res.nbytes:.2f} x the result")
print(
    "same values:",
    np.array_equal(results["outer_tiled"], results["outer_broadcast"])
    and np.array_equal(results["outer_meshgrid"], results["outer_broadcast"]),
)
del results, res

# %% [markdown]
# The broadcast version holds only its result; the others hold two more arrays of the same
# size. `np.mgrid` and `np.ogrid` are the same pair in index form: `mgrid` materialises
# every coordinate, `ogrid` returns thin arrays that broadcast.

# %%
dense = np.mgrid[0:1000, 0:1000]
sparse = np.ogrid[0:1000, 0:1000]
print("mgrid:", dense.shape, f"{dense.nbytes:,} bytes")
print("ogrid:", [s.shape for s in sparse], f"{sum(s.nbytes for s in sparse):,} bytes")
print("same sums:", np.array_equal(dense[0] + dense[1], sparse[0] + sparse[1]))
del dense, sparse

# %% [markdown]
# Broadcasting does not make memory go away, though: the *result* of an outer operation is
# still `n × m`, and intermediate steps can be bigger still. Pairwise distances are the
# standard example. For `a` of shape `(n, d)` and `b` of shape `(m, d)`,
# `a[:, np.newaxis, :] - b[np.newaxis, :, :]` has shape `(n, m, d)`: `d` times the size of
# the `(n, m)` answer.

# %%
rng = np.random.default_rng(0)
cloud_a = rng.random((1000, 3))
cloud_b = rng.random((800, 3))


def distances_broadcast(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt((diff**2).sum(axis=-1))


dist, peak = peak_memory(distances_broadcast, cloud_a, cloud_b)
print(
    f"inputs {cloud_a.nbytes + cloud_b.nbytes:,} bytes; result {dist.shape}, {dist.nbytes:,} bytes"
)
print(f"peak {peak:,} bytes = {peak / dist.nbytes:.1f} x the result")
print(f"       = {peak / (cloud_a.nbytes + cloud_b.nbytes):,.0f} x the inputs")

# %% [markdown]
# The peak is several times even the `(n, m)` result: the difference array (`d` times the
# result), its square (as big again, since the name `diff` keeps the difference alive) and
# the sum all exist at once. Broadcasting made the pairs easy to write; it did not make the
# `(n, m, d)` temporary necessary. Algebra removes it: for rows `a_i` and `b_j`,
#
# $$|a_i - b_j|^2 = |a_i|^2 + |b_j|^2 - 2\, a_i \cdot b_j .$$
#
# The squared norms are one number per row, and the dot products of all pairs are one matrix
# product, `a @ b.T`, of shape `(n, m)`: nothing of shape `(n, m, d)` is ever made.
#
# ### The price of the expansion: rounding far from the origin
#
# The expansion is not free. Each of its three terms is about as large as `|a_i|^2`, while
# the squared distance can be much smaller: when the points lie far from the origin
# compared with their spread, the terms cancel almost completely, and what remains is
# mostly their rounding error (a float64 keeps about 16 significant digits of each term,
# whatever its size). The cell below pairs each point of a cloud with one partner of
# another cloud (one distance per row, so no `(n, m)` array is needed to see the effect),
# both of spread about 1, moves the two clouds away from the origin, and compares the
# expansion with the direct `|a_i - b_i|`.

# %%
rng = np.random.default_rng(2)
near_a = rng.standard_normal((2000, 3))
near_b = rng.standard_normal((2000, 3))


def paired_expanded(a, b):  # |a_i|^2 + |b_i|^2 - 2 a_i.b_i for each row i
    sq = (a * a).sum(axis=1) + (b * b).sum(axis=1) - 2 * (a * b).sum(axis=1)
    return np.sqrt(np.maximum(sq, 0.0))


for offset in (0.0, 1e4, 1e6):
    a, b = near_a + offset, near_b + offset
    direct = np.sqrt(((a - b) ** 2).sum(axis=1))
    error = np.abs(paired_expanded(a, b) - direct).max()
    centre = (a.sum(axis=0) + b.sum(axis=0)) / (len(a) + len(b))
    error_centred = np.abs(paired_expanded(a - centre, b - centre) - direct).max()
    print(
        f"offset {offset:7.0e}: max abs error {error:.1e}, after centring {error_centred:.1e}"
        f"  (distances from {direct.min():.2f} to {direct.max():.2f})"
    )

# %% [markdown]
# Far from the origin the expansion loses digits: its error grows with the offset, while
# the centred version stays at the level of rounding. The fix is one subtraction:
# distances do not change when both clouds move together, so first subtract a **common**
# centre from both (the mean of all the points, as above; a separate centre for each cloud
# would move them against each other). The terms of the expansion are then
# of the size of the spread, not of the offset. It costs a centred copy of each input, which
# is small next to the `(n, m)` result when `d` is small. What rounding still leaves is a
# distance near 0 that can come out slightly negative before the square root (hence the
# `np.maximum(..., 0.0)` above).
#
# ### Contracting without temporaries: `np.einsum`
#
# `(a * b).sum(axis=1)` makes the whole product `a * b` only to add up each row of it.
# `np.einsum` takes the index pattern of such a *contraction* and runs the loops itself:
# `np.einsum("ij,ij->i", a, b)` is each row's dot product, with no `(n, d)` product in
# memory (`np.vecdot(a, b)` does the same over the last axis). With three or more operands
# the order of the work matters. By default (`optimize=False`) `einsum` runs one loop nest
# over all the indices, which makes no intermediate array (only small buffers) but can do
# far more arithmetic; `optimize=True` splits the contraction into pairwise steps (matrix
# products, through BLAS where it can), which allocate intermediate arrays and are usually
# much faster. `np.einsum_path` shows the plan.

# %%
import timeit

rows_a = rng.random((200_000, 8))
rows_b = rng.random((200_000, 8))
for label, f in [
    ("(a * b).sum(axis=1)      ", lambda: (rows_a * rows_b).sum(axis=1)),
    ('np.einsum("ij,ij->i", ...)', lambda: np.einsum("ij,ij->i", rows_a, rows_b)),
    ("np.vecdot(a, b)           ", lambda: np.vecdot(rows_a, rows_b)),
]:
    res, peak = peak_memory(f)
    seconds = min(timeit.repeat(f, number=3, repeat=3)) / 3
    print(f"{label} peak {peak / res.nbytes:5.2f} x the result, {seconds * 1e3:6.2f} ms")
mat_a, mat_b, vec = rng.random((300, 400)), rng.random((400, 300)), rng.random(300)
for optimize in (False, True):
    f = lambda: np.einsum("ij,jk,k->i", mat_a, mat_b, vec, optimize=optimize)  # noqa: E731
    res, peak = peak_memory(f)
    seconds = min(timeit.repeat(f, number=1, repeat=3))
    print(f'"ij,jk,k->i", optimize={optimize!s:5}: peak {peak:>8,} bytes, {seconds * 1e3:6.2f} ms')
print("the pairwise plan:", np.einsum_path("ij,jk,k->i", mat_a, mat_b, vec, optimize=True)[0])
del rows_a, rows_b, res

# %% [markdown]
# Libraries do the pairwise loop for you too. Where SciPy is installed,
# `scipy.spatial.distance.cdist(a, b)` computes each distance from the coordinate
# differences of one pair at a time, in compiled code: it makes only the `(n, m)` result,
# and it has no cancellation problem. (SciPy is not part of this course's environment, so
# no cell here calls it.)
#
# ### Exercise 5: pairwise distances without the big temporary
#
# Write `pairwise_distances(a, b)` that returns the `(n, m)` float64 array whose `[i, j]`
# entry is the Euclidean distance between row `i` of `a` (shape `(n, d)`) and row `j` of `b`
# (shape `(m, d)`), with `n`, `m` and `d` at least 1. Inputs are float64 arrays of any
# layout. The hidden tests measure the peak memory of your call with `tracemalloc`: it must
# stay within **three times the size of the result, plus the size of the inputs** (plus a
# little), so `distances_broadcast` above fails as soon as `d` is 2 (its peak is about
# `2 * d + 1` times the result: the difference, its square and the sum). Use the
# expansion and let broadcasting add the norms. The result must also be accurate far from
# the origin: the hidden tests move clouds of spread about 1 as far as `1e6` from the origin
# and compare with the exact distances to within `1e-6`, so centre both inputs on a common
# centre first. Rounding can make the expansion of a distance near 0 come out slightly
# negative; your result must never contain NaN (a point's distance to itself is 0, within
# rounding).


# %% solution id=pairwise_distances
def pairwise_distances(a, b):
    ### BEGIN SOLUTION
    centre = (a.sum(axis=0) + b.sum(axis=0)) / (len(a) + len(b))
    a = a - centre  # the same distances, with terms the size of the spread
    b = b - centre
    sq = a @ b.T  # (n, m): the only large array
    sq *= -2.0
    sq += (a * a).sum(axis=1)[:, np.newaxis]
    sq += (b * b).sum(axis=1)
    np.maximum(sq, 0.0, out=sq)  # rounding can leave tiny negative values
    return np.sqrt(sq, out=sq)
    ### END SOLUTION


# %% tests id=test_pairwise_distances points=3
import numpy as np

from npmem.checks import check_close

p = np.array([[0.0, 0.0], [3.0, 4.0]])
q = np.array([[0.0, 0.0], [0.0, 4.0], [3.0, 0.0]])
check_close(
    pairwise_distances(p, q),
    np.array([[0.0, 4.0, 3.0], [5.0, 3.0, 4.0]]),
    "pairwise_distances(p, q)",
)
check_close(
    pairwise_distances(q, p),
    np.array([[0.0, 5.0], [4.0, 3.0], [3.0, 4.0]]),
    "pairwise_distances(q, p)",
)
check_close(
    pairwise_distances(p + 1e6, q + 1e6),
    np.array([[0.0, 4.0, 3.0], [5.0, 3.0, 4.0]]),
    "pairwise_distances(p + 1e6, q + 1e6)",
    atol=1e-6,
)

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, check_equal, hidden_rng, quietly
from npmem.measure import peak_memory

rng = hidden_rng("test_pairwise_distances")


def _expected(a, b):
    return np.array([np.linalg.norm(b - row, axis=1) for row in a]).reshape(len(a), len(b))


for _ in range(12):
    n, m, d = (int(k) for k in rng.integers(1, 30, size=3))
    a = rng.standard_normal((n, d)) * 10
    b = rng.standard_normal((m, d)) * 10
    for label, aa, bb in [
        ("C arrays", a, b),
        ("F-ordered", np.asfortranarray(a), np.asfortranarray(b)),
        ("reversed rows", a[::-1], b[::-1]),
        ("every other column", np.repeat(a, 2, axis=1)[:, ::2], np.repeat(b, 2, axis=1)[:, ::2]),
        ("big-endian", a.astype(">f8"), b.astype(">f8")),
    ]:
        call = f"pairwise_distances({label} a {aa.shape}, b {bb.shape})"
        got = quietly(pairwise_distances, aa, bb)
        check_close(got, _expected(aa, bb), call, rtol=1e-6)
        check_equal(str(got.dtype), "float64", call + ".dtype")
# length-1 axes: one point, one coordinate
for n, m, d in [(1, 1, 1), (1, 7, 3), (6, 1, 2), (9, 8, 1)]:
    a = rng.standard_normal((n, d)) * 10
    b = rng.standard_normal((m, d)) * 10
    call = f"pairwise_distances(a {a.shape}, b {b.shape})"
    check_close(quietly(pairwise_distances, a, b), _expected(a, b), call, rtol=1e-6)
# a cloud against itself: the diagonal is 0 up to rounding, and never NaN
for n, d in [(60, 3), (40, 12)]:
    pts = rng.standard_normal((n, d)) * 10 + 5
    call = f"pairwise_distances(pts, pts) for pts {pts.shape}"
    got = quietly(pairwise_distances, pts, pts)
    check_equal(int(np.isnan(got).sum()), 0, f"number of NaN in {call}")
    check_close(got, _expected(pts, pts), call, rtol=1e-6)
# far from the origin. Tolerance: once centred, the terms of the expansion are about
# |a_i - c|^2 ~ d (spread 1), so a squared distance carries a rounding error of a few
# eps * d ~ 1e-14 and a zero distance comes out below sqrt(1e-14) ~ 1e-7; atol=1e-6 leaves
# a margin. Uncentred, the terms are ~ offset**2 and a small distance is off by about
# sqrt(eps) * offset: 1e-4 already at offset 1e4.
for offset in (1e4, 1e6):
    for d in (1, 3, 12):
        pts = rng.standard_normal((80, d)) + offset * rng.standard_normal(d)
        for label, other in [
            ("pts", pts),
            ("pts + 1e-3 * noise", pts + 1e-3 * rng.standard_normal(pts.shape)),
            ("another cloud nearby", rng.standard_normal((50, d)) + pts.mean(axis=0)),
        ]:
            call = f"pairwise_distances(pts {pts.shape} at ~{offset:.0e} from 0, {label})"
            got = quietly(pairwise_distances, pts, other)
            check_close(got, _expected(pts, other), call, atol=1e-6)
for n, m, d in [(600, 500, 16), (300, 700, 40)]:
    a = rng.standard_normal((n, d))
    b = rng.standard_normal((m, d))
    call = f"pairwise_distances(a {a.shape}, b {b.shape})"
    got, peak = peak_memory(quietly, pairwise_distances, a, b)
    check_close(got, _expected(a, b), call, rtol=1e-6)
    budget = 3 * n * m * 8 + a.nbytes + b.nbytes + 64_000
    check_at_most(peak, budget, f"peak memory of {call}")
### END HIDDEN TESTS

# %% hint id=pairwise_distances
# Centre first: `centre = (a.sum(axis=0) + b.sum(axis=0)) / (len(a) + len(b))`, then
# `a = a - centre` and `b = b - centre` (new arrays; the caller's are untouched). Then
# `(a * a).sum(axis=1)` is the `(n,)` array of `|a_i|^2`; give it a new last axis so that it
# broadcasts down the columns of an `(n, m)` array, while `|b_j|^2`, shape `(m,)`, lines up
# with the last axis as it is. `a @ b.T` is the `(n, m)` array of dot products.
# ---
# Combine them as `|a|^2 + |b|^2 - 2 a.b`, clip the negatives that rounding leaves with
# `np.maximum(..., 0.0)`, and take `np.sqrt`. Three `(n, m)` arrays at once is the limit:
# doing the additions in place on the product (`sq *= -2.0`, `sq += ...`) keeps it at one.


# %% [markdown]
# ## 5. Temporaries, `out=` and in-place operators
#
# Every operator in an expression makes a new array. In `2 * x**2 + 3 * x + 1` the pieces
# `x**2`, `2 * x**2`, `3 * x` and the sums are all arrays of `x`'s size. NumPy recycles
# some of them (*temporary elision*, explained just below), but it never writes into `x` or
# into any array you have named. You can tell it where to write: every ufunc (`np.add`,
# `np.multiply`, `np.sqrt`, ...) takes `out=`, an existing array of the right shape that
# receives the result, and the augmented operators `y *= x`, `y += 1` are the same ufuncs
# with `out=y`. This is the one place this course explains `out=`; later notebooks refer
# back here.

# %%
big = np.random.default_rng(1).random(2_000_000)


def quadratic_plain(x):
    return 2 * x**2 + 3 * x + 1


def quadratic_named(x):
    sq = x**2
    lin = 3 * x
    return 2 * sq + lin + 1


def quadratic_inplace(x):
    y = np.multiply(x, 2.0)  # the only new array: y = 2x
    y += 3.0  # 2x + 3
    y *= x  # 2x^2 + 3x
    y += 1.0
    return y


for f in (quadratic_plain, quadratic_named, quadratic_inplace):
    res, peak = peak_memory(f, big)
    print(f"{f.__name__:18} peak = {peak / big.nbytes:.2f} x the size of x")
print("same values:", np.allclose(quadratic_plain(big), quadratic_inplace(big)))

# %% [markdown]
# Rewriting the polynomial so that each step uses the previous result (`(2x + 3)x + 1`,
# Horner's scheme) is what makes the in-place version possible: it only ever needs one
# array.
#
# ### Temporary elision
#
# If `quadratic_plain` peaked lower than `quadratic_named` above, although both compute the
# same pieces, that was *temporary elision*. When an operand of an operator such as `+`, `-`
# or `*` is a temporary that nothing else refers to (its reference count is 1, as for the
# result of `arr * 2` in `arr * 2 + 1`), NumPy can write the result into that temporary
# instead of allocating a new array: the left operand, or either one when the operation
# commutes (`1 + arr * 2` too, but not `1 - arr * 2`), and only for operators, not for calls
# such as `np.add(arr * 2, 1)`. NumPy's source (`numpy/_core/src/multiarray/temp_elide.c`)
# only tries this for arrays of at least 256 KiB (`NPY_MIN_ELIDE_BYTES`, 262 144 bytes), and
# only where it can inspect the C call stack to make sure the temporary really came from
# Python code: not on Windows builds. A name defeats it: in `named` below, `doubled` still
# refers to the temporary when `+ 1` runs. And the temporary must be able to hold the
# result: in `ints * 2 + 0.5` the float result cannot go into the integer temporary. Measure
# both forms on each side of the threshold:


# %%
def chained(arr):
    return arr * 2 + 1  # arr * 2 is a temporary nobody else refers to


def named(arr):
    doubled = arr * 2  # the same temporary, held by a name
    return doubled + 1


import tracemalloc

tracemalloc.start()  # as peak_memory does, in one session for all six calls
for size in (32_000, 33_000, 1_000_000):  # 256,000 bytes, 264,000 bytes, 8 MB of float64
    arr = np.ones(size)
    ratios = []
    for f in (chained, named):
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        f(arr)
        ratios.append((tracemalloc.get_traced_memory()[1] - start) / arr.nbytes)
    print(
        f"{arr.nbytes:>9,} bytes: chained peak {ratios[0]:.2f}, named peak {ratios[1]:.2f}"
        " (in units of the array)"
    )
tracemalloc.stop()

# %% [markdown]
# A peak of about 1 means the temporary was reused as the result, about 2 means two arrays
# were alive. Elision is an optimisation NumPy may or may not apply (it depends on the size,
# the platform and the NumPy version), so never rely on it: a test that counts temporaries
# must allow for fewer, and code that must stay within a memory budget uses `out=` or
# in-place operators, which behave the same everywhere.
#
# ### In-place operators and dtypes
#
# An in-place operator writes into an array whose dtype is fixed. So the ufunc casts its
# result to that dtype, with the rule `casting="same_kind"`: a float result may not go into
# an integer array (another *kind*), and NumPy raises. The error's class lives in NumPy's
# private internals (`np.exceptions` does not list it) and is a subclass of `TypeError`, so
# catch it as `TypeError`:

# %%
counts = np.arange(4)
try:
    counts += 0.5
except TypeError as err:
    print(type(err).__name__, "->", err)
    print("a subclass of TypeError:", isinstance(err, TypeError))
    print("its class and bases:", " -> ".join(c.__qualname__ for c in type(err).__mro__[:4]))
print("np.exceptions has UFuncTypeError:", hasattr(np.exceptions, "UFuncTypeError"))
print("counts unchanged:", counts)

# %% [markdown]
# The rule is about kinds, not about values: a cast within the same kind passes even when the
# values do not fit. Adding an int64 array into an int8 array casts the int64 sum down to
# int8 and wraps around, silently:

# %%
small = np.array([100], dtype=np.int8)
small += np.array([100], dtype=np.int64)
print("int8 [100] += int64 [100] ->", small, small.dtype)
print(
    "np.can_cast(int64, int8, 'same_kind'):",
    np.can_cast(np.int64, np.int8, "same_kind"),
    "  np.can_cast(float64, int64, 'same_kind'):",
    np.can_cast(np.float64, np.int64, "same_kind"),
)

# %% [markdown]
# ### Exercise 6: a polynomial with one array of memory
#
# Write `poly_eval(coeffs, x)` that returns `coeffs[0] + coeffs[1] * x + coeffs[2] * x**2 +
# ...` evaluated at every element of the float array `x` (any shape, any layout). `coeffs`
# is a list of at least one Python float. The result is a new array with `x`'s shape and
# dtype (its byte order may be the machine's own), and `x` is left unchanged; `x` may be
# empty, and may hold `nan` (the result is `nan` there) and `inf` (the hidden tests put
# `+inf` only with two or more coefficients, all positive, where the polynomial's value is
# `+inf`). The hidden test measures the peak memory of your call: at most 1.2 times the
# size of the result, plus 64 kB for small temporaries. So allocate the result once and
# update it in place (Horner's scheme works from the highest coefficient down).


# %% solution id=poly_eval
def poly_eval(coeffs, x):
    ### BEGIN SOLUTION
    result = np.full_like(x, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        result *= x
        result += c
    return result
    ### END SOLUTION


# %% tests id=test_poly_eval points=2
import numpy as np

from npmem.checks import check_array

pts = np.array([0.0, 1.0, 2.0, -1.0])
check_array(
    poly_eval([1.0, 3.0, 2.0], pts),
    np.array([1.0, 6.0, 15.0, 0.0]),
    "poly_eval([1, 3, 2], [0, 1, 2, -1])",
)
check_array(poly_eval([5.0], pts), np.array([5.0, 5.0, 5.0, 5.0]), "poly_eval([5], [0, 1, 2, -1])")

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, check_close, check_equal, hidden_rng, quietly
from npmem.measure import peak_memory

rng = hidden_rng("test_poly_eval")
for _ in range(10):
    dtype = str(rng.choice(["f4", "f8"]))
    coeffs = [float(c) for c in rng.uniform(-2, 2, size=int(rng.integers(1, 7)))]
    base = rng.uniform(-1.5, 1.5, size=(int(rng.integers(2, 30)), int(rng.integers(2, 30))))
    base = base.astype(dtype)
    for label, x in [("C array", base), ("transposed", base.T), ("stepped", base[::2, ::-3])]:
        before = x.copy()
        call = f"poly_eval({coeffs}, {label} {dtype} shape={x.shape})"
        got = poly_eval(coeffs, x)
        expected = np.polynomial.polynomial.polyval(x.astype(np.float64), coeffs)
        check_close(got, expected, call, rtol=1e-4 if dtype == "f4" else 1e-9)
        check_equal(str(got.dtype), str(np.dtype(dtype)), call + ".dtype")
        check_array(x, before, call + " left its input")
        check_equal(bool(np.shares_memory(got, x)), False, f"np.shares_memory({call}, x)")
# length-1 and length-0 axes, F order, big-endian data
for label, x in [
    ("float64 (1, 5)", rng.uniform(-1, 1, size=(1, 5))),
    ("float32 (7, 1)", rng.uniform(-1, 1, size=(7, 1)).astype(np.float32)),
    ("float64 (0, 4)", np.zeros((0, 4))),
    ("float32 (0,)", np.zeros(0, dtype=np.float32)),
    ("float64 F-ordered (6, 5)", np.asfortranarray(rng.uniform(-1, 1, size=(6, 5)))),
    ("big-endian float64 (4, 6)", rng.uniform(-1, 1, size=(4, 6)).astype(">f8")),
    ("big-endian float32 reversed", rng.uniform(-1, 1, size=(5, 3)).astype(">f4")[::-1]),
]:
    coeffs = [float(c) for c in rng.uniform(-2, 2, size=4)]
    before = x.copy()
    call = f"poly_eval({coeffs}, {label})"
    got = poly_eval(coeffs, x)
    expected = np.polynomial.polynomial.polyval(x.astype(np.float64), coeffs)
    check_close(got, expected, call, rtol=1e-5)
    check_equal(str(got.dtype.newbyteorder("=")), str(x.dtype.newbyteorder("=")), call + ".dtype")
    check_array(x, before, call + " left its input")
# non-finite values: nan stays nan, and +inf with positive coefficients gives +inf
for dtype in ("f8", "f4", ">f8"):
    x = rng.uniform(-2, 2, size=(5, 6)).astype(dtype)
    x[rng.random(x.shape) < 0.3] = np.inf
    x[0, :2], x[1, 1] = np.inf, np.nan
    # two or more coefficients: a constant polynomial is coeffs[0] at +inf, not +inf
    coeffs = [float(c) for c in rng.uniform(0.5, 2, size=int(rng.integers(2, 5)))]
    call = f"poly_eval({coeffs}, {dtype} with inf and nan)"
    finite = np.isfinite(x)
    expected = np.polynomial.polynomial.polyval(np.where(finite, x, 0.0).astype("f8"), coeffs)
    expected = expected.astype(x.dtype.newbyteorder("="))
    expected[np.isinf(x)] = np.inf
    expected[np.isnan(x)] = np.nan
    got = quietly(poly_eval, coeffs, x)
    check_close(got[finite], expected[finite], call + " where x is finite", rtol=1e-5)
    check_array(
        got[~finite].astype(expected.dtype), expected[~finite], call + " where x is inf or nan"
    )
for label, x in [
    ("float64 (1000, 1000)", rng.random((1000, 1000))),
    ("float32 transposed (1000, 800)", rng.random((800, 1000), dtype=np.float32).T),
]:
    coeffs = [float(c) for c in rng.uniform(-2, 2, size=5)]
    got, peak = peak_memory(poly_eval, coeffs, x)
    expected = np.polynomial.polynomial.polyval(x.astype(np.float64), coeffs)
    check_close(got, expected, f"poly_eval(5 coeffs, {label})", rtol=1e-4)
    check_at_most(peak, 1.2 * x.nbytes + 64_000, f"peak memory of poly_eval(5 coeffs, {label})")
### END HIDDEN TESTS

# %% hint id=poly_eval
# Horner's scheme: `c0 + x * (c1 + x * (c2 + x * c3))`. Start from the last coefficient and
# repeat: multiply by `x`, add the next coefficient down.
# ---
# Allocate the result once, `np.full_like(x, coeffs[-1])` (the shape and dtype of `x`), and
# update it in place: `result *= x` and `result += c`. `result = result * x + c` would make a
# new array at every step.


# %% [markdown]
# ## 6. Chunking to stay under a budget
#
# When the full `(n, m, d)` temporary of a pairwise computation does not fit (or should not:
# other programs need memory too), compute it a block of rows at a time. The loop is in
# Python, but each block is a large vectorised operation, so the loop runs only a few dozen
# times; the cell below times both versions, so you can see what the loop costs on your
# machine (smaller blocks can even be faster, as they stay in the CPU caches). The rows per
# block follow from the budget: a block of `k` rows makes a `(k, m, d)` difference array of
# `k * m * d * itemsize` bytes.
#
# Below, each row of `a` is matched with its nearest row of `b`, first all at once, then in
# blocks sized to a budget of 1 MB. One trap is shown too: a name that still holds the
# previous block's array while the next one is made (`diff` below, with `release=False`)
# raises the peak; the cell prints by how much.


# %%
rng = np.random.default_rng(0)
cloud_a = rng.random((1000, 3))
cloud_b = rng.random((800, 3))


def nearest_all_at_once(a, b):
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt((diff**2).sum(axis=-1).min(axis=1))


def nearest_blocks(a, b, max_bytes, release=True):
    rows = max(1, max_bytes // (2 * b.shape[0] * b.shape[1] * 8))
    out = np.empty(len(a))
    for start in range(0, len(a), rows):
        diff = a[start : start + rows, np.newaxis, :] - b[np.newaxis, :, :]
        diff **= 2
        out[start : start + rows] = np.sqrt(diff.sum(axis=-1).min(axis=1))
        if release:
            del diff  # otherwise it is still alive while the next block is made
    return out


budget = 1_000_000
full, peak_full = peak_memory(nearest_all_at_once, cloud_a, cloud_b)
chunked, peak_chunked = peak_memory(nearest_blocks, cloud_a, cloud_b, budget)
_, peak_kept = peak_memory(nearest_blocks, cloud_a, cloud_b, budget, release=False)
print(f"all at once:            peak {peak_full:>11,} bytes")
print(f"blocks, budget {budget:,}: peak {peak_chunked:>11,} bytes")
print(f"blocks, diff kept:      peak {peak_kept:>11,} bytes = {peak_kept / peak_chunked:.2f} x")
rows = max(1, budget // (2 * cloud_b.shape[0] * cloud_b.shape[1] * 8))
print(
    f"one block: {rows} rows, a difference array of {rows * cloud_b.size * 8:,} bytes,"
    f" its row sums {rows * len(cloud_b) * 8:,} bytes"
)
print("same answers:", np.allclose(full, chunked))
times = {
    name: min(timeit.repeat(call, number=1, repeat=3))
    for name, call in [
        ("all at once", lambda: nearest_all_at_once(cloud_a, cloud_b)),
        ("in blocks", lambda: nearest_blocks(cloud_a, cloud_b, budget)),
    ]
}
for name, seconds in times.items():
    print(f"{name:12} {seconds * 1e3:7.1f} ms per call (best of 3)")
fast, slow = sorted(times, key=times.get)
print(f"faster here: {fast}, by {times[slow] / times[fast]:.2f} x")

# %% [markdown]
# With `del diff`, a block's difference array lives alongside its row sums at most; without
# it, the previous block's difference array is still alive while the next one is being
# made, so two difference arrays, the largest arrays of a block, exist at once.
#
# Blocks help with plain elementwise expressions too. Evaluate `2 * x**2 + 3 * x + 1` a
# block of elements at a time, into slices of a result allocated once, and every temporary
# is only block-sized (and, when a block fits in the CPU cache, each temporary is still in
# the cache when the next operation reads it). The `numexpr` package does this for you: it
# compiles the expression and evaluates it over small blocks, on several threads. It is not
# part of this course's environment, so the cell below does it by hand:


# %%
def quadratic_blocked(x, block=65_536):
    out = np.empty_like(x)
    for start in range(0, len(x), block):
        part = x[start : start + block]
        out[start : start + block] = 2 * part**2 + 3 * part + 1
    return out


for f in (quadratic_plain, quadratic_blocked):
    res, peak = peak_memory(f, big)
    seconds = min(timeit.repeat(lambda: f(big), number=3, repeat=3)) / 3  # noqa: B023
    print(f"{f.__name__:17} peak = {peak / big.nbytes:.2f} x the size of x, {seconds * 1e3:.1f} ms")
print("same values:", np.allclose(quadratic_blocked(big), quadratic_plain(big)))
del res

# %% [markdown]
# ### Exercise 7: nearest neighbours on a tight budget
#
# Write `nearest_distances(a, b, max_bytes)` that returns a 1-D float64 array whose entry `i`
# is the distance from row `i` of `a` (shape `(n, d)`) to the nearest row of `b` (shape
# `(m, d)`, `m` at least 1; `a` may have no rows, and then the result is empty), for arrays
# of any layout (sliced, stepped, reversed, F-ordered) and either byte order. The peak
# memory of your call, as `tracemalloc` measures it, must stay under `max_bytes`, with some
# slack for the result, one float per row of `b` and small temporaries: the hidden test
# allows `1.1 * max_bytes + 8 * (n + m) + 64_000` bytes. It measures memory on arrays in the
# machine's byte order only (for the other order, NumPy's own conversions may need more, and
# only the values are tested). Here the budget is tighter than in the demo: `max_bytes` can be
# smaller than `b` itself, so even a single row's difference array `a[i] - b` (shape
# `(m, d)`) may not fit, and `nearest_blocks` cannot meet it. It is always at least
# `32 * m` bytes: room for four rows of `m` float64. Combine exercise 5's expansion with
# blocks of rows of `a`, and count **every** array alive at once, those that compute the
# squared norms included.
#
# Unlike exercise 5, this one does not ask for accuracy far from the origin: centred copies
# of `a` and `b` can be larger than the budget. The hidden tests use points near the origin
# (coordinates of at most a few tens, spread of about 1 to 10), where the expansion is
# accurate; far from it, your distances would lose digits as section 4 shows.


# %% solution id=nearest_distances
def nearest_distances(a, b, max_bytes):
    ### BEGIN SOLUTION
    m = b.shape[0]
    rows = max(1, max_bytes // (2 * m * 8))
    b_sq = np.vecdot(b, b)  # |b_j|^2 without a b-sized temporary
    out = np.empty(len(a), dtype=np.float64)
    for start in range(0, len(a), rows):
        block = a[start : start + rows]
        sq = block @ b.T  # (rows, m)
        sq *= -2.0
        sq += b_sq
        nearest = sq.min(axis=1)
        nearest += np.vecdot(block, block)
        np.maximum(nearest, 0.0, out=nearest)
        out[start : start + rows] = np.sqrt(nearest)
        del sq
    return out
    ### END SOLUTION


# %% tests id=test_nearest_distances points=3
import numpy as np

from npmem.checks import check_close

a_small = np.array([[0.0, 0.0], [10.0, 10.0], [4.0, 0.0]])
b_small = np.array([[1.0, 0.0], [10.0, 7.0]])
check_close(
    nearest_distances(a_small, b_small, 10_000),
    np.array([1.0, 3.0, 3.0]),
    "nearest_distances(a_small, b_small, 10_000)",
)
check_close(
    nearest_distances(a_small, b_small, 64),
    np.array([1.0, 3.0, 3.0]),
    "nearest_distances(a_small, b_small, 64)",
)

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, check_equal, hidden_rng, quietly
from npmem.measure import peak_memory

rng = hidden_rng("test_nearest_distances")


def _expected(a, b):  # exact differences, 16 rows of a at a time
    out = np.empty(len(a))
    for start in range(0, len(a), 16):
        diff = a[start : start + 16, np.newaxis, :] - b[np.newaxis, :, :]
        out[start : start + 16] = np.sqrt((diff**2).sum(axis=-1).min(axis=1))
    return out


for _ in range(6):
    n, m, d = int(rng.integers(1, 40)), int(rng.integers(1, 40)), int(rng.integers(1, 6))
    a = rng.standard_normal((n, d))
    b = rng.standard_normal((m, d))
    for budget in (32 * m, 2_000, 10**6):
        call = f"nearest_distances(a {a.shape}, b {b.shape}, {budget})"
        got = quietly(nearest_distances, a, b, budget)
        check_close(got, _expected(a, b), call, rtol=1e-6)
        check_equal(str(got.dtype), "float64", call + ".dtype")
        check_close(
            quietly(nearest_distances, a[::-1], b.T.copy().T, budget),
            _expected(a[::-1], b),
            call.replace("a ", "reversed a ", 1),
            rtol=1e-6,
        )
# near-coincident points: rounding can push the expansion of a tiny distance below 0
pts = rng.standard_normal((200, 4)) * 10 + 5
near = pts + 1e-9 * rng.standard_normal(pts.shape)
call = "nearest_distances(pts, pts + 1e-9 * noise, 6_400)"
got = quietly(nearest_distances, pts, near, 32 * 200)
check_equal(int(np.isnan(got).sum()), 0, f"number of NaN in {call}")
check_close(got, _expected(pts, near), call, atol=1e-5)
# no rows in a, one point, one coordinate, big-endian data
for a, b in [
    (np.zeros((0, 3)), rng.standard_normal((5, 3))),
    (rng.standard_normal((4, 2)), rng.standard_normal((1, 2))),
    (rng.standard_normal((1, 3)), rng.standard_normal((9, 3))),
    (rng.standard_normal((7, 1)), rng.standard_normal((6, 1))),
    (rng.standard_normal((8, 3)).astype(">f8"), rng.standard_normal((5, 3)).astype(">f8")),
]:
    call = f"nearest_distances({a.dtype.str} a {a.shape}, b {b.shape}, {32 * len(b)})"
    got = quietly(nearest_distances, a, b, 32 * len(b))
    check_close(got, _expected(a, b), call, rtol=1e-6)
    check_equal(str(got.dtype), "float64", call + ".dtype")
for n, m, d, budget in [
    (100, 1000, 32, 100_000),  # first: a wrong answer here stays small (25 MB)
    (200, 1500, 48, 150_000),
    (1001, 250, 3, 2_000_000),
    (600, 50, 400, 400_000),  # wide rows: a copy of a block of a would not fit
    (300, 400, 20, 60_000),  # laid out differently below
]:
    a = rng.standard_normal((n, d))
    b = rng.standard_normal((m, d))
    label = ""
    if n == 300:
        a, b, label = a[::-1], np.asfortranarray(b), "reversed "
    call = f"nearest_distances({label}a {a.shape}, {'F-ordered ' * bool(label)}b {b.shape},"
    call += f" {budget:,})"
    got, peak = peak_memory(quietly, nearest_distances, a, b, budget)
    check_close(got, _expected(a, b), call, rtol=1e-6)
    check_at_most(peak, 1.1 * budget + 8 * (n + m) + 64_000, f"peak memory of {call}")
# stepped rows and columns of both
a = rng.standard_normal((300, 48))[::-1, ::2]
b = rng.standard_normal((900, 24))[::2]
call = f"nearest_distances(stepped a {a.shape}, stepped b {b.shape}, 60,000)"
got, peak = peak_memory(quietly, nearest_distances, a, b, 60_000)
check_close(got, _expected(a, b), call, rtol=1e-6)
check_at_most(peak, 1.1 * 60_000 + 8 * (300 + 450) + 64_000, f"peak memory of {call}")
### END HIDDEN TESTS

# %% hint id=nearest_distances
# A block of `k` rows of `a` against all of `b` makes `(k, m)` arrays: `block @ b.T` and
# whatever you add to it. Choose `k` so that two such arrays fit in `max_bytes` (never fewer
# than 1 row). Only the minimum over `b` of each row is needed, so `|a_i|^2` can be added
# after the minimum, to `k` numbers instead of `k * m`.
# ---
# `(b * b).sum(axis=1)` first makes the `b`-sized array `b * b`, already over budget; the
# squared norms without a temporary are `np.vecdot(b, b)` (or `np.einsum("ij,ij->i", b, b)`).
# Compute them once, before the loop. In each block: `sq = block @ b.T`, `sq *= -2.0`,
# `sq += b_sq`, then the row minima, plus `np.vecdot(block, block)`, clipped at 0, square
# root, into `out[start:start + k]`.


# %% [markdown]
# ## Summary
#
# * Shapes are compared from the right; a missing axis or a 1 stretches, anything else must
#   match, or NumPy raises `ValueError`.
# * `np.newaxis`, `reshape` and `keepdims=True` put an array's axis where broadcasting needs
#   it: outer operations and centring need no loops.
# * A stretched axis has stride 0: `np.broadcast_to` makes a read-only view that costs no
#   memory, whatever `nbytes` says.
# * `np.tile`, `np.repeat`, `np.meshgrid` and `np.mgrid` materialise what broadcasting
#   would only pretend; measure with `tracemalloc` before you trust a one-liner.
# * Each operator makes a temporary; `out=`, in-place operators and Horner-style rewrites
#   keep memory at one array. Temporary elision reuses some temporaries (large arrays, not
#   on Windows): welcome, but never something to count on.
# * In-place operators cast with `same_kind`: float into int raises, but int64 into int8
#   wraps around silently.
# * A pairwise computation can hold `d` times its result at once. Algebra
#   (`|a|^2 + |b|^2 - 2 a.b`, one matrix product) removes the `(n, m, d)` temporary, but its
#   terms cancel far from the origin: centre both clouds on a common centre first.
#   `np.einsum` contracts without materialising products (`optimize=True` trades memory for
#   speed); SciPy's `cdist` computes each distance from the differences, in compiled code.
# * Blocks sized to a budget bound the rest, for pairwise and for elementwise work (what
#   `numexpr` automates); let each block's arrays go before the next.
#
# **Next:** `04-views`, where you decide when a result may share memory with its input.

# %% check
