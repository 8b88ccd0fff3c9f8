# %% [markdown]
# # 05 · Memory-mapped files: arrays bigger than your memory
#
# Every array so far lived in memory your process allocated. `np.memmap` builds an array on
# top of a **file** instead: the operating system maps the file's bytes into your address
# space, and brings the file's bytes into memory only when you touch them, in whole **pages**
# (how big a page is, and how much more than the page you touched the OS brings in, is
# measured below). The
# array has the usual dtype, shape and strides; the file is its buffer. This is how you work
# with data sets larger than your RAM, and how several processes share one array without
# copying it.
#
# **What you'll do**
#
# 1. Open a file with the four `np.memmap` modes (`r`, `r+`, `w+`, `c`), and see exactly what
#    each does to the bytes on disk; know what `flush()` protects you from (and what it does
#    not).
# 2. Give raw bytes a dtype, a shape, a memory order and an `offset`; let a `.npy` header
#    remember them for you (`np.load(..., mmap_mode=...)`, `np.lib.format.open_memmap`).
# 3. Experiment with copy-on-write maps (and see what their private pages cost), and
#    protect data with read-only ones.
# 4. Tell the OS's **page cache** from your process's resident memory (RSS) on a cold file,
#    steer the OS with `madvise`, and count the pages a row and a column of a table touch.
# 5. Share one file between two processes through their maps, and see what survives a crash.
# 6. Compute a mean, a variance and a histogram of a file in one streaming pass whose extra
#    memory stays tiny, measured with `tracemalloc`.
# 7. Release maps properly: there is no `close()`, and a small view keeps the whole map alive.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on fresh files (other dtypes, shapes and sizes, larger files with a memory
# budget), so write the general rule, not the answers to the examples. *Validate* (in the
# toolbar) runs every visible test at once.
#
# **Files.** Everything this notebook writes (at most a few tens of MiB at a time) goes
# into a temporary directory that is deleted at the end: data files do not belong in your
# submission. Section 5 needs files that live on a disk, and the usual place for temporary
# files (`$TMPDIR`, `/tmp`) is a `tmpfs`, a file system in memory, on many Linux systems. So
# the setup cell takes the first of `/tmp`, `/var/tmp` and the notebook's own folder whose
# file system is not in memory (on Linux it can tell; elsewhere it takes `/tmp`) and makes
# the temporary directory there. The tests make their own temporary directories and hand
# your functions a path.
#
# Every number printed below is measured on the machine running this notebook. Memory maps
# need a real operating system underneath: run this on a server kernel (Binder, JupyterHub,
# your laptop), not in a browser-only JupyterLite. The measurements of pages (sections 4, 5
# and 8) read Linux's `/proc`; on macOS or Windows those lines say "unknown", and the text
# says what those systems do.

# %% readonly id=setup
import mmap
import multiprocessing
import os
import signal
import tempfile
import time
import tracemalloc
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from npmem import pagecache
from npmem.explorers.memmap import memmap_explorer
from npmem.memmap_blocks import is_mapped, resident_bytes

MiB = 2**20
# All the demonstration files live in this scratch directory; the last cell deletes it.
workdir, scratch_fs = pagecache.scratch_directory([None, "/var/tmp", Path.cwd()], "npmem-05-")
tmp = Path(workdir.name)
in_memory = scratch_fs in pagecache.MEMORY_FILESYSTEMS
print(f"scratch directory {tmp} on a file system of type {scratch_fs or 'unknown here'}")

# %% [markdown]
# ## 1. A map is a window onto a file
#
# `np.memmap(path, dtype, mode, shape)` returns an array whose buffer *is* the file. Mode
# `"w+"` creates the file (or empties an existing one) at exactly `shape × itemsize` bytes,
# filled with zeros. Writing into the array writes into the file.

# %%
path = tmp / "demo.f32"
mm = np.memmap(path, dtype=np.float32, mode="w+", shape=(3, 4))
print(
    "file size right after opening:",
    path.stat().st_size,
    "bytes =",
    mm.size,
    "items x",
    mm.itemsize,
    "bytes",
)
mm[:] = np.arange(12, dtype=np.float32).reshape(3, 4)
mm.flush()
print("first 16 bytes on disk:", path.read_bytes()[:16].hex(" ", 4))
print("read back without a map:", np.fromfile(path, dtype=np.float32))
del mm

# %% [markdown]
# A `memmap` is an `ndarray` subclass, so everything you know applies. Slices (and other
# views: `reshape`, `.T`) are still `memmap`s onto the same file. The result of a ufunc
# (`mm + 1`, `np.sqrt(mm)`) comes back as a plain `ndarray`. But the type alone does not tell
# you whether an array uses the file: `mm.copy()` is new memory, yet NumPy keeps the
# subclass, so it is an `np.memmap` that maps nothing (its private `_mmap` attribute, the
# Python `mmap` object behind a real map, is `None`, and so are its `filename` and `mode`).
# Ask the array instead: `np.shares_memory(arr, mm)` says whether it uses the file's bytes.

# %%
path = tmp / "demo.f32"
np.arange(12, dtype=np.float32).tofile(path)
mm = np.memmap(path, dtype=np.float32, mode="r+", shape=(3, 4))
for label, arr in [
    ("mm[1:]", mm[1:]),
    ("mm.T", mm.T),
    ("mm + 1", mm + 1),
    ("mm.copy()", mm.copy()),
    ("np.array(mm)", np.array(mm)),
]:
    print(
        f"{label:13} -> {type(arr).__name__:7} shares the file: "
        f"{np.shares_memory(arr, mm)!s:5}  has a map: {getattr(arr, '_mmap', None) is not None}"
    )
print("mm.sum()      ->", type(mm.sum()).__name__)
print("filename", Path(mm.filename).name, " mode", repr(mm.mode), " offset", mm.offset)
print("mm.copy(): filename", mm.copy().filename, " mode", mm.copy().mode)
del mm

# %% [markdown]
# ### The four modes
#
# | mode | the file must exist | you can write | writes go to |
# |---|---|---|---|
# | `"r"` | yes | no: assignment raises `ValueError` | nowhere |
# | `"r+"` (the default) | yes (a bigger `shape` **extends** it) | yes | the file |
# | `"w+"` | no: created or **emptied**, `shape` required | yes | the file |
# | `"c"` (copy-on-write) | yes | yes | private memory of this process; the file never changes |
#
# Below, each mode opens the same 12-float file and tries to write `-1` into the first item.
# Then we read the file itself, without a map, to see what reached the disk.

# %%
path = tmp / "demo.f32"
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
# contents, before you write anything. Use it only to create files. And a `shape` that asks
# for more bytes than the file has is an error only in mode `"r"`; `"r+"` silently makes the
# file longer (zeros at the end), so a wrong `shape` damages the file instead of failing:

# %%
path = tmp / "demo.f32"
np.arange(12, dtype=np.float32).tofile(path)
for mode in ["r", "r+"]:
    try:
        m = np.memmap(path, dtype=np.float32, mode=mode, shape=(1000,))
        outcome = f"a map of {m.size} items"
        del m
    except ValueError as err:
        outcome = f"ValueError: {err}"
    print(
        f"mode {mode!r:5} shape=(1000,) on a 48-byte file: {outcome}; "
        f"the file now has {path.stat().st_size} bytes"
    )

