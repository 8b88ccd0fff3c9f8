# %% [markdown]
# # 05 · Memory-mapped files: arrays bigger than your memory
#
# Every array so far lived in memory your process allocated. `np.memmap` builds an array on
# top of a **file** instead: the operating system maps the file's bytes into your address
# space, and reads a page (4 KiB) from disk only when you touch it. The array has the usual
# dtype, shape and strides; the file is its buffer. This is how you work with data sets
# larger than your RAM, and how several processes share one array without copying it.
#
# **What you'll do**
#
# 1. Open a file with the four `np.memmap` modes (`r`, `r+`, `w+`, `c`), and see exactly what
#    each does to the bytes on disk; make writes durable with `flush()`.
# 2. Give raw bytes a dtype, a shape, a memory order and an `offset`; let a `.npy` header
#    remember them for you (`np.load(..., mmap_mode=...)`, `np.lib.format.open_memmap`).
# 3. Experiment safely with copy-on-write maps, and protect data with read-only ones.
# 4. Watch resident memory grow page by page as a map is read, and compute a mean, a
#    variance and a histogram of a file in one streaming pass whose extra memory stays
#    tiny, measured with `tracemalloc`.
# 5. Release maps properly: there is no `close()`, and a small view keeps the whole map alive.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on fresh files (other dtypes, shapes and sizes, larger files with a memory
# budget), so write the general rule, not the answers to the examples. *Validate* (in the
# toolbar) runs every visible test at once.
#
# **Files.** Everything this notebook writes goes into a temporary directory that is deleted
# at the end, never next to the notebook: data files do not belong in your submission. The
# tests make their own temporary directories and hand your functions a path.
#
# Every number printed below is measured on the machine running this notebook. Memory maps
# need a real operating system underneath: run this on a server kernel (Binder, JupyterHub,
# your laptop), not in a browser-only JupyterLite.

# %% readonly id=setup
import os
import tempfile
import tracemalloc
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from npmem.explorers.memmap import memmap_explorer
from npmem.memmap_blocks import is_mapped, resident_bytes

# %% [markdown]
# All the demonstration files live here; the last cell of the notebook deletes them.

# %%
workdir = tempfile.TemporaryDirectory(prefix="npmem-05-")
tmp = Path(workdir.name)
print("scratch directory:", tmp)

# %% [markdown]
# ## 1. A map is a window onto a file
#
# `np.memmap(path, dtype, mode, shape)` returns an array whose buffer *is* the file. Mode
# `"w+"` creates the file (or empties an existing one) at exactly `shape × itemsize` bytes,
# filled with zeros. Writing into the array writes into the file.

# %%
path = tmp / "demo.f32"
mm = np.memmap(path, dtype=np.float32, mode="w+", shape=(3, 4))
print("file size right after opening:", path.stat().st_size, "bytes =", mm.size, "items x",
      mm.itemsize, "bytes")
mm[:] = np.arange(12, dtype=np.float32).reshape(3, 4)
mm.flush()
print("first 16 bytes on disk:", path.read_bytes()[:16].hex(" ", 4))
print("read back without a map:", np.fromfile(path, dtype=np.float32))

# %% [markdown]
# A `memmap` is an `ndarray` subclass, so everything you know applies. Slices are still
# `memmap`s (views onto the same file); the result of arithmetic is new memory, so it comes
# back as a plain `ndarray`.

# %%
print("mm[1:]     ->", type(mm[1:]).__name__, " shares the file:", np.shares_memory(mm[1:], mm))
print("mm + 1     ->", type(mm + 1).__name__)
print("mm.sum()   ->", type(mm.sum()).__name__)
print("filename", Path(mm.filename).name, " mode", repr(mm.mode), " offset", mm.offset)
del mm

# %% [markdown]
# ### The four modes
#
# | mode | the file must exist | you can write | writes go to |
# |---|---|---|---|
# | `"r"` | yes | no: assignment raises `ValueError` | nowhere |
# | `"r+"` (the default) | yes | yes | the file |
# | `"w+"` | no: created or **emptied**, `shape` required | yes | the file |
# | `"c"` (copy-on-write) | yes | yes | private memory of this process; the file never changes |
#
# Below, each mode opens the same 12-float file and tries to write `-1` into the first item.
# Then we read the file itself, without a map, to see what reached the disk.

# %%
for mode in ["r", "r+", "c", "w+"]:
    np.arange(12, dtype=np.float32).tofile(path)  # reset the file
    m = np.memmap(path, dtype=np.float32, mode=mode, shape=(12,))
    try:
        m[0] = -1
        outcome = f"map now starts {m[:3]}"
    except ValueError as err:
        outcome = f"ValueError: {err}"
    m.flush()
    del m
    print(f"mode {mode!r:5} {outcome:45} file starts {np.fromfile(path, np.float32)[:3]}")

# %% [markdown]
# Mode `"w+"` is the dangerous one: opening an existing file with it throws away the
# contents, before you write anything. Use it only to create files.
#
# ### `flush()`
#
# A write through an `"r+"` or `"w+"` map changes a page of the operating system's page
# cache, which every process on this machine reading the file sees at once. The disk itself
# is updated later, when the OS gets round to it. `mm.flush()` asks for it now (it calls
# `msync`): do it when a write must survive a crash or be read from another machine, and
# before you hand the file to someone else. A `"c"` map has nothing to flush to the file,
# and an `"r"` map nothing to flush at all.
#
# ### Exercise 1: patch a file in place
#
# The file at `path` holds a raw 1-D array of `dtype` (no header). Write
# `patch_file(path, dtype, index, values)` that performs `arr[index] = values` on that array
# **in the file itself**, flushes, and returns `None`. `index` is anything NumPy accepts
# (an integer, a list of positions, a slice). Map the file: do not read it all into memory
# and write it back. The hidden tests patch files of several megabytes under a small memory
# budget.

# %% solution id=patch_file
def patch_file(path, dtype, index, values):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm[index] = values
    mm.flush()
    del mm
    ### END SOLUTION

# %% tests id=test_patch_file points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal

with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "ten.i4"
    np.arange(10, dtype=np.int32).tofile(p)
    check_equal(patch_file(p, np.int32, [1, 3], [-1, -3]), None, "patch_file(ten.i4, ...)")
    check_array(
        np.fromfile(p, dtype=np.int32),
        np.array([0, -1, 2, -3, 4, 5, 6, 7, 8, 9], dtype=np.int32),
        "file after patch_file(arange(10) int32, [1, 3], [-1, -3])",
    )
    check_equal(p.stat().st_size, 40, "file size after patch_file(10 x int32)")

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most
from npmem.measure import peak_memory

rng = np.random.default_rng()

with tempfile.TemporaryDirectory() as d:
    for dtype in ["i1", "u2", "i4", "f4", "f8", "c8"]:
        n = int(rng.integers(2_000, 3_000)) * 1024 // np.dtype(dtype).itemsize + int(
            rng.integers(0, 7)
        )
        data = (rng.random(n) * 100).astype(dtype)
        p = Path(d) / f"data.{dtype}"
        data.tofile(p)
        for index in [
            int(rng.integers(0, n)),
            [int(k) for k in rng.choice(n, size=5, replace=False)],
            slice(int(rng.integers(0, 10)), None, int(rng.integers(50_000, 90_000))),
        ]:
            values = np.asarray(rng.random(np.empty(n)[index].shape) * 50).astype(dtype)
            expected = data.copy()
            expected[index] = values
            call = f"patch_file({dtype} file of {n} items, index={index!r})"
            result, peak = peak_memory(patch_file, p, np.dtype(dtype), index, values)
            check_equal(result, None, call)
            check_array(np.fromfile(p, dtype=dtype), expected, f"file after {call}")
            check_equal(p.stat().st_size, data.nbytes, f"file size after {call}")
            check_at_most(peak, 256 * 1024, f"extra memory (tracemalloc peak) of {call}")
            data = expected
### END HIDDEN TESTS

# %% hint id=patch_file
# `np.memmap(path, dtype=dtype, mode="r+")` maps the existing file for reading and writing
# without reading it; without `shape` it maps the whole file as a 1-D array.
# ---
# Assign `mm[index] = values`, call `mm.flush()`, and drop the map (`del mm`). Never `"w+"`
# here: it empties the file before you write.


# %% [markdown]
# ## 2. Raw bytes: dtype, shape, order and offset are up to you
#
# A raw file is only bytes. Nothing in it says "float32" or "3 × 4": whoever opens it must
# know. Open the same 48 bytes wrongly and you get nonsense, with no error.

# %%
np.arange(12, dtype=np.float32).tofile(path)
print(np.memmap(path, dtype=np.float32, mode="r", shape=(3, 4)))
print(np.memmap(path, dtype=np.float32, mode="r", shape=(3, 4), order="F"))
print(np.memmap(path, dtype=np.int32, mode="r", shape=(3, 4)))

# %% [markdown]
# `order="F"` reads the same bytes column by column. With no `shape`, you get a 1-D array of
# everything from `offset` to the end of the file.
#
# Many formats put a header in front of the data. `offset` (in **bytes**) skips it. Below,
# a file has a 16-byte header and then float32 data; a second map starts 16 bytes further,
# exactly four float32 items into the data.

# %%
header_path = tmp / "with_header.bin"
with open(header_path, "wb") as f:
    f.write(b"MYFORMAT v1\x00\x00\x00\x00\x00")  # 16 bytes of header
    np.arange(20, dtype=np.float32).tofile(f)
data = np.memmap(header_path, dtype=np.float32, mode="r", offset=16)
later = np.memmap(header_path, dtype=np.float32, mode="r", offset=16 + 16, shape=(8,))
print("after the header:", data[:6], "...", data.size, "items")
print("offset 32, 8 items:", later, " .offset =", later.offset)
del data, later

# %% [markdown]
# A map made with an `offset` covers only its own bytes (the OS rounds the start down to a
# page boundary, NumPy hides that). A slice of a whole-file map shows the same values but
# keeps the whole file mapped, and its `.offset` is still the parent's. When you only need
# a block of a huge file, map that block.
#
# ### Exercise 2: map a block of rows
#
# The file at `path` starts with `header` bytes (whatever they contain), followed by a
# C-ordered 2-D table of `dtype` with `n_cols` columns. Write
# `read_rows(path, dtype, n_cols, start, stop, header=0)` returning a **read-only**
# `np.memmap` of the rows `start:stop` (with `0 <= start < stop <=` the number of rows),
# shape `(stop - start, n_cols)`. Map only those rows: use `offset` and `shape`, not a slice
# of a bigger map.