# %% [markdown]
#
# ### `flush()`
#
# A write through an `"r+"` or `"w+"` map changes a page of the operating system's **page
# cache**, the kernel's copy of the file in memory, which every process on this machine
# reading the file sees at once (section 6 shows it with two processes). The disk itself is
# updated later, when the kernel gets round to it. Two kinds of crash are different here:
#
# * **Your process** crashes (an exception you do not catch, `kill -9`, a segfault): the write
#   is *not* lost. The dirty page belongs to the kernel, not to your process, and the kernel
#   writes it out in its own time (section 6 kills a process that never flushed).
# * **The operating system** crashes or the power goes: pages not yet written out are lost.
#
# `mm.flush()` asks the OS to write the map's dirty pages to the file now. How far that goes
# depends on the OS, because Python's `mmap.flush()` makes a single call:
#
# * Linux and other Unixes: `msync(MS_SYNC)`, which returns once the data of those pages
#   has been written to the device. On macOS, as with `fsync`, the drive may still hold it
#   in its own cache (only `fcntl(F_FULLFSYNC)` empties that, and Python's map never calls
#   it).
# * Windows: `FlushViewOfFile` only. Microsoft's documentation says it *starts* writing the
#   pages and returns without waiting for the disk, and does not write the file's metadata;
#   durability needs `FlushFileBuffers` as well, which `flush()` never calls.
# * Nowhere does it save the file's **directory entry**: a file just created with `"w+"` can
#   still vanish in an OS crash until its directory is synced too (on Unix,
#   `os.fsync` of a descriptor opened on the directory).
#
# So `flush()` is the step that makes a write durable on Linux, not a guarantee
# everywhere. Call it at a point where the file is consistent, and before the file is read
# from another machine (a network file system). A `"c"` map has nothing to flush to the
# file, and an `"r"` map nothing at all.
#
# ### Exercise 1: patch a file in place
#
# The file at `path` holds a raw 1-D array of `dtype` (no header). Write
# `patch_file(path, dtype, index, values)` that performs `arr[index] = values` on that array
# **in the file itself**, then calls the map's `flush()`, and returns `None`. A missing
# `flush()` changes nothing that a running machine can see (every reader gets the page
# cache), so the hidden tests read your function's code: it must call `flush`, and call it
# **after** the write (a `flush()` before it has nothing to write yet; the hidden tests
# read the file at the moment your map's `flush()` runs). `index`
# is anything NumPy accepts (an integer, a list of positions, a slice). Map the file: do not
# read it all into memory and write it back. The hidden tests patch files of a megabyte or
# more under a memory budget far smaller than the file.


# %% solution id=patch_file
def patch_file(path, dtype, index, values):
    ### BEGIN SOLUTION
    mm = np.memmap(path, dtype=dtype, mode="r+")
    mm[index] = values
    mm.flush()
    ### END SOLUTION


# %% tests id=test_patch_file points=2
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal

with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "ten.i4"
    np.arange(10, dtype=np.int32).tofile(p)
    call = "patch_file(arange(10) int32, [1, 3], [-1, -3])"
    check_equal(patch_file(p, np.int32, [1, 3], [-1, -3]), None, call)
    check_array(
        np.fromfile(p, dtype=np.int32),
        np.array([0, -1, 2, -3, 4, 5, 6, 7, 8, 9], dtype=np.int32),
        f"file after {call}",
    )
    check_equal(p.stat().st_size, 40, f"file size after {call}")

### BEGIN HIDDEN TESTS
import inspect
import mmap
import sys

from npmem.checks import check_at_most, hidden_rng
from npmem.measure import peak_memory

rng = hidden_rng("test_patch_file")


def _calls_flush(func):
    """Whether the code of `func` (or of a function defined inside it) calls `.flush`."""
    codes = [inspect.unwrap(func).__code__]  # unwrap: the grader may wrap the function
    while codes:
        code = codes.pop()
        if "flush" in code.co_names:
            return True
        codes += [c for c in code.co_consts if hasattr(c, "co_names")]
    return False


check_equal(_calls_flush(patch_file), True, "patch_file's code calls flush() (the map's)")


def _file_at_flushes(p, *args):
    """Call patch_file(p, *args); the file's bytes each time a map of it is flushed."""
    seen = []

    def watch(frame, event, arg):  # the map's flush() ends in mmap.mmap.flush, a C call
        if event == "c_call" and isinstance(getattr(arg, "__self__", None), mmap.mmap):
            if getattr(arg, "__name__", "") == "flush":
                seen.append(p.read_bytes())  # a shared map's writes are in the file at once

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        patch_file(p, *args)
    finally:
        sys.setprofile(previous)
    return seen


with tempfile.TemporaryDirectory() as d:
    for dtype in ["i2", ">f8"]:
        data = rng.integers(0, 100, size=int(rng.integers(2_000, 5_000))).astype(dtype)
        p = Path(d) / f"order.{dtype}"
        for index in [int(rng.integers(0, data.size)), [3, 1, data.size - 1], slice(2, None, 97)]:
            data.tofile(p)
            values = -1 - np.arange(data[index].size).astype(dtype).reshape(data[index].shape)
            expected = data.copy()
            expected[index] = values
            call = f"patch_file({dtype} file of {data.size} items, index={index!r})"
            seen = _file_at_flushes(p, np.dtype(dtype), index, values)
            check_equal(
                bool(seen) and seen[-1] == expected.tobytes(),
                True,
                f"the file holds the patch when the map's last flush() runs in {call}",
            )