# %% solution id=read_rows
def read_rows(path, dtype, n_cols, start, stop, header=0):
    ### BEGIN SOLUTION
    row_bytes = n_cols * np.dtype(dtype).itemsize
    return np.memmap(
        path,
        dtype=dtype,
        mode="r",
        offset=header + start * row_bytes,
        shape=(stop - start, n_cols),
    )
    ### END SOLUTION

# %% tests id=test_read_rows points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal, check_raises


def _write_first(m):
    m[0, 0] = 0


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "table.bin"
    table = np.arange(40, dtype=np.int32).reshape(10, 4)
    with open(p, "wb") as f:
        f.write(b"H" * 8)
        table.tofile(f)
    got = read_rows(p, np.int32, 4, 2, 5, header=8)
    call = "read_rows(int32 table 10x4 after an 8-byte header, rows 2:5)"
    check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
    check_array(np.asarray(got), table[2:5], call)
    check_equal(got.offset, 8 + 2 * 4 * 4, f"{call}.offset")
    check_equal(got.flags.writeable, False, f"{call}.flags.writeable")
    check_raises(ValueError, _write_first, got, call=f"{call}[0, 0] = 0")
    del got

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
with tempfile.TemporaryDirectory() as d:
    for k in range(12):
        dtype = np.dtype(str(rng.choice(["i1", "i2", "u4", "f4", "f8", "c16"])))
        rows, n_cols = int(rng.integers(5, 60)), int(rng.integers(1, 10))
        header = int(rng.choice([0, 1, 7, 16, 100, 4096, int(rng.integers(1, 5000))]))
        table = (rng.random((rows, n_cols)) * 120).astype(dtype)
        p = Path(d) / f"table{k}.bin"
        with open(p, "wb") as f:
            f.write(rng.integers(0, 256, size=header, dtype=np.uint8).tobytes())
            table.tofile(f)
        spans = [(0, rows), (rows - 1, rows), (0, 1)]
        start = int(rng.integers(0, rows - 1))
        spans.append((start, int(rng.integers(start + 1, rows + 1))))
        for start, stop in spans:
            call = (
                f"read_rows({dtype} table {rows}x{n_cols} after {header} header bytes, "
                f"rows {start}:{stop})"
            )
            got = read_rows(p, dtype, n_cols, start, stop, header=header)
            check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
            check_array(np.asarray(got), table[start:stop], call)
            check_equal(got.offset, header + start * n_cols * dtype.itemsize, f"{call}.offset")
            check_equal(got.flags.writeable, False, f"{call}.flags.writeable")
            del got
### END HIDDEN TESTS

# %% hint id=read_rows
# One row is `n_cols * np.dtype(dtype).itemsize` bytes, so row `start` begins
# `header + start * row_bytes` bytes into the file.
# ---
# `np.memmap(path, dtype=dtype, mode="r", offset=..., shape=(stop - start, n_cols))`.


# %% [markdown]
# ## 3. `.npy` files: a header that remembers
#
# Remembering dtype, shape and order by hand is error-prone. A `.npy` file starts with a
# small header that records them, then the raw data. `np.save` writes one; `np.load` with
# `mmap_mode` (`"r"`, `"r+"`, `"c"`, or `"w+"`) maps the data instead of reading it, and
# works out the offset from the header.

# %%
npy_path = tmp / "grid.npy"
np.save(npy_path, np.arange(12, dtype=np.int16).reshape(3, 4))
loaded = np.load(npy_path, mmap_mode="r")
print(type(loaded).__name__, loaded.dtype, loaded.shape, "data starts at byte", loaded.offset)
print("header:", npy_path.read_bytes()[: loaded.offset].rstrip())
del loaded

# %% [markdown]
# To *create* a big `.npy` without first building the array in memory, use
# `np.lib.format.open_memmap(path, mode="w+", dtype=..., shape=..., fortran_order=...)`: it
# writes the header and hands you a writeable map of the (zero-filled) data to fill in
# pieces. A Fortran-ordered array is stored column by column, and the header says so.

# %%
big_npy = tmp / "filled.npy"
out = np.lib.format.open_memmap(big_npy, mode="w+", dtype=np.float64, shape=(1000, 3),
                                fortran_order=True)
for col in range(3):  # fill one column at a time: contiguous in Fortran order
    out[:, col] = np.linspace(col, col + 1, 1000)
out.flush()
del out
back = np.load(big_npy, mmap_mode="r")
print(back.shape, back.dtype, "F-contiguous:", back.flags.f_contiguous, " last row:", back[-1])
del back

# %% [markdown]
# ### Exercise 3: save through a map, reopen read-only
#
# Write `save_and_map(path, arr)` that stores `arr` (any dtype and shape with at least one
# element, C- or Fortran-ordered, maybe non-contiguous) as a `.npy` file at `path` using
# `np.lib.format.open_memmap`, then returns the file reopened with
# `np.load(..., mmap_mode=...)` as a **read-only** map. Keep the memory order: an array that
# is Fortran-contiguous (and not C-contiguous) must be stored in Fortran order, anything
# else in C order, as `np.save` would.

# %% solution id=save_and_map
def save_and_map(path, arr):
    ### BEGIN SOLUTION
    fortran = arr.flags.f_contiguous and not arr.flags.c_contiguous
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=fortran
    )
    out[...] = arr
    out.flush()
    del out
    return np.load(path, mmap_mode="r")
    ### END SOLUTION

# %% tests id=test_save_and_map points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal


def _load_npy(p, call):
    try:
        return np.load(p)
    except Exception as err:
        raise AssertionError(
            f"np.load after {call}: expected a .npy file, got {type(err).__name__}: {err}"
        ) from None


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "x.npy"
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    call = "save_and_map(x.npy, float32 2x3)"
    got = save_and_map(p, x)
    check_array(_load_npy(p, call), x, f"np.load(x.npy) after {call}")
    check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
    check_array(np.asarray(got), x, call)
    check_equal(got.flags.writeable, False, f"{call}.flags.writeable")
    del got

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
with tempfile.TemporaryDirectory() as d:
    for k in range(8):
        dtype = str(rng.choice(["i1", "<i2", ">i4", "u8", "f4", ">f8", "c8", "?"]))
        shape = tuple(int(n) for n in rng.integers(1, 7, size=int(rng.integers(1, 4))))
        base = (rng.random(shape) * 100).astype(dtype)
        for label, arr in [
            ("C array", base),
            ("Fortran array", np.asfortranarray(base)),
            ("transposed", base.T),
            ("stepped", base[..., ::2]),
            ("reversed", base[::-1]),
        ]:
            p = Path(d) / f"a{k}.npy"
            call = f"save_and_map({label} {np.dtype(dtype).str} shape={arr.shape})"
            got = save_and_map(p, arr)
            on_disk = _load_npy(p, call)
            check_array(on_disk, arr, f"np.load after {call}")
            want_f = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
            if arr.ndim > 1 and arr.shape != (1,) * arr.ndim:
                check_equal(
                    bool(on_disk.flags.f_contiguous and not on_disk.flags.c_contiguous),
                    want_f,
                    f"stored in Fortran order after {call}",
                )
            check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
            check_array(np.asarray(got), arr, call)
            check_equal(got.flags.writeable, False, f"{call}.flags.writeable")
            del got, on_disk
### END HIDDEN TESTS

# %% hint id=save_and_map
# `np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
# fortran_order=...)` creates the `.npy` file, header included, and returns a writeable map of
# its data.
# ---
# `fortran_order` is true only when `arr.flags.f_contiguous and not arr.flags.c_contiguous`.
# Copy with `out[...] = arr`, `flush()`, drop the writeable map, then return
# `np.load(path, mmap_mode="r")`.


# %% [markdown]
# ## 4. Copy-on-write and read-only maps
#
# Mode `"c"` gives you a writeable array whose writes never reach the file. The OS shares
# the file's pages until you write to one; then it copies *that page* into private memory.
# It is the safe way to try out an edit, to clean a data set for one analysis, or to let a
# function that insists on writing run on data you must not change. Mode `"r"` is the
# opposite guarantee: nothing can write through the map at all.

# %%
np.arange(12, dtype=np.float32).tofile(path)
before = path.read_bytes()
scratch = np.memmap(path, dtype=np.float32, mode="c")
scratch[scratch > 5] = 0  # edit freely...
print("the map now holds:", scratch)
print("the file is unchanged:", path.read_bytes() == before)
print("a fresh map sees:  ", np.memmap(path, dtype=np.float32, mode="r"))
del scratch

# %% [markdown]
# ### Exercise 4: a clipped preview that leaves the file alone
#
# Write `clipped_preview(path, dtype, lo, hi)`: the file at `path` holds a raw 1-D array of
# `dtype`. Map it **copy-on-write**, clip every value into `[lo, hi]` inside the map itself
# (`np.clip(..., out=...)` does it in place), and return the map (an `np.memmap`). The bytes
# of the file must not change.

# %% solution id=clipped_preview
def clipped_preview(path, dtype, lo, hi):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="c")
    np.clip(mm, lo, hi, out=mm)
    return mm
    ### END SOLUTION

# %% tests id=test_clipped_preview points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal

with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "values.i2"
    values = np.array([-5, 0, 3, 8, 12, 7], dtype=np.int16)
    values.tofile(p)
    call = "clipped_preview(int16 [-5, 0, 3, 8, 12, 7], 0, 8)"
    got = clipped_preview(p, np.int16, 0, 8)
    check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
    check_array(np.asarray(got), np.array([0, 0, 3, 8, 8, 7], dtype=np.int16), call)
    check_equal(p.read_bytes() == values.tobytes(), True, f"file unchanged after {call}")
    del got

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
with tempfile.TemporaryDirectory() as d:
    lo8 = float(rng.normal())
    for dtype, lo, hi in [
        ("i1", -20, 20),
        ("u2", 1000, 50_000),
        ("i4", -(10**6), 10**5),
        ("f4", -0.5, 0.25),
        ("f8", lo8, lo8 + float(rng.uniform(0.5, 3.0))),
    ]:
        info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
        n = int(rng.integers(100_000, 1_000_000))
        if info is not None:
            data = rng.integers(info.min, info.max, size=n, endpoint=True).astype(dtype)
        else:
            data = rng.normal(size=n).astype(dtype)
        p = Path(d) / f"v.{dtype}"
        data.tofile(p)
        raw = p.read_bytes()
        call = f"clipped_preview({dtype} file of {n} items, {lo}, {hi})"
        got = clipped_preview(p, np.dtype(dtype), lo, hi)
        check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
        check_array(np.asarray(got), np.clip(data, lo, hi).astype(dtype), call)
        check_equal(p.read_bytes() == raw, True, f"file unchanged after {call}")
        del got