with tempfile.TemporaryDirectory() as d:
    for dtype in ["i1", "u2", ">i4", "f4", ">f8", "c8"]:
        n = int(rng.integers(1_000, 1_500)) * 1024 // np.dtype(dtype).itemsize + int(
            rng.integers(0, 7)
        )
        data = (rng.random(n) * 100).astype(dtype)
        p = Path(d) / f"data.{dtype}"
        data.tofile(p)
        for index in [
            int(rng.integers(0, n)),
            [int(k) for k in rng.choice(n, size=5, replace=False)],
            slice(int(rng.integers(0, 10)), None, int(rng.integers(25_000, 45_000))),
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
# Assign `mm[index] = values` and call `mm.flush()`; the map goes away by itself when your
# function returns. Never `"w+"` here: it empties the file before you write.


# %% [markdown]
# ## 2. Raw bytes: dtype, shape, order and offset are up to you
#
# A raw file is only bytes. Nothing in it says "float32" or "3 × 4": whoever opens it must
# know. Open the same 48 bytes wrongly and you get nonsense, with no error.

# %%
path = tmp / "demo.f32"
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
# A map made with an `offset` covers only its own bytes (NumPy starts the OS map at the
# multiple of `mmap.ALLOCATIONGRANULARITY` just below, a page on Linux, and hides that). A
# slice of a whole-file map shows the same values but keeps the whole file mapped, and its
# `.offset` is still the parent's. When you only need a block of a huge file, map that block.
#
# ### Exercise 2: map a block of rows
#
# The file at `path` starts with `header` bytes (whatever they contain), followed by a
# C-ordered 2-D table of `dtype` with `n_cols` columns. Write
# `read_rows(path, dtype, n_cols, start, stop, header=0)` returning a **read-only**
# `np.memmap` of the rows `start:stop` (with `0 <= start < stop <=` the number of rows),
# shape `(stop - start, n_cols)`. Read-only means opened with mode `"r"` (its `.mode` is
# `"r"`, and setting `flags.writeable = True` on it raises `ValueError`): an `"r+"` or
# `"c"` map with its writeable flag turned off is not, since anyone can turn the flag back
# on. Map only those rows: use `offset` and `shape`, not a slice of a bigger map.


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
import mmap

from npmem.checks import check_at_most, hidden_rng


def _make_writeable(m):
    m.flags.writeable = True


rng = hidden_rng("test_read_rows")
with tempfile.TemporaryDirectory() as d:
    for k in range(12):
        dtype = np.dtype(str(rng.choice(["i1", ">i2", "u4", "f4", ">f8", "c16"])))
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
            check_equal(getattr(got, "mode", None), "r", f"{call}.mode")
            check_raises(ValueError, _make_writeable, got, call=f"{call}.flags.writeable = True")
            del got
    # a file without a header, and `header` left at its default
    p = Path(d) / "plain.bin"
    table = (rng.random((9, 5)) * 100).astype(np.float32)
    table.tofile(p)
    call = "read_rows(float32 table 9x5 with no header, rows 3:7), header not given"
    got = read_rows(p, np.float32, 5, 3, 7)
    check_array(np.asarray(got), table[3:7], call)
    check_equal(got.offset, 3 * 5 * 4, f"{call}.offset")
    del got
    # a bigger table: only the rows asked for may be mapped, not the rest of the file
    n_rows, n_cols, header = 4096, 16, int(rng.integers(1, 200))
    table = rng.random((n_rows, n_cols))
    p = Path(d) / "big.bin"
    with open(p, "wb") as f:
        f.write(b"h" * header)
        table.tofile(f)
    first = int(rng.integers(100, 3000))
    for start, stop in [(first, first + int(rng.integers(1, 40))), (0, 3), (n_rows - 2, n_rows)]:
        call = (
            f"read_rows(float64 table {n_rows}x{n_cols} after {header} bytes, rows {start}:{stop})"
        )
        got = read_rows(p, np.float64, n_cols, start, stop, header=header)
        check_array(np.asarray(got), table[start:stop], call)
        opened = getattr(got, "_mmap", None)
        check_equal(opened is not None, True, f"{call} is a map of the file (its ._mmap)")
        needed = (stop - start) * n_cols * 8
        check_at_most(
            len(opened),
            needed + mmap.ALLOCATIONGRANULARITY,
            f"bytes mapped by {call} (its rows are {needed:,} bytes)",
        )
        del got, opened
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
# `mmap_mode="r"`, `"r+"` or `"c"` maps the data instead of reading it, and works out the
# offset from the header. Only a `.npy` file, though: a `.npz` archive (`np.savez`) is a zip
# file, and `np.load` quietly ignores `mmap_mode` for it and reads each array into memory
# when you ask for it (last line below).

# %%
npy_path = tmp / "grid.npy"
np.save(npy_path, np.arange(12, dtype=np.int16).reshape(3, 4))
loaded = np.load(npy_path, mmap_mode="r")
print(type(loaded).__name__, loaded.dtype, loaded.shape, "data starts at byte", loaded.offset)
print("header:", npy_path.read_bytes()[: loaded.offset].rstrip())
del loaded
npz_path = tmp / "grids.npz"
np.savez(npz_path, grid=np.arange(12, dtype=np.int16).reshape(3, 4))
with np.load(npz_path, mmap_mode="r") as archive:
    print(".npz with mmap_mode='r': the array is a", type(archive["grid"]).__name__)

# %% [markdown]
# **Never `np.load(..., mmap_mode="w+")`.** NumPy accepts the mode, opens the file with it,
# and `"w+"` empties the file *before* the header can be read; then the call fails, and the
# data is gone. Here it is on a throw-away copy, in a directory of its own:

# %%
with tempfile.TemporaryDirectory() as throwaway:
    victim = Path(throwaway) / "victim.npy"
    np.save(victim, np.arange(1000, dtype=np.float64))
    size_before = victim.stat().st_size
    try:
        np.load(victim, mmap_mode="w+")
        outcome = "no error"
    except Exception as err:
        outcome = f"{type(err).__name__}: {err}"
    print(f"file size before: {size_before} bytes; np.load(mmap_mode='w+') -> {outcome}")
    print(f"file size after:  {victim.stat().st_size} bytes")

# %% [markdown]
# To *create* a big `.npy` without first building the array in memory, use
# `np.lib.format.open_memmap(path, mode="w+", dtype=..., shape=..., fortran_order=...)`: it
# writes the header and hands you a writeable map of the (zero-filled) data to fill in
# pieces. A Fortran-ordered array is stored column by column, and the header says so.

# %%
big_npy = tmp / "filled.npy"
out = np.lib.format.open_memmap(
    big_npy, mode="w+", dtype=np.float64, shape=(1000, 3), fortran_order=True
)
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
# Write `save_and_map(path, arr)` that stores `arr` (any dtype without Python objects, which
# cannot be mapped; any shape with at least one element, a 0-d array of shape `()`
# included; C- or Fortran-ordered, maybe non-contiguous) as a `.npy` file at `path` using
# `np.lib.format.open_memmap`, then returns the file reopened with
# `np.load(..., mmap_mode=...)` as a **read-only** map: mode `"r"`, as in exercise 2 (the
# map you wrote with, its writeable flag turned off, is not one). Keep the memory order: an
# array that is Fortran-contiguous (and not C-contiguous) must be stored in Fortran order,
# anything else in C order, as `np.save` would: the header's `fortran_order` is `True`
# only then (a 1-D array is both C- and Fortran-contiguous, so it is stored in C order).


# %% solution id=save_and_map
def save_and_map(path, arr):
    ### BEGIN SOLUTION
    fortran = arr.flags.f_contiguous and not arr.flags.c_contiguous
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=arr.dtype, shape=arr.shape, fortran_order=fortran
    )
    out[...] = arr
    out.flush()
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
from npmem.checks import check_raises, hidden_rng


def _header_fortran(p):
    with open(p, "rb") as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            return np.lib.format.read_array_header_1_0(f)[1]
        return np.lib.format.read_array_header_2_0(f)[1]


def _make_writeable(m):
    m.flags.writeable = True


def _check_saved(p, arr, got, call):
    on_disk = _load_npy(p, call)
    check_array(on_disk, arr, f"np.load after {call}")
    want_f = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    check_equal(_header_fortran(p), want_f, f"fortran_order in the header after {call}")
    check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
    check_array(np.asarray(got), arr, call)
    check_equal(got.flags.writeable, False, f"{call}.flags.writeable")
    check_equal(getattr(got, "mode", None), "r", f"{call}.mode")
    check_raises(ValueError, _make_writeable, got, call=f"{call}.flags.writeable = True")


rng = hidden_rng("test_save_and_map")
with tempfile.TemporaryDirectory() as d:
    for dtype in ["i1", ">i4", "f4", ">f8", "c8", "?"]:  # 0-d arrays and length-1 shapes
        base = (rng.random((1, 1)) * 100).astype(dtype)
        for label, arr in [
            ("0-d", base.reshape(())),
            ("1-D", base.reshape(1)),
            ("1x1 Fortran", np.asfortranarray(base)),
        ]:
            p = Path(d) / "small.npy"
            call = f"save_and_map({label} {np.dtype(dtype).str} shape={arr.shape})"
            got = save_and_map(p, arr)
            _check_saved(p, arr, got, call)
            del got
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
            _check_saved(p, arr, got, call)
            del got
### END HIDDEN TESTS

# %% hint id=save_and_map
# `np.lib.format.open_memmap(path, mode="w+", dtype=arr.dtype, shape=arr.shape,
# fortran_order=...)` creates the `.npy` file, header included, and returns a writeable map of
# its data.
# ---
# `fortran_order` is true only when `arr.flags.f_contiguous and not arr.flags.c_contiguous`.
# Copy with `out[...] = arr`, `flush()`, then return `np.load(path, mmap_mode="r")`.


# %% [markdown]
# ## 4. Copy-on-write and read-only maps
#
# Mode `"c"` gives you a writeable array whose writes never reach the file. The OS shares
# the file's pages until you write to one; then it copies *that page* into private memory
# of your process. It is a safe way to try out an edit on a few values, or to let a
# function that insists on writing run on data you must not change. Mode `"r"` is the
# opposite guarantee: nothing can write through the map at all.

# %%
path = tmp / "demo.f32"
np.arange(12, dtype=np.float32).tofile(path)
before = path.read_bytes()
scratch = np.memmap(path, dtype=np.float32, mode="c")
scratch[scratch > 5] = 0  # edit freely...
print("the map now holds:", scratch)
print("the file is unchanged:", path.read_bytes() == before)
print("a fresh map sees:  ", np.memmap(path, dtype=np.float32, mode="r"))
del scratch