### END HIDDEN TESTS

# %% hint id=clipped_preview
# Mode `"c"` (copy-on-write) maps the file so that your writes change private copies of the
# pages, never the file.
# ---
# `mm = np.memmap(path, dtype=dtype, mode="c")`, then `np.clip(mm, lo, hi, out=mm)`, and
# return `mm`.


# %% [markdown]
# ## 5. Pages become resident as you touch them
#
# Mapping a file costs almost nothing: the OS only records that this range of addresses
# belongs to the file. Each page is read (and counted in your process's **resident set
# size**, RSS) the first time you touch it. Let's watch. First a data file of 128 MiB,
# written a piece at a time so that it never sits in memory whole.

# %%
big_path = tmp / "big.f8"
n_items = 16 * 2**20  # 16 Mi float64 items = 128 MiB
piece = 2**20
rng = np.random.default_rng()
with open(big_path, "wb") as f:
    for start in range(0, n_items, piece):
        rng.normal(10.0, 3.0, size=min(piece, n_items - start)).tofile(f)
print(f"file size: {big_path.stat().st_size / 2**20:.0f} MiB")

# %% [markdown]
# Now map it, read it 8 MiB at a time, and record RSS after every chunk. At the same time
# `tracemalloc` records what Python and NumPy *allocate*: map pages are not allocations,
# so it does not see them.

# %%
MiB = 2**20
rss_start = resident_bytes()
big = np.memmap(big_path, dtype=np.float64, mode="r")
rss_mapped = resident_bytes()
chunk = 2**20  # items per chunk: 8 MiB of float64
read_mib, rss_growth = [0.0], [0.0]
total = 0.0
tracemalloc.start()
for start in range(0, big.size, chunk):
    total += float(big[start : start + chunk].sum())
    read_mib.append(min(start + chunk, big.size) * big.itemsize / MiB)
    rss_growth.append((resident_bytes() - rss_mapped) / MiB)
traced_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"mapping {big.nbytes / MiB:.0f} MiB changed RSS by {(rss_mapped - rss_start) / MiB:.1f} MiB")
print(f"after reading every chunk, RSS had grown by {rss_growth[-1]:.1f} MiB")
print(f"tracemalloc peak during the pass: {traced_peak / 1024:.1f} KiB")
print(f"mean of the file: {total / big.size:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot([0, read_mib[-1]], [0, read_mib[-1]], "--", color="grey", label="resident = bytes read")
ax.plot(read_mib, rss_growth, "o-", color="#d1495b", markersize=3, label="measured RSS growth")
ax.set_xlabel("MiB of the file read so far")
ax.set_ylabel("RSS growth (MiB)")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# RSS climbs with the bytes read, one chunk at a time, while `tracemalloc` reports
# almost nothing. Those resident pages are *clean* copies of the file: when memory runs
# short the OS simply drops them (it can always read them again), which is why a map can be
# larger than your RAM. Releasing the map gives them back at once:

# %%
del big
print(f"after del: RSS is {(resident_bytes() - rss_mapped) / MiB:+.1f} MiB from when the map"
      " was fresh")

# %% [markdown]
# Use the explorer to see the same thing for other chunk sizes and access orders. It writes
# its own 64 MiB file of random bytes, maps it afresh for each choice and measures RSS after
# every chunk. Blocks are the chunks of the file: blue ones have been read, orange is the
# latest; the slider replays the pass; "measure again" repeats the measurement.
#
# Things to try: "random order" ends where a sequential pass ends, by another path. "Every
# other chunk" reads half the file, but is only half the file resident? Try it with 1 MiB
# and with 16 MiB chunks. RSS counts the pages the OS has *mapped* for you, and when you
# touch one page the kernel may map its neighbours too, if they are already in memory (it
# calls this fault-around; recent kernels also cache files in units larger than a page).
# The dashed line is what you touched; the red one is what the OS decided to map.

# %%
memmap_explorer()

# %% [markdown]
# ## 6. A file bigger than your budget: one streaming pass
#
# RSS is the OS's business; what you control is how much memory your code *allocates*
# while it runs over a map. Here is a 32 MiB file, and the `tracemalloc` peak of four ways
# to compute with it.

# %%
mid_path = tmp / "mid.f8"
rng.normal(5.0, 2.0, size=4 * 2**20).tofile(mid_path)
mid = np.memmap(mid_path, dtype=np.float64, mode="r")


def traced_peak_of(func):
    tracemalloc.start()
    tracemalloc.reset_peak()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def chunked_sum_of_squares(m, chunk=2**16):
    total = 0.0
    for start in range(0, m.size, chunk):
        block = m[start : start + chunk]
        total += float(np.dot(block, block))
    return total


ways = {
    "np.fromfile(path).mean()": lambda: np.fromfile(mid_path).mean(),
    "mid.mean()": lambda: mid.mean(),
    "mid.var()": lambda: mid.var(),
    "sum of squares, 64 Ki items at a time": lambda: chunked_sum_of_squares(mid),
}
print(f"file: {mid.nbytes / MiB:.0f} MiB")
for name, func in ways.items():
    print(f"{name:40} peak {traced_peak_of(func) / MiB:8.3f} MiB")
del mid

# %% [markdown]
# Reading the file into an array costs the whole file, of course. `mid.mean()` is a plain
# reduction: NumPy reads through the map in small buffers and allocates next to nothing.
# But `mid.var()` computes `x - x.mean()` for the whole array first: a temporary as big as
# the file. A chunked loop allocates at most a few chunks' worth of temporaries at a time,
# however big the file is (`np.dot` here needs none at all).
#
# To compute a variance in chunks, keep three numbers per chunk: its count $n_b$, mean
# $\bar x_b$ and sum of squared deviations $M_b = \sum (x - \bar x_b)^2$. Two parts
# $a$ and $b$ combine exactly (Chan, Golub and LeVeque):
#
# $$n = n_a + n_b,\qquad \delta = \bar x_b - \bar x_a,\qquad
#   \bar x = \bar x_a + \delta\,\frac{n_b}{n},\qquad
#   M = M_a + M_b + \delta^2\,\frac{n_a n_b}{n},$$
#
# and at the end the (population) variance is $M / n$. Averaging the chunks' variances is
# *not* the same: it forgets how far the chunk means lie from each other. Summing $x$ and
# $x^2$ in `float64` also works for well-scaled data, but never square in a small integer
# dtype: `int16` squares overflow silently.
#
# ### Exercise 5: streaming mean and variance
#
# Write `stream_mean_var(path, dtype, chunk)` for a raw 1-D file of `dtype` (integers or
# floats) at `path`. Return `(mean, variance)` as two floats, the population variance
# (`ddof=0`), as `np.mean(x, dtype=np.float64)` and `np.var(x, dtype=np.float64)` would give.
# Read the file through a map, at most `chunk` items at a time, in one pass. The tests
# measure your function's `tracemalloc` peak on files of tens of megabytes: it must stay
# within a few chunks' worth of `float64`, far below the file size.

# %% solution id=stream_mean_var
def stream_mean_var(path, dtype, chunk):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="r")
    n, mean, m2 = 0, 0.0, 0.0
    for start in range(0, mm.size, chunk):
        block = mm[start : start + chunk].astype(np.float64)
        nb = block.size
        mb = float(block.mean())
        block -= mb
        m2b = float(np.dot(block, block))
        total = n + nb
        delta = mb - mean
        mean += delta * nb / total
        m2 += m2b + delta * delta * n * nb / total
        n = total
    del mm
    return mean, m2 / n
    ### END SOLUTION

# %% tests id=test_stream_mean_var points=3
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_at_most, check_equal
from npmem.measure import peak_memory


def _check_stats(got, data, call):
    expected = (float(np.mean(data, dtype=np.float64)), float(np.var(data, dtype=np.float64)))
    ok = isinstance(got, tuple) and len(got) == 2
    ok = ok and all(isinstance(v, (float, np.floating)) for v in got)
    ok = ok and np.allclose(got, expected, rtol=1e-7, atol=1e-9)
    if not ok:
        raise AssertionError(f"{call}: expected (mean, variance) = {expected}, got {got!r}")


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "ten.f8"
    small = np.arange(10, dtype=np.float64)
    small.tofile(p)
    _check_stats(stream_mean_var(p, np.float64, 4), small, "stream_mean_var(arange(10), chunk=4)")

    p = Path(d) / "eight_mib.f8"
    data = np.random.default_rng().normal(3.0, 2.0, size=2**20)
    data.tofile(p)
    call = "stream_mean_var(8 MiB float64 file, chunk=65536)"
    got, peak = peak_memory(stream_mean_var, p, np.float64, 2**16)
    _check_stats(got, data, call)
    check_at_most(peak, 4 * 2**20, f"extra memory (tracemalloc peak) of {call}")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
with tempfile.TemporaryDirectory() as d:
    chunk = 2**16
    cases = [
        ("f8", 3 * 2**20 + int(rng.integers(1, chunk))),
        ("f4", 5 * 2**20 + int(rng.integers(1, chunk))),
        ("i2", 7 * 2**20 + 1),
        ("i4", 4 * 2**20),
    ]
    for dtype, n in cases:
        # a drift makes the chunk means differ, so the chunks must be combined correctly
        drift = np.linspace(0.0, float(rng.uniform(20, 200)), n)
        values = rng.normal(float(rng.uniform(-50, 50)), float(rng.uniform(1, 30)), size=n) + drift
        if np.dtype(dtype).kind == "i":
            values = values * 20
        data = values.astype(dtype)
        del values, drift
        p = Path(d) / f"big.{dtype}"
        data.tofile(p)
        size = f"{data.nbytes / 2**20:.1f} MiB"
        call = f"stream_mean_var({size} {dtype} file of {n} items, chunk={chunk})"
        got, peak = peak_memory(stream_mean_var, p, np.dtype(dtype), chunk)
        _check_stats(got, data, call)
        check_at_most(peak, 4 * 2**20, f"extra memory (tracemalloc peak) of {call}")
        del data
        p.unlink()
    smalls = [(1, 4), (7, 7), (8, 7), (13, 5), (1000, 1), (int(rng.integers(2, 500)), 3)]
    for n, small_chunk in smalls:
        data = rng.integers(-300, 300, size=n).astype("i2")
        p = Path(d) / "small.i2"
        data.tofile(p)
        got = stream_mean_var(p, np.int16, small_chunk)
        _check_stats(got, data, f"stream_mean_var(int16 file of {n} items, chunk={small_chunk})")
### END HIDDEN TESTS