# %% [markdown]
# The private copies have a price. A page you write through a `"c"` map stops being a page
# of the file: it is **anonymous** memory, like an array's, that only RAM (or swap) can
# hold. The clean pages of a file can be dropped when memory runs short and read again
# from the disk (section 5); a private copy cannot. So "cleaning" a data set larger than
# your RAM through a `"c"` map fills the RAM and ends in swapping or in the OS killing the
# process. A write counts even when it changes no value: `np.clip(..., out=mm)` writes every
# item. Writes through an `"r+"` map are different again: they make pages of the file
# **dirty**, and a dirty page must be written back to the disk before its memory can be
# reused, so writing far more than RAM through a map goes at the speed of the disk (Linux
# makes a process that dirties pages faster than the disk takes them wait). `flush()`
# writes them back at once.
#
# Linux shows all three in `/proc/self/smaps`, per map: `Anonymous` (private copies),
# `Private_Dirty` (pages that differ from the disk, or not yet written to it) and
# `Private_Clean`. `pagecache.mapping_memory(path)` reads those lines for one file. Below, an
# 8 MiB file, first through a `"c"` map, then through an `"r+"` map. (macOS and Windows have
# no `smaps`, and the lines say "unknown"; they behave alike: a written copy-on-write page is
# private memory, backed by swap or the paging file.)


# %%
def smaps_line(label, file):
    got = pagecache.mapping_memory(file)
    if got is None:
        print(f"{label:36} unknown (no /proc/self/smaps here)")
        return
    fields = "  ".join(f"{k} {v / MiB:4.1f}" for k, v in got.items())
    print(f"{label:36} MiB: {fields}")


cow_path = tmp / "cow.f8"
np.ones(MiB).tofile(cow_path)  # 8 MiB of 1.0
with open(cow_path, "rb") as f:
    os.fsync(f.fileno())  # write it to the disk first: its cached pages are clean
cow = np.memmap(cow_path, dtype=np.float64, mode="c")
total = float(cow.sum())
smaps_line("'c' map, every page read", cow_path)
np.clip(cow, 0.0, 2.0, out=cow)  # changes no value, writes every item
smaps_line("'c' map, after np.clip(out=)", cow_path)
del cow
rw = np.memmap(cow_path, dtype=np.float64, mode="r+")
rw[:] = 2.0
smaps_line("'r+' map, every item written", cow_path)
rw.flush()
smaps_line("'r+' map, after flush()", cow_path)
del rw

# %% [markdown]
# ### Exercise 4: a clipped preview that leaves the file alone
#
# Write `clipped_preview(path, dtype, lo, hi)`: the file at `path` holds a raw 1-D array of
# `dtype` (an integer or float dtype, any byte order), at least one item (an empty file
# cannot be mapped). `lo <= hi` are values of that dtype: integers for an integer file
# (anywhere in its range, up to its limits), floats for a float file, whose values may
# include `nan` and `±inf`. Map it **copy-on-write**, clip every value into `[lo, hi]` inside
# the map itself, exactly as `np.clip` does (`np.clip(..., out=...)` does it in place; a
# `nan` stays `nan`, and no value goes through another dtype on the way), and return the
# map itself (an `np.memmap` whose `.mode` is `"c"`; a copy of it, as section 1 showed,
# maps nothing). The bytes of the file must not change. Know what it
# costs: as the cell above showed, every page the clip writes becomes private memory, so
# the preview needs as much RAM (or swap) as the file is big. That is fine for a file that
# fits in memory; for a bigger one, write the cleaned values to a new file in chunks
# instead (section 7).


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
    check_equal(got.mode, "c", f"{call}.mode")
    check_array(np.asarray(got), np.array([0, 0, 3, 8, 8, 7], dtype=np.int16), call)
    check_equal(p.read_bytes() == values.tobytes(), True, f"file unchanged after {call}")
    del got

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_clipped_preview")
with tempfile.TemporaryDirectory() as d:
    lo8 = float(rng.normal())
    for dtype, lo, hi in [
        ("i1", -20, 20),
        ("u2", 1000, 50_000),
        ("i4", -(10**6), 10**5),
        (">i2", -300, 300),
        ("f4", -0.5, 0.25),
        ("f8", lo8, lo8 + float(rng.uniform(0.5, 3.0))),
        (">i8", -(2**63) + int(rng.integers(1, 2**40)), 2**63 - int(rng.integers(2, 2**40))),
        ("u8", int(rng.integers(1, 2**40)), 2**64 - int(rng.integers(2, 2**40))),
    ]:
        info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
        n = int(rng.integers(100_000, 1_000_000))
        if info is not None:
            kind = np.dtype(dtype).type  # native order: rng.integers takes no ">"
            data = rng.integers(info.min, info.max, n, kind, endpoint=True).astype(dtype)
            data[:4] = [info.min, info.max, lo, hi]  # the limits, and the bounds themselves
        else:
            data = rng.normal(size=n).astype(dtype)
            data[rng.choice(n, size=7, replace=False)] = [np.nan] * 5 + [np.inf, -np.inf]
        p = Path(d) / f"v.{dtype}"
        data.tofile(p)
        raw = p.read_bytes()
        call = f"clipped_preview({dtype} file of {n} items, {lo}, {hi})"
        got = clipped_preview(p, np.dtype(dtype), lo, hi)
        check_equal(isinstance(got, np.memmap), True, f"isinstance({call}, np.memmap)")
        check_equal(got.mode, "c", f"{call}.mode")
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
# ## 5. Pages: the page cache and your resident memory
#
# The operating system moves file data in **pages**. Their size is a property of the machine
# (the `mmap` module reports it):

# %%
print(f"one page here is mmap.PAGESIZE = {mmap.PAGESIZE} bytes")

# %% [markdown]
# Two different memories hold the pages of a mapped file:
#
# * the **page cache**: the kernel's own copy of file data in RAM. It is shared by every
#   process on the machine, and it stays after the file is closed and every map is gone,
#   until the memory is wanted for something else. A file that was just written or read is
#   *warm*: its pages are already there, and reading it needs no disk at all.
# * your process's **resident set** (RSS): the pages mapped into *your* address space right
#   now. Touching a map at a page that is cached only maps that page for you; touching one
#   that is not makes the kernel read it from disk first. Either way these are the page
#   cache's own pages, not copies: a file mapped by ten processes is in RAM once.
#
# To see the difference we need a **cold** file, one whose pages are not cached.
# `os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)` asks the kernel to drop a file's clean
# pages from the cache (no root needed). The course module `npmem.pagecache` wraps three
# small tools: `drop_from_cache(path)` (an `fsync`, then that call),
# `cached_bytes(path)` (asks the kernel with `mincore` which pages of the file are cached),
# and `mapped_rss(path)` (how much of the file is resident in *this* process, from
# `/proc/self/smaps`); `describe(label, path)` prints both in one line. Where the OS lacks
# one of them (macOS has neither `/proc` nor `posix_fadvise`; Windows has none of the three)
# it answers `None` (`drop_from_cache`: `False`), and the line says "unknown". On a
# file system in memory (`tmpfs`) there is no disk to read from: the file *is* its page
# cache, and dropping it does nothing. The setup cell avoided one if it could; the cell
# below says which case this machine is in.


# %%
def where(label, file):
    print(pagecache.describe(label, file))


cold_path = tmp / "cold.u8"
np.random.default_rng(0).integers(0, 256, size=32 * MiB, dtype=np.uint8).tofile(cold_path)
print(f"a {cold_path.stat().st_size / MiB:.0f} MiB file")
where("just written", cold_path)
dropped = pagecache.drop_from_cache(cold_path)
if in_memory:
    print(f"the scratch directory is on {scratch_fs}: no cold file can be shown here")