# %% hint id=stream_mean_var
# Map the file read-only and loop over `range(0, mm.size, chunk)`. Convert each block with
# `mm[start:start + chunk].astype(np.float64)`: a copy of one chunk, never of the file.
# ---
# For each block compute its count, its mean and `M_b`, the sum of squared deviations from
# its own mean (subtract the mean in place, then `np.dot(block, block)`), and fold them into
# the running `(n, mean, M)` with the formulas above. Return `mean` and `M / n` as floats.


# %% [markdown]
# ### Exercise 6: a histogram in one pass
#
# Write `stream_histogram(path, dtype, bins, lo, hi, chunk)` returning the counts of a
# histogram of the raw 1-D file at `path`, equal to `np.histogram(x, bins, range=(lo, hi))[0]`
# for the whole file: `bins` equal-width bins over `[lo, hi]`, the last bin including `hi`,
# values outside the range not counted. Return an integer array of length `bins`. Read at
# most `chunk` items at a time; the same memory budget as above applies. (Every chunk must
# use the same bin edges.)

# %% solution id=stream_histogram
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="r")
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, mm.size, chunk):
        counts += np.histogram(mm[start : start + chunk], bins=bins, range=(lo, hi))[0]
    del mm
    return counts
    ### END SOLUTION

# %% tests id=test_stream_histogram points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_at_most
from npmem.measure import peak_memory


def _check_counts(got, data, bins, lo, hi, call):
    expected = np.histogram(data, bins=bins, range=(lo, hi))[0]
    if not (isinstance(got, np.ndarray) and got.dtype.kind in "iu"):
        raise AssertionError(f"{call}: expected an integer array of counts, got {got!r}")
    check_array(got, expected, call, dtype=False)


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "ten.i4"
    small = np.arange(10, dtype=np.int32)
    small.tofile(p)
    got = stream_histogram(p, np.int32, 3, 0, 9, 4)
    call = "stream_histogram(arange(10), 3 bins over [0, 9], chunk=4)"
    check_array(got, np.array([3, 3, 4]), call, dtype=False)

    p = Path(d) / "eight_mib.f8"
    data = np.random.default_rng().normal(size=2**20)
    data.tofile(p)
    call = "stream_histogram(8 MiB float64 file, 20 bins over [-2, 2], chunk=65536)"
    got, peak = peak_memory(stream_histogram, p, np.float64, 20, -2.0, 2.0, 2**16)
    _check_counts(got, data, 20, -2.0, 2.0, call)
    check_at_most(peak, 4 * 2**20, f"extra memory (tracemalloc peak) of {call}")

### BEGIN HIDDEN TESTS
rng = np.random.default_rng()
with tempfile.TemporaryDirectory() as d:
    chunk = 2**16
    for dtype, n in [("f8", 3 * 2**20 + 17), ("f4", 5 * 2**20 + int(rng.integers(1, chunk))),
                     ("i2", 6 * 2**20 + 3), ("u1", 20 * 2**20 + 5)]:
        if np.dtype(dtype).kind in "iu":
            top = 200 if dtype == "u1" else 5000
            data = rng.integers(0, top + 1, size=n).astype(dtype)
            lo, hi = int(rng.integers(0, top // 4)), int(rng.integers(top // 2, top))
        else:
            data = rng.normal(0.0, 1.0, size=n).astype(dtype)
            lo, hi = float(rng.uniform(-3, -1)), float(rng.uniform(0, 2))
            data[:: 1 + n // 50] = hi  # values exactly on the top edge count in the last bin
            data[1 :: 1 + n // 50] = lo
        bins = int(rng.integers(3, 60))
        p = Path(d) / f"h.{dtype}"
        data.tofile(p)
        call = (f"stream_histogram({data.nbytes / 2**20:.1f} MiB {dtype} file, {bins} bins over "
                f"[{lo}, {hi}], chunk={chunk})")
        got, peak = peak_memory(stream_histogram, p, np.dtype(dtype), bins, lo, hi, chunk)
        _check_counts(got, data, bins, lo, hi, call)
        check_at_most(peak, 8 * 2**20, f"extra memory (tracemalloc peak) of {call}")
        del data
        p.unlink()
    for n, small_chunk in [(1, 5), (9, 3), (10, 3), (int(rng.integers(20, 400)), 7)]:
        data = rng.integers(-10, 11, size=n).astype("i8")
        p = Path(d) / "small.i8"
        data.tofile(p)
        call = f"stream_histogram(int64 file of {n} items, 4 bins on [-10, 10], chunk={small_chunk})"
        got = stream_histogram(p, np.int64, 4, -10, 10, small_chunk)
        _check_counts(got, data, 4, -10, 10, call)
### END HIDDEN TESTS

# %% hint id=stream_histogram
# `np.histogram(values, bins=bins, range=(lo, hi))` with a fixed `range` uses the same edges
# for every chunk, so the chunks' counts simply add up.
# ---
# Start from `counts = np.zeros(bins, dtype=np.int64)` and add
# `np.histogram(mm[start:start + chunk], bins=bins, range=(lo, hi))[0]` for every chunk of a
# read-only map.


# %% [markdown]
# ## 7. Releasing a map; the file stays the source of truth
#
# `np.memmap` has no `close()`. The map is released when the last array that uses it is
# garbage-collected: the memmap itself **and every view of it**. (The underlying `mmap`
# object is a private attribute; closing it by hand while views exist would leave them
# pointing at unmapped memory.) `is_mapped(path)` below reads this process's list of maps
# from the OS.

# %%
np.arange(1000, dtype=np.float64).tofile(path)
m = np.memmap(path, dtype=np.float64, mode="r")
first = m[:3]  # a view: it keeps the whole map alive
del m
print("after del m:            mapped =", is_mapped(path), " first =", first)
del first
print("after del first:        mapped =", is_mapped(path))

kept = np.array(np.memmap(path, dtype=np.float64, mode="r")[:3])  # a copy owns its bytes
print("keeping a copy instead: mapped =", is_mapped(path), " owns its data:", kept.flags.owndata)

# %% [markdown]
# Why care? A map you forgot holds the file open: on Windows the file cannot be deleted or
# replaced, everywhere it pins address space and keeps stale data in your hands. And the file
# is the source of truth: an `"r+"` writer elsewhere changes what a shared map shows, while a
# copy stays as it was. Re-open the file when you need its current contents.
#
# ### Exercise 7: take a small copy, leave no map behind
#
# Write `head_copy(path, dtype, n_cols, k)`: the file at `path` holds a raw C-ordered table of
# `dtype` with `n_cols` columns. Return its first `k` rows (`0 <= k <=` the number of rows) as
# a plain `np.ndarray` of shape `(k, n_cols)` that **owns its data**, and make sure that no map
# of the file is left open when your function returns. Do not read more of the file than you
# need: the hidden tests use files of several megabytes and a small memory budget.

# %% solution id=head_copy
def head_copy(path, dtype, n_cols, k):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="r")
    rows = mm[: k * n_cols].reshape(k, n_cols)
    result = np.array(rows)
    del mm, rows
    return result
    ### END SOLUTION

# %% tests id=test_head_copy points=2
import tempfile
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal
from npmem.memmap_blocks import is_mapped

with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "table.f4"
    table = np.arange(30, dtype=np.float32).reshape(10, 3)
    table.tofile(p)
    call = "head_copy(float32 table 10x3, k=2)"
    got = head_copy(p, np.float32, 3, 2)
    check_equal(type(got).__name__, "ndarray", f"type({call})")
    check_array(got, table[:2], call)
    check_equal(got.flags.owndata, True, f"{call}.flags.owndata")
    check_equal(is_mapped(p), False, f"file still mapped after {call}")
    del got

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most
from npmem.measure import peak_memory

rng = np.random.default_rng()

with tempfile.TemporaryDirectory() as d:
    for j in range(5):
        dtype = np.dtype(str(rng.choice(["i1", "i2", "f4", "f8", "c16"])))
        n_cols = int(rng.integers(1, 12))
        rows = 6 * 2**20 // (n_cols * dtype.itemsize) + int(rng.integers(0, 5))
        table = (rng.random((rows, n_cols)) * 100).astype(dtype)
        p = Path(d) / f"t{j}.bin"
        table.tofile(p)
        for k in [int(rng.integers(1, 50)), 1, 0]:
            call = f"head_copy({dtype} table {rows}x{n_cols}, k={k})"
            got, peak = peak_memory(head_copy, p, dtype, n_cols, k)
            check_equal(type(got).__name__, "ndarray", f"type({call})")
            check_array(got, table[:k], call)
            check_equal(got.flags.owndata, True, f"{call}.flags.owndata")
            check_equal(is_mapped(p), False, f"file still mapped after {call}")
            budget = 64 * 1024 + got.nbytes
            check_at_most(peak, budget, f"extra memory (tracemalloc peak) of {call}")
            del got
        small = table[:7]
        q = Path(d) / f"s{j}.bin"
        small.tofile(q)
        got = head_copy(q, dtype, n_cols, 7)
        check_array(got, small, f"head_copy({dtype} table 7x{n_cols}, k=7)")
        # the copy is independent of the file: rewriting the file does not change it
        np.zeros_like(small).tofile(q)
        check_array(got, small, "head_copy(...) result after the file was overwritten")
        del table, got
        p.unlink()
### END HIDDEN TESTS

# %% hint id=head_copy
# The first `k` rows are the first `k * n_cols` items of the file. Map it read-only, slice
# those items and reshape them to `(k, n_cols)`.
# ---
# `np.array(rows)` copies them into an array that owns its data. Then drop every name that
# still refers to the map (`del mm, rows`) before you return. `k = 0` must work: a slice of
# length 0 is fine, a map of length 0 is an error.


# %% [markdown]
# ## Summary
#
# * `np.memmap` makes a file the buffer of an array. Modes: `"r"` read-only, `"r+"` read and
#   write the file, `"w+"` create (or empty!) it, `"c"` copy-on-write: private edits, file
#   untouched. `flush()` pushes writes to disk.
# * Raw files carry no metadata: you supply `dtype`, `shape`, `order` and an `offset` in bytes.
#   A `.npy` header remembers them: `np.load(..., mmap_mode=...)` to open,
#   `np.lib.format.open_memmap` to create.
# * Mapping is nearly free; pages become resident only as you touch them, and clean pages can
#   be dropped by the OS again. `tracemalloc` does not see them.
# * Process a big file in chunks and combine per-chunk results (counts, means, squared
#   deviations, histograms with fixed edges): the extra memory is a few chunks, whatever the
#   file size. Beware of whole-array temporaries such as `x.var()`.
# * There is no `close()`: `del` the map and every view of it. Copy what you want to keep.
#
# **Next:** `06-leaks`, where memory that should have been released is not.

# %%
workdir.cleanup()

# %% check