where("after POSIX_FADV_DONTNEED" if dropped else "(cannot drop it here)", cold_path)
cold = np.memmap(cold_path, dtype=np.uint8, mode="r")
where("mapped, nothing touched", cold_path)
one_byte = int(cold[cold.size // 2])
where("one byte read", cold_path)
total = int(cold.sum(dtype=np.uint64))
where("every byte read", cold_path)
del cold
where("map released", cold_path)

# %% [markdown]
# Read the lines above from the top. Writing the file leaves it in the page cache; the
# `fadvise` call asks the kernel to forget it (on `tmpfs` it cannot, and every line below
# shows a warm file). Mapping reads nothing. Then compare
# the line "one byte read" with `mmap.PAGESIZE`:
#
# * a page cache that grew by more than one page is **readahead**: on a fault the kernel
#   reads on beyond the page you asked for, betting that you will go on reading;
# * an RSS that grew by more than one page is **fault-around**: the kernel maps the cached
#   neighbours of the page you touched at the same time, to save later faults.
#
# How much of each you get depends on the kernel version and its settings, the file system
# and the device, so the numbers are this machine's. After the whole file has been read, it
# is in both. Releasing the map removes it from your RSS, and the last line shows whether it
# is still in the page cache: if it is, the next program that reads this file (or you, when
# you map it again) reads from memory, not from the disk. That is why a second pass over a
# file can be much faster than the first, and why timing "the same" read twice can give
# very different answers.
#
# ### Telling the kernel how you will read: `madvise`
#
# `madvise` tells the kernel how you are going to use a range of a map, so it can choose
# its readahead: `MADV_RANDOM` (read only what is touched), `MADV_SEQUENTIAL` (read ahead
# eagerly, you will go front to back), `MADV_WILLNEED` (start reading this range now, I will
# need it soon), `MADV_NORMAL` (the default). Python's `mmap.mmap` objects have a
# `madvise(option)` method (on Unix; the constants exist only where the OS has them).
# `np.memmap` has no such method, but the Python `mmap` object behind a map is its attribute
# `_mmap`: private (the leading underscore), so it may change in a later NumPy, and `None` on
# a copy. For code that must not depend on it, create the `mmap.mmap` yourself and wrap it
# with `np.frombuffer(mm, dtype)`.

# %%
cold_path = tmp / "cold.u8"
np.random.default_rng(0).integers(0, 256, size=32 * MiB, dtype=np.uint8).tofile(cold_path)
for advice in ["MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED"]:
    if not hasattr(mmap, advice):
        print(f"{advice:16} not available on this system")
        continue
    pagecache.drop_from_cache(cold_path)
    advised = np.memmap(cold_path, dtype=np.uint8, mode="r")
    advised._mmap.madvise(getattr(mmap, advice))
    if advice == "MADV_WILLNEED":
        # the kernel reads in the background: wait until the count stops growing (<= 1 s)
        began, seen, steady = time.perf_counter(), None, 0
        while steady < 5 and time.perf_counter() - began < 1.0:
            time.sleep(0.01)
            now = pagecache.cached_bytes(cold_path)
            steady = steady + 1 if now == seen else 0
            seen = now
        waited = time.perf_counter() - began
        print(pagecache.describe(f"{advice}, no read", cold_path), f"(after {waited:.2f} s)")
    else:
        one_byte = int(advised[advised.size // 2])
        print(pagecache.describe(f"{advice}, one byte", cold_path))
    del advised

# %% [markdown]
# Compare each line with "one byte read" in the first table. Advice is a hint: how the
# kernel acts on it (how far `MADV_SEQUENTIAL` reads ahead from one fault, for instance) is
# its own choice and changes between versions. `MADV_WILLNEED` starts reading in the
# background; the cell waits until the cached amount stops growing (or a second has
# passed) and prints where it settled. Compare it with the file's size: Linux reads at most
# a readahead window's worth for one `WILLNEED` call (a limit set per device), so on a big
# range one call may bring in only part of it, and a program that wants all of it advises
# piece by piece, ahead of where it reads. What it reads goes into the page cache, not into
# your RSS, until you touch it: the page cache and RSS are different memories.
#
# ### Layout on disk: a column of a C-ordered table touches every page
#
# The file stores the array's bytes in its memory order, and the OS reads whole pages. In a
# C-ordered table each row is contiguous. Below, each row is exactly one page long, so one
# row lives on one page, while one column has an item on *every* page. We count the pages two
# ways: computed from the items' byte offsets (`pagecache.pages_spanned`), and measured on a
# cold file after asking the kernel not to read ahead (`MADV_RANDOM`): the pages of the file
# in the page cache afterwards.

# %%
table_path = tmp / "table.f8"
n_cols = mmap.PAGESIZE // 8  # float64 items per page: one row = one page
n_rows = 2048
np.ones((n_rows, n_cols)).tofile(table_path)


def pages_read(pick):
    """Read `pick(table)` from a cold map with MADV_RANDOM; return the pages it brought in."""
    pagecache.drop_from_cache(table_path)
    table = np.memmap(table_path, dtype=np.float64, mode="r", shape=(n_rows, n_cols))
    if hasattr(mmap, "MADV_RANDOM"):
        table._mmap.madvise(mmap.MADV_RANDOM)
    needed = pick(table)
    computed = pagecache.pages_spanned(pagecache.item_offsets(needed, table), 8).size
    wanted_bytes = needed.nbytes
    np.array(needed)  # read it
    cached = pagecache.cached_pages(table_path)
    return wanted_bytes, computed, None if cached is None else int(cached.sum())


print(
    f"table {n_rows} x {n_cols} float64, C order: "
    f"{n_rows * n_cols * 8 / MiB:.0f} MiB, {n_rows} pages"
)
for label, pick in [
    ("row 700", lambda t: t[700]),
    ("column 3", lambda t: t[:, 3]),
    ("rows 0-9", lambda t: t[:10]),
]:
    wanted, computed, measured = pages_read(pick)
    print(
        f"{label:9} needs {wanted / 1024:6.0f} KiB: it lies on {computed:5} pages "
        f"({computed * mmap.PAGESIZE / 1024:6.0f} KiB); pages cached afterwards: {measured}"
    )

# %% [markdown]
# Every page that holds a byte you need must be read, so the computed count is the least the
# kernel can read (readahead can only add to it). A column needs a few KiB but costs the whole
# file. If you read a big table by columns, store it in Fortran order (or transposed), or
# read it in blocks of rows and take the columns from each block in memory.
#
# ### Watching RSS during a pass
#
# Back to resident memory. Below, a 64 MiB file is written a piece at a time (so that it
# never sits in memory whole), mapped, and read 4 MiB at a time, with RSS recorded after every
# chunk. The file was just written, so its pages are most likely still in the page cache:
# this pass maps them into your process rather than reading the disk. At the same time
# `tracemalloc` records what Python and NumPy *allocate*: map pages are not allocations, so
# it does not see them.

# %%
big_path = tmp / "big.f8"
n_items = 8 * MiB  # 8 Mi float64 items = 64 MiB
piece = MiB
rng = np.random.default_rng(1)
with open(big_path, "wb") as f:
    for start in range(0, n_items, piece):
        rng.normal(10.0, 3.0, size=min(piece, n_items - start)).tofile(f)

rss_start = resident_bytes()
big = np.memmap(big_path, dtype=np.float64, mode="r")
rss_mapped = resident_bytes()
chunk = MiB // 2  # items per chunk: 4 MiB of float64
read_mib, rss_growth = [0.0], [0.0]
total = 0.0
tracemalloc.start()
for start in range(0, big.size, chunk):
    total += float(big[start : start + chunk].sum())
    read_mib.append(min(start + chunk, big.size) * big.itemsize / MiB)
    rss_growth.append((resident_bytes() - rss_mapped) / MiB)
traced_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(
    f"file size: {big.nbytes / MiB:.0f} MiB; mapping it changed RSS by "
    f"{(rss_mapped - rss_start) / MiB:+.1f} MiB"
)
print(f"after reading every chunk, RSS had grown by {rss_growth[-1]:.1f} MiB")
print(f"tracemalloc peak during the pass: {traced_peak / 1024:.1f} KiB")
print(f"mean of the file: {total / big.size:.4f}")
del big
print(
    f"after del big: RSS is {(resident_bytes() - rss_mapped) / MiB:+.1f} MiB from when the "
    "map was fresh"
)

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot([0, read_mib[-1]], [0, read_mib[-1]], "--", color="grey", label="resident = bytes read")
ax.plot(read_mib, rss_growth, "o-", color="#d1495b", markersize=3, label="measured RSS growth")
ax.set_xlabel("MiB of the file read so far")
ax.set_ylabel("RSS growth (MiB)")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# Compare the red line with the dashed one, and the `tracemalloc` peak with the file size.
# The resident pages of a read-only map are *clean*: they hold exactly what is on disk, so
# when memory runs short the OS can drop them and read them again later, which is why a map
# can be larger than your RAM (for reading; section 4 showed what writing costs).
# The last line shows what releasing the map did to RSS.
#
# Use the explorer to see the same thing for other chunk sizes and access orders. It writes
# its own 64 MiB file of random bytes and, when the cell runs, makes one pass for every
# chunk size and order, each in a fresh map, measuring RSS after every chunk; the menus
# then only choose which pass to draw. Blocks are the chunks of the file: blue ones have
# been read, orange is the latest; the slider replays the pass; "measure again" repeats
# the pass on show in a fresh map.
#
# Things to try: does "random order" end where a sequential pass ends? "Every
# other chunk" reads half the file, but is only half the file resident? Try it with 1 MiB
# and with 16 MiB chunks, and think of fault-around. The dashed line is what you touched;
# the red one is what the OS decided to map.

# %%
memmap_explorer()

# %% [markdown]
# ## 6. Several processes, one file
#
# A shared map (modes `"r"`, `"r+"`, `"w+"`) shows the page cache directly. So two processes
# that map the same file see the same pages: a write by one is visible to the other at once,
# with no `flush()` and no re-opening. Below, the parent keeps a read-only map, and a child
# process opens the file `"r+"` and writes one item. The child is started with
# `multiprocessing`'s `"spawn"` method, which works on every OS; what it runs must live in a
# module it can import (`pagecache.write_through_map`, a few lines: map, assign, never
# flush). Starting a fresh Python takes a moment.

# %%
shared_path = tmp / "shared.f8"
np.zeros(1000).tofile(shared_path)
watch = np.memmap(shared_path, dtype=np.float64, mode="r")
spawn = multiprocessing.get_context("spawn")

child = spawn.Process(target=pagecache.write_through_map, args=(str(shared_path), 10, 42.0))
child.start()
child.join()
print(
    f"child wrote item 10 and exited with code {child.exitcode}; "
    f"the parent's read-only map now reads {watch[10]}"
)

child = spawn.Process(
    target=pagecache.write_through_map, args=(str(shared_path), 11, 43.0), kwargs={"crash": True}
)
child.start()
child.join()
print(
    f"child wrote item 11 and died (exit code {child.exitcode}) without flush(): "
    f"the map reads {watch[11]}, the file itself {np.fromfile(shared_path)[11]}"
)

with open(shared_path, "r+b") as f:  # no map at all: an ordinary write()
    f.seek(12 * 8)
    f.write(np.float64(44.0).tobytes())
print(f"after a plain write() to the file, the read-only map reads item 12 = {watch[12]}")
del watch

# %% [markdown]
# The second child is the crash of section 1: the item it wrote just before dying is in the
# file, because the page belongs to the kernel's page cache, not to the process. The third
# write used no map at all, and the read-only map shows it too: a map is not a snapshot. (A
# `"c"` map becomes one page by page: a page you have written is your private copy and no
# longer follows the file; the pages you have not written still do on Linux, but POSIX
# leaves that unspecified, so do not rely on it elsewhere.)
#
# A map does go stale when the file it was made from is **replaced**: saving a new version
# usually writes a new file and renames it over the old name, and the map still shows the old
# file (which lives on, nameless, until its last map is released). And a map is dangerous when
# the file is **truncated** under it: a page that no longer exists in the file cannot be
# read, and touching it kills the process (on Linux with the signal `SIGBUS`; the cell shows
# what your system does). The last step below runs that in a child process, which we can
# afford to lose.

# %%
shared_path = tmp / "shared.f8"
np.zeros(1000).tofile(shared_path)
old = np.memmap(shared_path, dtype=np.float64, mode="r")
new_version = tmp / "shared.new"
np.full(1000, 7.0).tofile(new_version)
try:
    os.replace(new_version, shared_path)  # the usual "save": a new file renamed over the old one
    print(
        f"after the file was replaced: the old map reads {old[0]}, a fresh map reads "
        f"{np.memmap(shared_path, dtype=np.float64, mode='r')[0]}"
    )
except PermissionError as err:  # Windows refuses to replace a file that is mapped
    print(f"this OS refuses to replace a mapped file: {err}")
del old

spawn = multiprocessing.get_context("spawn")
child = spawn.Process(target=pagecache.touch_after_truncate, args=(str(shared_path),))
child.start()
child.join()
code = child.exitcode
how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
print(f"a child that truncated its mapped file, then read the map: {how}")

# %% [markdown]
# ## 7. A file bigger than your budget: one streaming pass
#
# RSS is the OS's business; what you control is how much memory your code *allocates*
# while it runs over a map. Here is a 32 MiB file, and the `tracemalloc` peak of four ways
# to compute with it.

# %%
mid_path = tmp / "mid.f8"
np.random.default_rng(2).normal(5.0, 2.0, size=4 * MiB).tofile(mid_path)
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
# *not* the same: it forgets how far the chunk means lie from each other.
#
# Why not simply keep running sums of $x$ and $x^2$ and finish with
# $\overline{x^2} - \bar x^2$? It is the same formula on paper, but in floating point it
# subtracts two nearly equal large numbers whenever the data sit far from zero compared with
# their spread (timestamps, a sensor's offset, prices): the difference drowns in rounding
# error. Chan's merge never does that: each chunk's deviations are taken from its own mean,
# and only small quantities are squared. Below, data with mean $10^8$ and standard deviation
# 1, summed chunk by chunk in `float64`. (And never square in a small integer dtype: `int16`
# squares overflow silently.)

# %%
offset_data = np.random.default_rng(3).normal(1e8, 1.0, size=MiB)
n_total, sum_x, sum_x2 = 0, 0.0, 0.0
for block in np.array_split(offset_data, 16):
    n_total += block.size
    sum_x += float(block.sum())
    sum_x2 += float(np.dot(block, block))
naive_var = sum_x2 / n_total - (sum_x / n_total) ** 2
print(f"np.var (two passes, in memory):  {np.var(offset_data):.6f}")
print(f"running sums of x and x**2:      {naive_var:.6f}")
print("int16 [300] ** 2 =", np.array([300], dtype=np.int16) ** 2)
del offset_data

# %% [markdown]
#
# ### Exercise 5: streaming mean and variance
#
# Write `stream_mean_var(path, dtype, chunk)` for a raw 1-D file of `dtype` (integers or
# floats of any size, `float16` included) at `path`, holding at least one item (the mean of
# nothing is not a number). Return `(mean, variance)` as two floats, the population
# variance (`ddof=0`), as `np.mean(x, dtype=np.float64)` and `np.var(x, dtype=np.float64)`
# would give (relative error at most `1e-7`), also for data far from zero as in the cell
# above, whatever the file's dtype: a `float32` or `float16` sum is far too coarse for
# that, so compute in `float64`.
# Read the file through a map, at most `chunk` items at a time, in one pass. The tests
# measure your function's `tracemalloc` peak on files of several megabytes: it must stay
# within a few chunks' worth of `float64`, far below the size of the whole file as `float64`.


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
    return mean, m2 / n
    ### END SOLUTION


# %% tests id=test_stream_mean_var points=3
import tempfile
import tracemalloc
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
    data = np.random.default_rng(5).normal(3.0, 2.0, size=2**20)
    data.tofile(p)
    call = "stream_mean_var(8 MiB float64 file, chunk=65536)"
    got, peak = peak_memory(stream_mean_var, p, np.float64, 2**16)
    _check_stats(got, data, call)
    check_at_most(peak, 4 * 2**20, f"extra memory (tracemalloc peak) of {call}")

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_stream_mean_var")
with tempfile.TemporaryDirectory() as d:
    chunk = 2**16
    cases = [
        ("f8", 5 * 2**18 + int(rng.integers(1, chunk)), 0.0),
        ("f4", 5 * 2**18 + int(rng.integers(1, chunk)), 0.0),
        ("i2", 5 * 2**18 + 1, 0.0),
        (">i4", 5 * 2**18, 0.0),
        # far from zero compared with the spread: sums of x and x**2 cancel catastrophically
        ("f8", 5 * 2**18 + int(rng.integers(1, chunk)), float(rng.uniform(1e6, 1e8))),
        # ... and in a small float dtype, whose own sums are far too coarse
        (">f4", 5 * 2**18 + int(rng.integers(1, chunk)), float(rng.uniform(1e4, 1e5))),
        ("f2", 5 * 2**18 + int(rng.integers(1, chunk)), float(rng.uniform(1e3, 3e3))),
        # integers near the limits of int64: a sum in the file's dtype overflows
        ("i8", 2**18 + int(rng.integers(1, chunk)), 0.0),
    ]
    for dtype, n, offset in cases:
        # a drift makes the chunk means differ, so the chunks must be combined correctly
        drift = np.linspace(0.0, float(rng.uniform(20, 200)), n)
        values = rng.normal(float(rng.uniform(-50, 50)), float(rng.uniform(1, 30)), size=n) + drift
        values += offset
        if dtype == "i8":
            values = rng.integers(2**62, 2**63 - 1, size=n, dtype=np.int64)
            values[::2] = -values[::2] - 1  # down to -(2**63)
        elif np.dtype(dtype).kind == "i":
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
    data = np.array([-(2**63), 2**63 - 1, 2**63 - 1], dtype=np.int64)  # the limits of int64
    p = Path(d) / "limits.i8"
    data.tofile(p)
    _check_stats(
        stream_mean_var(p, np.int64, 2), data, f"stream_mean_var({data.tolist()}, chunk=2)"
    )
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
# values outside the range not counted. Here `x` is the file's values in their own dtype,
# as `np.fromfile(path, dtype)` gives them: for a `float32` file NumPy computes the edges in
# `float32`, so converting the values to `float64` first can move a value lying next to an
# edge into the neighbouring bin. Return the counts as an `np.int64` array of length
# `bins` (a running total in a smaller integer type would overflow silently on a big enough
# file). Read at most `chunk` items at a time; the same memory budget as above applies.
# (Every chunk must use the same bin edges.) The file may be empty: then every count is 0.
# Careful, `np.memmap` refuses to map an empty file (`ValueError: cannot mmap an empty
# file`), so check the file's size first (`os.path.getsize(path)`).


# %% solution id=stream_histogram
def stream_histogram(path, dtype, bins, lo, hi, chunk):
    ### BEGIN SOLUTION
    counts = np.zeros(bins, dtype=np.int64)
    if os.path.getsize(path) == 0:
        return counts  # an empty file cannot be mapped, and has nothing to count
    mm = np.memmap(path, dtype=dtype, mode="r")
    for start in range(0, mm.size, chunk):
        counts += np.histogram(mm[start : start + chunk], bins=bins, range=(lo, hi))[0]
    return counts
    ### END SOLUTION


# %% tests id=test_stream_histogram points=2
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_at_most
from npmem.measure import peak_memory


def _check_counts(got, data, bins, lo, hi, call):
    expected = np.histogram(data, bins=bins, range=(lo, hi))[0].astype(np.int64)
    if not isinstance(got, np.ndarray):
        raise AssertionError(f"{call}: expected an int64 array of counts, got {got!r}")
    check_array(got, expected, call)


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "ten.i4"
    small = np.arange(10, dtype=np.int32)
    small.tofile(p)
    got = stream_histogram(p, np.int32, 3, 0, 9, 4)
    call = "stream_histogram(arange(10), 3 bins over [0, 9], chunk=4)"
    check_array(got, np.array([3, 3, 4]), call, dtype=False)

    p = Path(d) / "eight_mib.f8"
    data = np.random.default_rng(6).normal(size=2**20)
    data.tofile(p)
    call = "stream_histogram(8 MiB float64 file, 20 bins over [-2, 2], chunk=65536)"
    got, peak = peak_memory(stream_histogram, p, np.float64, 20, -2.0, 2.0, 2**16)
    _check_counts(got, data, 20, -2.0, 2.0, call)
    check_at_most(peak, 4 * 2**20, f"extra memory (tracemalloc peak) of {call}")

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng

rng = hidden_rng("test_stream_histogram")
with tempfile.TemporaryDirectory() as d:
    chunk = 2**16
    for dtype, n in [
        ("f8", 2**20 + 17),
        (">f4", 2**21 + int(rng.integers(1, chunk))),
        ("i2", 2**22 + 3),
        ("u1", 2**23 + 5),
    ]:
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
        call = (
            f"stream_histogram({data.nbytes / 2**20:.1f} MiB {dtype} file, {bins} bins over "
            f"[{lo}, {hi}], chunk={chunk})"
        )
        got, peak = peak_memory(stream_histogram, p, np.dtype(dtype), bins, lo, hi, chunk)
        _check_counts(got, data, bins, lo, hi, call)
        check_at_most(peak, 8 * 2**20, f"extra memory (tracemalloc peak) of {call}")
        del data
        p.unlink()
    for n, small_chunk in [(1, 5), (9, 3), (10, 3), (int(rng.integers(20, 400)), 7)]:
        data = rng.integers(-10, 11, size=n).astype("i8")
        p = Path(d) / "small.i8"
        data.tofile(p)
        call = (
            f"stream_histogram(int64 file of {n} items, 4 bins on [-10, 10], chunk={small_chunk})"
        )
        got = stream_histogram(p, np.int64, 4, -10, 10, small_chunk)
        _check_counts(got, data, 4, -10, 10, call)
    # float32 values on and next to the (float32) edges: counted as in their own dtype
    bins, lo, hi = int(rng.integers(3, 12)), float(rng.uniform(-2, 0)), float(rng.uniform(1, 3))
    edges = np.linspace(lo, hi, bins + 1, dtype=np.float32)
    data = np.concatenate([edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    p = Path(d) / "edges.f4"
    data.tofile(p)
    call = f"stream_histogram(float32 file of the edges and their neighbours, {bins} bins"
    call += f" over [{lo}, {hi}], chunk=5)"
    _check_counts(stream_histogram(p, np.float32, bins, lo, hi, 5), data, bins, lo, hi, call)
    p = Path(d) / "empty.f8"
    p.write_bytes(b"")
    bins = int(rng.integers(2, 9))
    call = f"stream_histogram(an empty float64 file, {bins} bins over [0, 1], chunk=4)"
    _check_counts(stream_histogram(p, np.float64, bins, 0.0, 1.0, 4), np.empty(0), bins, 0, 1, call)
### END HIDDEN TESTS

# %% hint id=stream_histogram
# `np.histogram(values, bins=bins, range=(lo, hi))` with a fixed `range` uses the same edges
# for every chunk, so the chunks' counts simply add up. An empty file: return the zeros
# before you try to map it.
# ---
# Start from `counts = np.zeros(bins, dtype=np.int64)` and add
# `np.histogram(mm[start:start + chunk], bins=bins, range=(lo, hi))[0]` for every chunk of a
# read-only map.


# %% [markdown]
# ## 8. Releasing a map; the file stays the source of truth
#
# `np.memmap` has no `close()`. The map is released when the last object that uses it is
# garbage-collected: the memmap itself **and every view of it** (a view refers to the map
# through its `.base`). (The underlying `mmap` object is the private attribute `_mmap`;
# closing it by hand while views exist would leave them pointing at unmapped memory.)
#
# What does `del m` do, then? It removes one **name**, one reference to the object; it does
# not destroy anything. The object goes when its last reference goes, whichever that is: a
# second name, a view, a list that holds it. For the same reason a function never needs to
# `del` its local variables before `return`: all its local names disappear when it returns.
# What decides whether a map outlives the call is what the function *returns* (or stores
# somewhere). `is_mapped(path)` below reads this process's list of maps from the OS
# (Linux's `/proc/self/maps`; on macOS and Windows it answers `None`, unknown, and the
# tests of exercise 7 skip that check there).

# %%
path = tmp / "release.f8"
np.arange(1000, dtype=np.float64).tofile(path)


def total_of(p):
    m = np.memmap(p, dtype=np.float64, mode="r")
    return float(m.sum())  # a float: nothing refers to the map once the function returns


def first_three(p):
    m = np.memmap(p, dtype=np.float64, mode="r")
    return m[:3]  # a view: it keeps the whole map alive


if is_mapped(path) is None:
    print("this OS has no /proc/self/maps: every 'mapped' below is None (unknown)")
total = total_of(path)
print("after total_of() returned:     mapped =", is_mapped(path))
first = first_three(path)
print("after first_three() returned:  mapped =", is_mapped(path), " first =", first)
del first
print("after del first:               mapped =", is_mapped(path))

m = np.memmap(path, dtype=np.float64, mode="r")
alias = m  # a second name for the same object
del m
print("after del m (alias remains):   mapped =", is_mapped(path))
del alias
print("after del alias:               mapped =", is_mapped(path))

# %% [markdown]
# Why care? A map you forgot holds the file open: on Windows the file cannot be deleted or
# replaced while it is mapped; everywhere it pins address space; and, as section 6 showed, it
# may show a file that has since been replaced. Copy what you want to keep, and re-open the
# file when you need its current contents.
#
# ### Exercise 7: take a small copy, leave no map behind
#
# Write `head_copy(path, dtype, n_cols, k)`: the file at `path` holds a raw C-ordered table of
# `dtype` with `n_cols` columns. Return its first `k` rows (`0 <= k <=` the number of rows) as
# an array of shape `(k, n_cols)` that **owns its data** (`.flags.owndata`), and make sure
# that no map of the file is left open when your function returns. The table may have no
# rows at all (an empty file, with `k = 0`), and `np.memmap` refuses to map an empty file.
# A plain `np.ndarray` is what we have in mind; the `np.memmap` that `.copy()` returns is
# accepted too, since (as section 1 showed) it owns its bytes and maps nothing. Do not read
# more of the file than you need: the hidden tests use files of several megabytes and a
# small memory budget.


# %% solution id=head_copy
def head_copy(path, dtype, n_cols, k):
    ### BEGIN SOLUTION
    if k == 0:
        return np.empty((0, n_cols), dtype=dtype)  # needs no map (and may have no file data)
    mm = np.memmap(path, dtype=dtype, mode="r", shape=(k, n_cols))
    return np.array(mm)
    ### END SOLUTION


# %% tests id=test_head_copy points=2
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np

from npmem.checks import check_array, check_equal
from npmem.memmap_blocks import is_mapped


def _check_own_copy(got, expected, p, call):
    check_equal(isinstance(got, np.ndarray), True, f"isinstance({call}, np.ndarray)")
    check_array(np.asarray(got), expected, call)
    check_equal(got.flags.owndata, True, f"{call}.flags.owndata")
    mapped = is_mapped(p)  # None where the OS cannot tell (no /proc): that check is skipped
    if mapped is not None:
        check_equal(mapped, False, f"file still mapped after {call}")


with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "table.f4"
    table = np.arange(30, dtype=np.float32).reshape(10, 3)
    table.tofile(p)
    call = "head_copy(float32 table 10x3, k=2)"
    got = head_copy(p, np.float32, 3, 2)
    _check_own_copy(got, table[:2], p, call)
    del got

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, hidden_rng
from npmem.measure import peak_memory

rng = hidden_rng("test_head_copy")

with tempfile.TemporaryDirectory() as d:
    for j, dtype in enumerate(np.dtype(t) for t in ["i1", ">i2", "f4", ">f8", "c16"]):
        n_cols = int(rng.integers(1, 12))
        rows = 3 * 2**20 // (n_cols * dtype.itemsize) + int(rng.integers(0, 5))
        table = (rng.random((rows, n_cols)) * 100).astype(dtype)
        p = Path(d) / f"t{j}.bin"
        table.tofile(p)
        # k rows of a few hundred KiB too: reading more than k rows must not fit the budget
        for k in [int(rng.integers(2, 50)), 1, 0, rows // 8 + int(rng.integers(0, 9))]:
            call = f"head_copy({dtype} table {rows}x{n_cols}, k={k})"
            got, peak = peak_memory(head_copy, p, dtype, n_cols, k)
            _check_own_copy(got, table[:k], p, call)
            budget = 64 * 1024 + got.nbytes
            check_at_most(peak, budget, f"extra memory (tracemalloc peak) of {call}")
            del got
        small = table[:7]
        q = Path(d) / f"s{j}.bin"
        small.tofile(q)
        call = f"head_copy({dtype} table 7x{n_cols}, k=7)"
        got = head_copy(q, dtype, n_cols, 7)
        _check_own_copy(got, small, q, call)
        # the copy is independent of the file: rewriting the file does not change it
        np.zeros_like(small).tofile(q)
        check_array(np.asarray(got), small, f"{call} after the file was overwritten")
        del table, got
        p.unlink()
    # a table with no rows: an empty file
    q = Path(d) / "empty.bin"
    q.write_bytes(b"")
    n_cols = int(rng.integers(1, 9))
    call = f"head_copy(an empty float32 file, {n_cols} columns, k=0)"
    got = head_copy(q, np.float32, n_cols, 0)
    _check_own_copy(got, np.empty((0, n_cols), dtype=np.float32), q, call)
### END HIDDEN TESTS

# %% hint id=head_copy
# The first `k` rows are the first `k * n_cols` items of the file. Map it read-only, slice
# those items and reshape them to `(k, n_cols)`.
# ---
# `np.array(...)` (or `.copy()`) copies them into an array that owns its data; return that,
# not the map or a view of it, and the map goes away with your function's local names.
# `k = 0` needs no map at all: return `np.empty((0, n_cols), dtype=dtype)` (the file may
# be empty, and an empty file cannot be mapped).


# %% [markdown]
# ## Summary
#
# * `np.memmap` makes a file the buffer of an array. Modes: `"r"` read-only, `"r+"` read and
#   write the file, `"w+"` create (or empty!) it, `"c"` copy-on-write: private edits, file
#   untouched, but every page written is private memory (RAM or swap). A `"r+"` map with a
#   bigger `shape` extends the file. Writes to a shared map live in the page cache and
#   survive a crash of your process; `flush()` writes them to the file now (on Linux, to
#   the device; on Windows it only starts the write; a new file's directory entry is not
#   synced).
# * Raw files carry no metadata: you supply `dtype`, `shape`, `order` and an `offset` in bytes.
#   A `.npy` header remembers them: `np.load(..., mmap_mode="r" / "r+" / "c")` to open (never
#   `"w+"`: it empties the file; on a `.npz` the mode is ignored), `np.lib.format.open_memmap`
#   to create.
# * Mapping is nearly free. Touching a page brings it (and, by readahead, usually more) into
#   the page cache, which all processes share and which outlives your map, and maps it (often
#   with some neighbours) into your RSS. `tracemalloc` sees neither. A cold file is read from disk,
#   a warm one from memory. `madvise` (through `mm._mmap`, or your own `mmap.mmap`) changes
#   readahead; a column of a C-ordered table touches every page. Clean pages can be dropped
#   and re-read; dirty ones must be written back first; private copies only swap can hold.
#   On `tmpfs` a file is its page cache.
# * Processes that map the same file share its pages: writes show at once, without `flush()`.
#   A map follows later writes to its file, but not a replaced file; a truncated file under a
#   map can kill the process with `SIGBUS`.
# * Process a big file in chunks and combine per-chunk results (counts, means, squared
#   deviations with Chan's merge, histograms with fixed edges): the extra memory is a few
#   chunks, whatever the file size. Beware of whole-array temporaries such as `x.var()`, and
#   of $\overline{x^2} - \bar x^2$.
# * There is no `close()`: a map is released with the last reference to it, views included.
#   `del` removes one name; a function's locals go when it returns. Copy what you keep.
#
# **Next:** `06-leaks`, where memory that should have been released is not.

# %%
workdir.cleanup()

# %% check
