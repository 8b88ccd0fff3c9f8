# %% [markdown]
# # 06 · Leaks: where memory goes, and why it stays
#
# Python frees an array's buffer the moment the last reference to the array disappears.
# So in NumPy code a "memory leak" is almost never memory that got lost: it is a reference
# you forgot about. A list that collects results "for debugging", a cache with no limit, a
# tiny slice that pins a huge array, an exception saved for later: each keeps something
# alive, and a long job grows until the machine gives up.
#
# **What you'll do**
#
# 1. Measure memory the way most tutorials do, with `memory_profiler` (`%memit`, `%mprun`,
#    `memory_usage`, and `mprof`'s plot of memory over time), and learn what its numbers
#    mean and where they mislead (lazy zeros, the C allocator's reuse and its moving mmap
#    threshold, mapped files).
# 2. Measure exactly with `tracemalloc`: current and peak bytes, snapshots, `compare_to`,
#    NumPy's own tracing domain and the allocator handler behind it, and (optionally)
#    `memray` for native allocations and for whole programs, forked workers included.
# 3. Prove that an array was freed with a `weakref`, and find what holds it when it was not.
# 4. Meet the usual suspects: global lists and dicts, views, caches, closures, default
#    arguments, IPython's output history, reference cycles (and why the garbage collector
#    cannot see through object arrays) and saved exceptions, chained ones included.
# 5. Stream instead of accumulating, and watch the difference on a live memory monitor.
#
# **How to work.** Each exercise asks you to write a function. Replace
# `raise NotImplementedError()` with your code, run the cell, then run the test cell under
# it: the visible tests there give instant feedback. When you submit, hidden tests try your
# function on fresh inputs and measure its memory with `tracemalloc` and `weakref`, so
# write the general rule, not the answers to the examples. *Validate* (in the toolbar) runs
# every visible test at once.
#
# Every number printed below is measured on the machine running this notebook; yours will
# differ from a classmate's, and that is the point. The arrays are kept small (tens of
# megabytes) so that the whole notebook fits comfortably on a small machine.

# %% readonly id=setup
import functools
import gc
import sys
import tempfile
import textwrap
import tracemalloc
import weakref
from pathlib import Path

import memory_profiler
import numpy as np
from memory_profiler import memory_usage

from npmem.allocator import del_drops, pin_mmap_threshold
from npmem.explorers.leaks import figure_for, leak_monitor
from npmem.memwatch import SCENARIOS, MiB, rss_bytes, run_pair, summarize

# %% [markdown]
# ## 1. memory_profiler: the operating system's view
#
# The operating system charges a process for its **resident set size** (RSS): the pages of
# memory it currently holds in RAM. `memory_profiler` asks for that number (through
# `psutil`) before, during and after your code runs. Load its IPython magics first.

# %%
# %load_ext memory_profiler
print(
    f"memory_profiler {memory_profiler.__version__}; this kernel's RSS: {rss_bytes() / MiB:.0f} MiB"
)

# %% [markdown]
# `%memit statement` runs the statement while a helper process samples this process's RSS,
# and prints the **peak** RSS and the **increment**: peak minus the RSS just before. `-o`
# also returns the measurement, so we can compare it with what the arrays really need;
# `-i` sets the sampling interval in seconds (default 0.1 s, too coarse for a statement
# that takes a few milliseconds).

# %%
# ones_run = %memit -o -i 0.001 np.ones(10_000_000)
# zeros_run = %memit -o -i 0.001 np.zeros(10_000_000)
# touched_run = %memit -o -i 0.001 np.zeros(10_000_000) + 1

# %%
needed = np.zeros(10_000_000).nbytes / MiB
for label, run in [("np.ones", ones_run), ("np.zeros", zeros_run), ("np.zeros + 1", touched_run)]:
    increment = max(run.mem_usage) - run.baseline
    print(f"{label:13} increment {increment:6.1f} MiB   (the array is {needed:.1f} MiB)")

# %% [markdown]
# `np.ones` has to write every byte, so its pages become resident and the increment is
# close to the array's size (a sampler can still miss part of a short-lived peak).
# `np.zeros` asks the operating system for memory that is *already* zero; the OS hands out
# pages only when they are first touched, so an array nobody writes to costs almost no RSS.
# `np.zeros(...) + 1` touches its result and shows the real cost. An increment near zero
# does not mean "free".
#
# ### Line by line: `%mprun`
#
# `%mprun -f func statement` runs the statement and reports RSS line by line inside
# `func`. It reads the function's source from its file, and its documentation says that
# functions typed at the prompt cannot be shown. So we write a small module into a
# temporary directory, put that directory on `sys.path` and import from it. `-T file` also
# saves the report as text, which we read back below.

# %%
workdir = tempfile.TemporaryDirectory()
Path(workdir.name, "steps.py").write_text(
    textwrap.dedent("""
    import numpy as np


    def pipeline(n):
        raw = np.random.default_rng(0).random(n)   # n * 8 bytes
        scaled = raw * 100.0                       # another n * 8
        rounded = np.round(scaled)                 # and another
        del scaled                                 # give one back
        return float(rounded.mean())
""")
)
sys.path.insert(0, workdir.name)
from steps import pipeline  # noqa: E402

report_path = str(Path(workdir.name, "mprun.txt"))

# %% [markdown]
# One setting first, explained under *Where RSS misleads* below: on Linux (glibc) we fix
# the size above which the C library maps each array straight from the OS, so that a
# re-run of the next cell measures the same thing as its first run.

# %%
pinned = pin_mmap_threshold(1 * MiB)
print(
    "mmap threshold pinned at 1 MiB:"
    if pinned
    else "not glibc: the C library's own rules apply, re-runs may show no drop at del",
    pinned,
)

# %%
# %mprun -T $report_path -f pipeline pipeline(2_000_000)

# %% [markdown]
# JupyterLab shows `%mprun`'s table in a pager under the cell. The columns are: the RSS
# after the line ran (*Mem usage*), how much that line added (*Increment*, negative when
# RSS went down), and how many times the line ran. Here are the increments, read from the
# saved report, next to the size of one array:

# %%
for row in Path(report_path).read_text().splitlines():
    parts = row.split(maxsplit=6)
    if len(parts) == 7 and parts[0].isdigit() and parts[2] == parts[4] == "MiB":
        if not parts[6].startswith("def "):  # the def line shows RSS on entry
            print(f"line {parts[0]:>2}: {float(parts[3]):+6.1f} MiB   {parts[6]}")
print(f"one array of 2,000,000 float64 is {2_000_000 * 8 / MiB:.1f} MiB")

# %% [markdown]
# ### `memory_usage` on a function call
#
# `memory_usage((func, args, kwargs), interval=...)` calls the function and returns the
# list of RSS samples (MiB) taken while it ran. Its maximum minus its first value is the
# peak rise.

# %%
samples = memory_usage((pipeline, (2_000_000,)), interval=0.005)
print(
    f"{len(samples)} samples, first {samples[0]:.1f} MiB, peak {max(samples):.1f} MiB:"
    f" a rise of {max(samples) - samples[0]:.1f} MiB"
)
print(f"three arrays of 2,000,000 float64 at once would be {3 * 2_000_000 * 8 / MiB:.1f} MiB")

# %% [markdown]
# ### `mprof`: memory over time, as a picture
#
# For a whole script, `mprof run script.py` samples its RSS from start to end into a
# `.dat` file, and `mprof plot file.dat` draws it (with matplotlib): time across, MiB up,
# the peak marked with dashed lines. Both are commands for a terminal. Here a cell runs
# `mprof run` (as `python -m mprof run`) on a small script written to a temporary
# directory, then draws the file with `mprof.plot_file`, the function behind `mprof plot`,
# inside this kernel. The script keeps every step's array in a list, then lets go of them.

# %%
import subprocess  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import mprof  # noqa: E402 (memory_profiler's mprof command, as a module)

job_dir = tempfile.TemporaryDirectory()
Path(job_dir.name, "job.py").write_text(
    textwrap.dedent("""
    import time
    import numpy as np

    kept = []
    for step in range(10):
        kept.append(np.ones(1_000_000))  # 8 MB a step, kept
        time.sleep(0.02)
    kept.clear()                         # all of them go at once
    time.sleep(0.1)
""")
)
dat = Path(job_dir.name, "job.dat")
subprocess.run(
    [sys.executable, "-m", "mprof", "run", "--interval", "0.01", "--output", str(dat), "job.py"],
    cwd=job_dir.name,
    check=True,
    capture_output=True,
)
rss_mib = mprof.read_mprofile_file(str(dat))["mem_usage"]
print(f"{len(rss_mib)} samples of the script's RSS, the highest {max(rss_mib):.0f} MiB")
plt.figure(figsize=(8, 3.5))
mprof.plot_file(str(dat))  # what `mprof plot job.dat` draws
plt.title("mprof run job.py")
plt.show()
job_dir.cleanup()

# %% [markdown]
# The first part of the climb is the interpreter importing NumPy; then come the steps of
# 8 MB, then the drop at `kept.clear()`. A staircase that never comes down is the picture
# of a leak; `mprof run --include-children` adds the memory of child processes, and
# `@profile`-decorated functions get their own brackets on the plot.

# %% [markdown]
# ### Where RSS misleads
#
# RSS counts what the process holds, not what your arrays need. Two more ways it goes
# wrong, besides lazy zeros:
#
# **The allocator keeps freed memory.** Small and medium blocks come from the C library's
# heap; only blocks above its *mmap threshold* are mapped from the OS one by one. (glibc's
# manual gives 128 KiB as the starting threshold; macOS, Windows and musl have rules of
# their own.) When you free heap blocks, the library keeps the space for the next
# allocation and usually cannot return it to the OS if anything still lives above it.
# Below we make 2,000 arrays of 32 KiB, keep every fiftieth and drop the rest.

# %%
start = rss_bytes()
pieces = [np.ones(4096) for _ in range(2000)]
after_alloc = rss_bytes()
kept = pieces[::50]
del pieces
after_free = rss_bytes()
again = [np.ones(4096) for _ in range(2000)]
after_again = rss_bytes()
print(f"made 2,000 arrays:          RSS +{(after_alloc - start) / MiB:5.1f} MiB")
print(
    f"freed all but {len(kept):2}:          RSS +{(after_free - start) / MiB:5.1f} MiB;"
    f" the kept ones need {sum(k.nbytes for k in kept) / MiB:.1f} MiB"
)
print(f"made 2,000 more:            RSS grew by {(after_again - after_free) / MiB:.1f} MiB")
del kept, again

# %% [markdown]
# With glibc, RSS hardly moves at the free although almost everything is gone (other C
# libraries may behave differently; compare the numbers above): that is not a leak, the
# space is waiting for reuse. And when we allocate the same amount again, RSS barely
# grows, because the allocator reuses it. So the same line of code can show a large
# increment the first time and almost none the second.
#
# **The threshold moves.** Blocks above the mmap threshold are mapped straight from the OS
# and unmapped on free: that is how a `del`, like `del scaled` above, can make RSS go
# down. But glibc's threshold is dynamic: when a mapped block is freed, the threshold
# rises to that block's size (up to 32 MiB on 64-bit Linux, says `mallopt(3)`), so the
# *next* array of that size comes from the heap and its `del` gives nothing back. The cell
# below runs the same three lines (`a = np.ones(n)`; read RSS; `del a`) three times in
# fresh Python processes: with glibc's defaults, after `mallopt(M_MMAP_THRESHOLD, 1 MiB)`
# (which fixes the threshold and switches the moving off: what `pin_mmap_threshold` did
# for this kernel before `%mprun`), and with glibc's defaults again for an array bigger
# than 32 MiB.

# %%
for n, pin, label in [
    (2_000_000, False, "glibc's defaults"),
    (2_000_000, True, "threshold pinned at 1 MiB"),
    (5_000_000, False, "glibc's defaults"),
]:
    drops = del_drops(n, repeats=3, pin=pin)
    print(
        f"{n * 8 / MiB:4.1f} MiB arrays, {label:25}: RSS drop at each del:",
        "not measurable here (not glibc)"
        if drops is None
        else ", ".join(f"{d:.1f} MiB" for d in drops),
    )

# %% [markdown]
# (`malloc_trim(0)` is the other tool: it asks glibc to hand free heap memory back now;
# the leak monitor in section 7 calls it before each run.)
#
# Two more allocators sit between your code and the OS. **Python's own** (`pymalloc`)
# serves every object of 512 bytes or less (floats, small tuples, the boxes of a list's
# items) from *arenas* of 1 MiB on CPython 3.11, and gives an arena back to the OS only
# when every object in it is dead. Keep one small object in a thousand and almost every
# arena stays:

# %%
print(sys.version.split()[0], "| RSS before:", f"{rss_bytes() / MiB:.0f} MiB")
start = rss_bytes()
floats = [float(i) for i in range(1_000_000)]  # a million small objects, and a list
made = rss_bytes()
survivors = floats[::1000]  # keep one float in a thousand
del floats
print(
    f"a million floats: RSS +{(made - start) / MiB:.1f} MiB; after freeing all but"
    f" {len(survivors):,} of them: +{(rss_bytes() - start) / MiB:.1f} MiB"
)
del survivors

# %% [markdown]
# What went back is about the list (one big block, mapped straight from the OS); the freed
# floats' arenas stay, each pinned by a few survivors, until they are reused for new small
# objects. And **glibc keeps several heaps**, one per thread that allocates (up to eight
# per core on 64-bit): a program whose threads allocate and free arrays can hold freed
# memory in each of them. The environment variable `MALLOC_ARENA_MAX=2` (set before Python
# starts) caps their number, trading some speed for memory.
#
# **Memory-mapped files count as resident.** Reading a file through `np.memmap` pulls its
# pages into the OS page cache and maps them into the process, so they count in RSS while
# NumPy allocated nothing. The OS can drop those pages whenever it needs the room.

# %%
data_path = Path(workdir.name, "signal.dat")
np.ones(5_000_000).tofile(data_path)  # a 40 MB file
before = rss_bytes()
mapped = np.memmap(data_path, dtype=np.float64, mode="r")
total = float(mapped.sum())
print(
    f"summing a {data_path.stat().st_size / MiB:.0f} MiB memory-mapped file:"
    f" RSS +{(rss_bytes() - before) / MiB:.1f} MiB"
)
del mapped
print(f"after del: RSS {(rss_bytes() - before) / MiB:+.1f} MiB relative to before")

# %% [markdown]
# **About memory_profiler itself.** It is the tool you will meet in most tutorials, and
# its magics are handy, but its README says it is no longer actively maintained, and
# 0.61.0 is the last release. Its magics import `distutils`, which is not in Python 3.12's
# standard library any more, so on new Pythons they need `setuptools` installed. Use it to
# *watch* a process; for exact, repeatable answers about what your code allocates, use
# `tracemalloc`, next.

# %%
sys.path.remove(workdir.name)
del sys.modules["steps"], pipeline
workdir.cleanup()

# %% [markdown]
# ## 2. tracemalloc: exact answers
#
# `tracemalloc` is in the standard library. Once started, it records every block that
# Python's allocators hand out, with the line that asked for it. NumPy reports its data
# buffers to it too, under a domain of its own, `np.lib.tracemalloc_domain`, so you can
# tell array data from Python objects. It counts the bytes that were *requested*, whether
# or not the OS has made them resident: the same every run, which is what a test needs.
#
# `tracemalloc.get_traced_memory()` returns `(current, peak)` in bytes; `reset_peak()`
# starts a new peak from the current level. Tracing has its own cost in memory, which
# `tracemalloc.get_tracemalloc_memory()` reports (printed below). To trace from the very
# start of a program (imports included), run `python -X tracemalloc=25 script.py` or set
# `PYTHONTRACEMALLOC=25`: the number is how many frames to keep per allocation.

# %%
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
z = np.zeros(10_000_000)
print(
    f"np.zeros(10_000_000): tracemalloc counts {tracemalloc.get_traced_memory()[0] - base:,}"
    f" bytes (nbytes = {z.nbytes:,}), resident or not"
)
del z

tracemalloc.reset_peak()
base = tracemalloc.get_traced_memory()[0]
x = np.ones(1_000_000)
y = (x * 2 + 1).sum()
current, peak = tracemalloc.get_traced_memory()
print(
    f"x = np.ones(1e6); (x * 2 + 1).sum(): still allocated {current - base:,} bytes,"
    f" peak {peak - base:,} bytes = {(peak - base) / x.nbytes:.2f} arrays of x's size"
)
print(f"tracemalloc's own memory right now: {tracemalloc.get_tracemalloc_memory():,} bytes")
del x, y

# %% [markdown]
# The peak shows a temporary: `x * 2` made a new array, and `+ 1` wrote into it
# (temporary elision, notebook 03, section 5). Two arrays of `x`'s size at the top; on a
# build that cannot elide (Windows, says notebook 03), `+ 1` makes a third.
#
# **Snapshots** record every live block. `snapshot.compare_to(older, "lineno")` lists what
# changed, biggest first, by source line. A `DomainFilter` keeps only NumPy's buffers.

# %%
numpy_only = tracemalloc.DomainFilter(inclusive=True, domain=np.lib.tracemalloc_domain)
before_snap = tracemalloc.take_snapshot().filter_traces([numpy_only])
grid = np.zeros((500, 500))
columns = [np.zeros(20_000) for _ in range(10)]
after_snap = tracemalloc.take_snapshot().filter_traces([numpy_only])
for stat in after_snap.compare_to(before_snap, "lineno")[:2]:
    print(stat)
print(f"grid.nbytes = {grid.nbytes:,}; the columns: {sum(c.nbytes for c in columns):,} bytes")
del grid, columns
tracemalloc.stop()

# %% [markdown]
# Each entry names the line that allocated. By default tracemalloc keeps one frame per
# allocation, so memory that a NumPy function written in Python allocates (`np.ones`, for
# one) is charged to a line inside NumPy; `tracemalloc.start(25)` keeps 25 frames and
# `compare_to(..., "traceback")` shows the whole path.
#
# `tracemalloc` has limits too: it slows every allocation while it runs, it does not see
# memory maps or memory that a C library allocates behind NumPy's back, and NumPy keeps a
# small cache of tiny buffers for reuse, so expect a few hundred bytes of noise. Measure
# differences, with a tolerance.
#
# ### Where array memory comes from: allocator handlers (NEP 49)
#
# NumPy does not take array data from Python's allocators, the ones tracemalloc watches.
# It asks a **handler** (`PyDataMem_Handler`, a C struct of `malloc`, `calloc`, `realloc`
# and `free` functions; NEP 49) for every data buffer, and wraps each call so that the
# block is reported to tracemalloc under `np.lib.tracemalloc_domain`: that report is why
# array data shows up in tracemalloc at all. The default handler uses the C library's
# allocator. A C extension can install another with `PyDataMem_SetHandler` (there is no
# Python function for it), one that takes memory from huge pages or a pool, say, or logs
# every call; arrays made after that get their buffers from it, still reported to
# tracemalloc, and each array keeps the handler that made its buffer, to free it with.
# From Python you can read a handler's name with `get_handler_name`, which is **not**
# public API: it lives in NumPy's private `numpy._core.multiarray` (the old path,
# `numpy.core.multiarray`, warns that it is deprecated and private). Use it to look, not
# in code that must keep working.

# %%
from numpy._core.multiarray import get_handler_name  # noqa: E402 (private NumPy)

owner = np.ones(1_000)
print("the handler for the next array:", get_handler_name())
print(
    f"owner: {get_handler_name(owner)} | owner[::2]: {get_handler_name(owner[::2])}"
    f" | owner[::2].base: {get_handler_name(owner[::2].base)}"
    f" | np.frombuffer(bytes(80)): {get_handler_name(np.frombuffer(bytes(80)))}"
)
del owner

# %% [markdown]
# `None` means the array does not own its buffer: a view's belongs to its `.base`, and
# `np.frombuffer`'s to the `bytes` object, which Python allocated.
#
# ### Optional: memray sees native allocations
#
# [memray](https://bloomberg.github.io/memray/) (Linux and macOS; `pip install memray`,
# or this course's `memray` extra) hooks the C allocator itself, so it also sees what a C
# library allocates without telling tracemalloc: LAPACK's workspace in `np.linalg.svd`,
# for one. `memray.Tracker(file)` records a block; `memray.FileReader` reads the peak and
# the allocations alive at that moment. The cells below do nothing but say so when memray
# is not installed.

# %%
try:
    import memray
except ImportError:
    memray = None
    print("memray is not installed here (it is optional): the memray cells below skip their work.")

# %%
if memray is not None:
    matrix = np.random.default_rng(0).random((300, 300))
    with tempfile.TemporaryDirectory() as capture_dir:
        capture = Path(capture_dir, "svd.bin")
        tracemalloc.start()
        with memray.Tracker(capture):
            np.linalg.svd(matrix)
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        reader = memray.FileReader(capture)
        memray_peak = reader.metadata.peak_memory
        at_peak = sorted(
            reader.get_high_watermark_allocation_records(merge_threads=True),
            key=lambda record: record.size,
            reverse=True,
        )
    print(
        f"np.linalg.svd of a 300 x 300 matrix: tracemalloc peak {traced_peak / MiB:.1f} MiB,"
        f" memray peak {memray_peak / MiB:.1f} MiB"
    )
    function, file, line = at_peak[0].stack_trace()[0]
    print(
        f"biggest block alive at the peak: {at_peak[0].size / MiB:.1f} MiB,"
        f" from {function} ({Path(file).name}:{line})"
    )
    budget = 64 * MiB
    print(f"within a {budget / MiB:.0f} MiB budget: {memray_peak <= budget}")

# %% [markdown]
# The gap between the two peaks is memory that C code inside NumPy's linear algebra
# asked for directly: LAPACK's workspace and, the first time in a process, the BLAS
# library's own buffers (re-run the cell and compare; the sizes depend on the BLAS your
# NumPy uses). With the `pytest-memray` plugin, `@pytest.mark.limit_memory("64 MB")` on a
# test makes `pytest --memray` fail it when it allocates more: a memory budget as a test,
# like the check above.
#
# **A whole program, from a terminal.** `memray run -o job.bin job.py` records a script
# from start to end (`--native` adds the C frames to every stack). `--follow-fork` also
# records each child process the script forks, such as `multiprocessing` workers started
# with `"fork"`, each into a file of its own (`job.bin.<pid>`) counted from the fork on;
# children started with `"spawn"` or `"forkserver"` are new programs that memray does not
# follow, and the default start method differs between platforms and Python versions
# (`multiprocessing.get_start_method()`). `--trace-python-allocators` records every small
# block that pymalloc (section 1) hands out; without it memray sees only the arenas
# pymalloc takes from the C library, and a `--leaks` report cannot tell memory pymalloc
# keeps for reuse from a leak (the report warns you). Then read the file:
# `memray summary job.bin` prints a table of the functions that held most at the peak,
# `memray flamegraph job.bin` writes an HTML **flame graph** of the peak (one box per
# function, as wide as the memory allocated beneath it; `--leaks`: what was never freed),
# and `memray tree job.bin` unfolds the peak as a tree, in a full-screen terminal program
# that a notebook cell cannot show. The cell below runs a script with one forked worker,
# then counts what memray records of 100,000 new floats in this kernel, with and without
# `Tracker`'s `trace_python_allocators`, the switch behind `--trace-python-allocators`.

# %%
import os  # noqa: E402

job_script = textwrap.dedent("""
    import multiprocessing as mp
    import numpy as np

    def work(n):
        return float(np.ones(n).sum())  # 8 n bytes, in the worker

    if __name__ == "__main__":
        kept = np.ones(1_000_000)  # 8 MB in the parent
        with mp.get_context("fork").Pool(1) as pool:
            pool.map(work, [3_000_000])  # 24 MB in a forked worker
""")
record = ["run", "-q", "--follow-fork", "-o", "job.bin", "job.py"]
if memray is None:
    print("memray is not installed here; in a terminal, with job.py holding the script:")
    print("  memray", *record)
    print("  memray summary job.bin.<pid of the worker>")
else:
    with tempfile.TemporaryDirectory() as run_dir:
        Path(run_dir, "job.py").write_text(job_script)

        def memray_cli(*args):
            print("$ memray", *args)
            return subprocess.run(
                [sys.executable, "-m", "memray", *args],
                cwd=run_dir,
                # a table 110 characters wide, without colours or progress bars (the
                # kernel sets FORCE_COLOR for the programs it starts)
                env=os.environ | {"COLUMNS": "110", "FORCE_COLOR": ""},
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()

        memray_cli(*record)
        captures = sorted(Path(run_dir).glob("job.bin*"), key=lambda f: len(f.name))
        for capture in captures:
            meta = memray.FileReader(capture).metadata
            print(f"  {capture.name:14} pid {meta.pid}: peak {meta.peak_memory / MiB:5.1f} MiB")
        print(memray_cli("summary", "--sort-column", "3", "--max-rows", "2", captures[-1].name))
    for python_allocators in (False, True):
        with tempfile.TemporaryDirectory() as capture_dir:
            capture = Path(capture_dir, "floats.bin")
            with memray.Tracker(capture, trace_python_allocators=python_allocators):
                floats = [float(i) for i in range(100_000)]
            recorded = memray.FileReader(capture).metadata.total_allocations
        del floats
        print(
            f"100,000 floats, trace_python_allocators={python_allocators!s:5}:"
            f" {recorded:>7,} allocations recorded"
        )

# %% [markdown]
# ### One peak for the whole process
#
# `npmem.measure.peak_memory(func, ...)`, which notebook 03 lent you, measures one call
# with tracemalloc: it reads the current size, calls `reset_peak()`, runs the call and
# reads the peak. That is fine alone, but tracemalloc keeps **one** peak for the whole
# process. Put one such measurement inside another (a job measured as a whole, whose
# stages are also measured one by one) and the inner `reset_peak()` wipes what the outer
# one had seen:

# %%
from npmem.measure import peak_memory  # noqa: E402


def stage(n):
    return float(np.ones(n).sum())  # a temporary of n float64


def job(n):
    scratch = np.ones(4 * n)  # the job's own high point: 4 n float64 at once
    del scratch
    _, stage_peak = peak_memory(stage, n)  # one stage, measured on its own
    return stage_peak


stage_peak, job_peak = peak_memory(job, 250_000)
print(f"the stage alone:  peak {stage_peak:>10,} bytes")
print(f"the whole job:    peak {job_peak:>10,} bytes, as measured around it")
print(f"but the job held {4 * 250_000 * 8:,} bytes at once before the stage ran")

# %% [markdown]
# ### Exercise 1: a peak meter that nests
#
# Write `peak_bytes(func, *args, **kwargs)` that calls `func(*args, **kwargs)` and returns
# the pair `(result, peak)`, where `peak` is the highest number of bytes traced by
# `tracemalloc` during the call, **above** what was already allocated when the call
# started, and which stays right when `func` itself calls `peak_bytes`, at any depth: an
# outer call's peak covers everything that happened during it, before, inside and after
# the inner calls (each inner call reports its own peak too).
#
# Leave tracing as you found it: if `tracemalloc` was not tracing, start it and stop it
# afterwards (even if `func` raises; let the exception through); if it was already
# tracing, keep it running. An inner call that raises must not disturb the calls around
# it: a `func` that catches the exception of an inner `peak_bytes` call still gets its
# own peak right, and so does every call after it. You will want `tracemalloc.is_tracing()`,
# `tracemalloc.get_traced_memory()` and `tracemalloc.reset_peak()`, and you must not use
# `npmem.measure`, which does not nest, as you just saw.


# %% solution id=peak_bytes
def peak_bytes(func, *args, **kwargs):
    ### BEGIN SOLUTION
    # for each call still running, outermost first: the highest traced size it has seen
    # before an inner call reset the peak
    open_peaks = peak_bytes.__dict__.setdefault("open_peaks", [])
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        start, peak_so_far = tracemalloc.get_traced_memory()
        for i in range(len(open_peaks)):
            open_peaks[i] = max(open_peaks[i], peak_so_far)
        open_peaks.append(start)
        tracemalloc.reset_peak()
        try:
            result = func(*args, **kwargs)
        finally:
            highest = max(open_peaks.pop(), tracemalloc.get_traced_memory()[1])
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, highest - start
    ### END SOLUTION


# %% tests id=test_peak_bytes points=3
import tracemalloc

import numpy as np

from npmem.checks import check_at_least, check_at_most, check_equal

arr, peak = peak_bytes(np.ones, 100_000)
check_equal(arr.shape, (100_000,), "peak_bytes(np.ones, 100_000)[0].shape")
check_at_least(peak, 800_000, "peak_bytes(np.ones, 100_000)[1]")
check_at_most(peak, 800_000 + 65_536, "peak_bytes(np.ones, 100_000)[1]")
check_equal(tracemalloc.is_tracing(), False, "tracemalloc.is_tracing() after peak_bytes")


def visible_job(n):
    scratch = np.ones(4 * n)
    del scratch
    return peak_bytes(lambda: float(np.ones(n).sum()))[1]


inner, outer = peak_bytes(visible_job, 100_000)
check_at_least(inner, 800_000, "the inner peak_bytes(...)[1] inside visible_job(100_000)")
check_at_most(inner, 800_000 + 65_536, "the inner peak_bytes(...)[1] inside visible_job(100_000)")
check_at_least(
    outer, 3_200_000, "peak_bytes(visible_job, 100_000)[1] (it held 4 * 100_000 float64)"
)

### BEGIN HIDDEN TESTS
import gc

from npmem.checks import check_raises, hidden_rng

rng = hidden_rng("test_peak_bytes")
SLACK = 65_536


def doubled_total(k):
    a = np.ones(k)
    b = a * 2  # a and b are alive together; only a float comes back
    return float(b.sum())


def nested_job(n, before, after, depth):
    """Hold `before` float64, let go, measure a stage (nested `depth` deep), hold `after`."""
    scratch = np.ones(before)
    del scratch
    if depth > 1:
        inner = peak_bytes(nested_job, n, before // 2, after // 2, depth - 1)[0]
    else:
        inner = peak_bytes(doubled_total, n)
    scratch = np.ones(after)
    del scratch
    return inner


try:
    for _trial in range(3):
        n = int(rng.integers(100_000, 300_000))
        size = n * 8
        total, peak = peak_bytes(doubled_total, n)
        call = f"peak_bytes(doubled_total, {n})"
        check_equal(total, 2.0 * n, call + "[0]")
        check_at_least(peak, 2 * size, f"{call}[1] (two arrays of {n} float64 are alive at once)")
        check_at_most(peak, 2 * size + SLACK, call + "[1]")
        check_equal(tracemalloc.is_tracing(), False, f"tracemalloc.is_tracing() after {call}")

        arr, peak = peak_bytes(np.full, (n,), fill_value=3.0)
        call = f"peak_bytes(np.full, ({n},), fill_value=3.0)"
        check_equal(float(arr[-1]), 3.0, call + "[0][-1]")
        check_at_least(peak, size, call + "[1]")
        check_at_most(peak, size + SLACK, call + "[1]")
        del arr

        # nested: the outer high point comes before, or after, the inner measurement
        for before, after in ((5 * n, 0), (0, 5 * n), (0, 0)):  # (0, 0): the inner peak
            depth = int(rng.integers(1, 4))
            call = f"peak_bytes(nested_job, {n}, before={before}, after={after}, depth={depth})"
            (inner_total, inner_peak), outer = peak_bytes(nested_job, n, before, after, depth)
            check_equal(inner_total, 2.0 * n, call + " (the innermost result)")
            check_at_least(inner_peak, 2 * size, f"the innermost peak in {call}")
            check_at_most(inner_peak, 2 * size + SLACK, f"the innermost peak in {call}")
            biggest = max(before, after, 2 * n) * 8
            check_at_least(outer, biggest, f"{call}[1]: the outer call held {biggest:,} bytes")
            check_at_most(outer, biggest + SLACK, f"{call}[1]")
            check_equal(tracemalloc.is_tracing(), False, f"tracemalloc.is_tracing() after {call}")

        # the high point sits in the middle level, before the innermost call starts
        def middle(k):
            scratch = np.ones(6 * k)
            del scratch
            return peak_bytes(doubled_total, k)[1]

        def outermost(k):
            return peak_bytes(middle, k)[1]

        call = f"peak_bytes(outermost, {n}) (three levels; the middle one held {6 * size:,} bytes)"
        middle_peak, outer = peak_bytes(outermost, n)
        check_at_least(middle_peak, 6 * size, f"the middle peak in {call}")
        check_at_least(outer, 6 * size, call + "[1]")
        check_at_most(outer, 6 * size + SLACK, call + "[1]")

        # already tracing, with a big earlier peak and a big array held before the call
        tracemalloc.start()
        old = np.ones(4 * n)
        del old
        held = np.ones(2 * n)
        small = int(rng.integers(1_000, 5_000))
        arr, peak = peak_bytes(np.ones, small)
        call = f"peak_bytes(np.ones, {small}) while tracing, with {held.nbytes:,} bytes held"
        check_at_least(peak, small * 8, call + "[1]")
        check_at_most(peak, small * 8 + SLACK, call + "[1]")
        check_equal(tracemalloc.is_tracing(), True, f"tracemalloc.is_tracing() after {call}")
        del held, arr
        tracemalloc.stop()

    def boom():
        raise KeyError("inside func")

    check_raises(KeyError, peak_bytes, boom, call="peak_bytes(boom) (boom raises KeyError)")
    check_equal(tracemalloc.is_tracing(), False, "tracemalloc.is_tracing() after func raised")
    n = int(rng.integers(100_000, 300_000))
    total, peak = peak_bytes(doubled_total, n)
    call = f"peak_bytes(doubled_total, {n}) after a call that raised"
    check_at_least(peak, 2 * n * 8, call + "[1]")
    check_at_most(peak, 2 * n * 8 + SLACK, call + "[1]")

    def catches_inner_error(k):
        scratch = np.ones(4 * k)  # the high point, before the failing inner call
        del scratch
        try:
            peak_bytes(boom)
        except KeyError:
            pass
        return peak_bytes(doubled_total, k)[1]

    call = f"peak_bytes(catches_inner_error, {n}) (it held {4 * n * 8:,} bytes, then an inner"
    call += " peak_bytes(boom) raised and was caught)"
    inner_peak, outer = peak_bytes(catches_inner_error, n)
    check_at_least(inner_peak, 2 * n * 8, f"the inner peak_bytes(doubled_total, {n}) in {call}")
    check_at_most(inner_peak, 2 * n * 8 + SLACK, f"the inner peak in {call}")
    check_at_least(outer, 4 * n * 8, call + "[1]")
    check_at_most(outer, 4 * n * 8 + SLACK, call + "[1]")
finally:
    tracemalloc.stop()
    gc.collect()
### END HIDDEN TESTS

# %% hint id=peak_bytes
# One call alone: remember whether tracing was on (`tracemalloc.is_tracing()`) and start
# it if not; read the current size, `reset_peak()`, make the call in a `try:`, read the
# peak; stop tracing in `finally:`, but only if you started it.
# ---
# Nesting: just before an inner call resets the peak, the peak reached so far belongs to
# every call still running. Keep, in a list that outlives one call (for example
# `peak_bytes.__dict__.setdefault("open_peaks", [])`), one number per running call:
# before each `reset_peak()`, raise every entry to the current peak; when a call ends, its
# answer is the larger of its entry (popped) and the peak read now, minus its start.


# %% [markdown]
# ## 3. Was it freed? `weakref` and `gc`
#
# A **weak reference** points to an object without keeping it alive. `weakref.ref(arr)`
# returns a callable that gives back the array while it exists and `None` once it has been
# freed. That is a proof you can put in a test: drop your own names, run `gc.collect()`
# (for cycles, below), and check that the weak reference is dead.

# %%
a = np.ones(1_000_000)
ref = weakref.ref(a)
print("before del:   alive =", ref() is not None)
del a
gc.collect()
print("after del:    alive =", ref() is not None)

# %% [markdown]
# When the array survives, `gc.get_referrers(obj)` lists the objects that refer to it,
# among those the garbage collector tracks: lists, dicts (module namespaces included),
# tuples, closure cells, frames, instances of your classes. NumPy arrays are *not*
# tracked, so a view that holds its base will not show up there: check the view's `.base`
# instead. Nor will a dict whose contents are all untracked (arrays, numbers, strings):
# CPython stops tracking it, so `{"raw": arr}` is missed too (check `gc.is_tracked(d)`).
# The details differ between CPython versions; on CPython 3.11 (this course's Python) a
# new tuple of untracked items is tracked, and found, until the next collection untracks
# it, and an attribute of an instance is reported as held by the instance itself (its
# attributes are stored inline, not in a `__dict__`):

# %%
print(sys.version.split()[0])
probe = np.ones(3)


class Holder:
    pass


holder_obj = Holder()
holder_obj.arr = probe
pair = (probe,)
found_before = any(r is pair for r in gc.get_referrers(probe))
gc.collect()
found_after = any(r is pair for r in gc.get_referrers(probe))
print("referrers of probe:", sorted(type(r).__name__ for r in gc.get_referrers(probe)))
print(f"the tuple (probe,) found: before a collection {found_before}, after {found_after}")
del probe, holder_obj, pair

# %% [markdown]
# (`Holder` is the instance; `dict` is this notebook's namespace, which holds the name
# `probe`.)
#
# Here a function keeps two things per call: the input in a global list, and a view of it
# in a dict.

# %%
history = []
latest = {}


def process(x):
    history.append(x)  # "keep the inputs for debugging"
    latest["evens"] = x[::2]  # a view: it holds x's buffer
    return float(x.sum())


data = np.ones(1_000_000)
data_ref = weakref.ref(data)
process(data)
del data
gc.collect()
print("alive after del:", data_ref() is not None)
for holder in gc.get_referrers(data_ref()):
    print(f"  referred to by a {type(holder).__name__}; is it `history`? {holder is history}")
print("  latest['evens'].base is the array:", latest["evens"].base is data_ref())

# %%
history.clear()
print("after history.clear(): alive =", data_ref() is not None)
del latest["evens"]
print("after del latest['evens']: alive =", data_ref() is not None)

# %% [markdown]
# Two holders, and the array lived until both let go. That is the general shape of a leak
# hunt: prove it with a weak reference, then find every holder.
#
# ## 4. Views pin their base
#
# A view keeps the array it came from alive through `.base`, however small the view, and
# `.copy()` lets go: `04-views` (section 4, *Aliasing bugs and read-only views*) showed
# it. Keep eight numbers from each of many big arrays as slices and you keep all of them.
#
# ### Exercise 2: a slice that lets go
#
# Write `detached_slice(x, start, stop)` that returns `x[start:stop]` (along the first axis;
# `start` and `stop` are integers and may be negative) as an array that **does not keep
# `x` alive** and holds no more memory than its own elements need. `x` can have any number
# of dimensions, any dtype, and may itself be a non-contiguous view.


# %% solution id=detached_slice
def detached_slice(x, start, stop):
    ### BEGIN SOLUTION
    return x[start:stop].copy()
    ### END SOLUTION


# %% tests id=test_detached_slice points=2
import weakref

import numpy as np

from npmem.checks import check_array, check_at_most, check_freed

x = np.arange(1_000_000, dtype=np.float64)
x_ref = weakref.ref(x)
part = detached_slice(x, 10, 14)
check_array(part, np.array([10.0, 11.0, 12.0, 13.0]), "detached_slice(arange(1e6), 10, 14)")
del x
check_freed(x_ref, "detached_slice(x=arange(1e6), 10, 14)", "x")
owner = part if part.base is None else part.base
check_at_most(getattr(owner, "nbytes", 0), part.nbytes, "bytes held by detached_slice's result")
del part, owner

### BEGIN HIDDEN TESTS
from npmem.checks import check_equal, hidden_rng


def _try_detached(rng):
    ndim = int(rng.integers(1, 4))
    shape = tuple(int(n) for n in rng.integers(4, 30, size=ndim))
    dtype = str(rng.choice(["i1", ">i4", "f4", ">f8", "c16"]))
    source = rng.integers(-100, 100, size=shape).astype(dtype)
    kind = str(rng.choice(["C array", "transposed", "stepped", "reversed"]))
    if kind == "transposed":
        source = source.T
    elif kind == "stepped":
        source = source[::2]
    elif kind == "reversed":
        source = source[::-1]
    n = source.shape[0]
    start = int(rng.integers(-n, n))
    stop = int(rng.integers(-n, n + 1))
    expected = source[start:stop].copy()
    call = f"detached_slice({kind} {dtype} x of shape {source.shape}, {start}, {stop})"
    ref = weakref.ref(source if source.base is None else source.base)
    got = detached_slice(source, start, stop)
    check_array(got, expected, call)
    check_equal(np.shares_memory(got, source), False, f"np.shares_memory({call}, x)")
    owner = got if got.base is None else got.base
    check_at_most(getattr(owner, "nbytes", 0), got.nbytes, f"bytes held by {call}")
    del source, owner
    check_freed(ref, call, "x")


rng = hidden_rng("test_detached_slice")
for _trial in range(15):
    _try_detached(rng)
### END HIDDEN TESTS

# %% hint id=detached_slice
# `x[start:stop]` is a view: through its `.base` it keeps all of `x` alive.
# ---
# `.copy()` makes a new array that owns exactly its own elements (contiguous, even when `x`
# was not).


# %% [markdown]
# ### Exercise 3: find the holders and release them
#
# A long-running job keeps its bookkeeping in a few lists and dicts, and one big array `arr`
# will not go away. Write `release(arr, containers)`: `containers` is a list of lists and
# dicts. Remove, **in place**, every item that keeps `arr` alive through `.base` links:
# `arr` itself, or an array built on `arr`'s buffer by NumPy's indexing or stride tricks. A
# slice has `arr` as its `.base`; but `np.lib.stride_tricks.sliding_window_view` and
# `as_strided` put a small helper object in between (the view's `.base` is the helper, whose
# `.base` is `arr`), and a view of such a view has that view as its `.base`. So follow the
# chain: an item holds `arr` when `arr` is the item, its `.base`, the `.base` of that, and
# so on until `None`; that chain is the whole rule. (An array made through the buffer
# protocol, such as `np.asarray(memoryview(arr))`, keeps `arr` alive too, but its `.base` is
# a memoryview, whose link to `arr` is `.obj`, not `.base`: the containers hold no such
# array and no memoryview.) For a list, remove the element; for a dict, remove the key.
# Everything else stays, in its order, including other arrays that merely hold the same
# values. `arr` may itself be a view of a bigger array: that array, and its other views,
# hold no reference to `arr` (it is `arr` that keeps *them* alive), so they stay even though
# they share memory with it; and since NumPy points a plain slice of a view straight at the
# array that owns the memory, a slice of such an `arr` stays too. Return how many items you
# removed. Hint: compare with `is`, not `==`.


# %% solution id=release
def release(arr, containers):
    ### BEGIN SOLUTION
    def holds(item):
        while item is not None and item is not arr:  # down the chain of .base
            item = getattr(item, "base", None)
        return item is arr

    removed = 0
    for box in containers:
        if isinstance(box, dict):
            for key in [k for k, v in box.items() if holds(v)]:
                del box[key]
                removed += 1
        else:
            keep = [item for item in box if not holds(item)]
            removed += len(box) - len(keep)
            box[:] = keep
    return removed
    ### END SOLUTION


# %% tests id=test_release points=3
import weakref

import numpy as np

from npmem.checks import check_equal, check_freed

arr = np.ones(100_000)
arr_ref = weakref.ref(arr)
same_values = np.ones(100_000)
log = [1, arr, "note", same_values]
cache = {"raw": arr, "view": arr[::10], "other": same_values}
check_equal(release(arr, [log, cache]), 3, "release(arr, [log, cache])")
check_equal(len(log), 3, "len(log) after release")
check_equal(log[-1] is same_values, True, "an array with equal values is still in log")
check_equal(sorted(cache), ["other"], "sorted(cache) after release")
del arr
check_freed(arr_ref, "release(arr, [log, cache])", "arr")
del log, cache, same_values

### BEGIN HIDDEN TESTS
from numpy.lib.stride_tricks import as_strided, sliding_window_view

from npmem.checks import hidden_rng


def _try_release(rng, as_view):
    n = int(rng.integers(1_000, 50_000))
    owner = rng.random(n + 20)  # when as_view, target is a view of it
    target = owner[7 : 7 + n] if as_view else rng.random(n)
    ref = weakref.ref(target)
    containers, keepers, expected, item = [], [], 0, None
    for c in range(int(rng.integers(1, 5))):
        box = {} if rng.random() < 0.5 else []
        for k in range(int(rng.integers(0, 8))):
            choice = int(rng.integers(0, 11 if as_view else 9))
            if choice == 0:
                item, holds = target, True
            elif choice == 1:  # the slice of a view has the owner as its .base
                item, holds = target[:: int(rng.integers(2, 5))], not as_view
            elif choice == 2:
                item, holds = target[1:][::-1], not as_view
            elif choice == 9:  # target's own base: shares its memory, does not hold it
                item, holds = owner, False
            elif choice == 10:  # another view of target's base, overlapping target
                item, holds = owner[:: int(rng.integers(1, 4))], False
            elif choice == 7:  # its .base is a helper object, whose .base is target
                width = int(rng.integers(2, 6))
                item, holds = sliding_window_view(target, width)[:: int(rng.integers(1, 4))], True
            elif choice == 8:
                step = int(rng.integers(1, 4))
                item, holds = as_strided(target, (n // (2 * step),), (8 * step,)), True
            elif choice == 3:
                item, holds = target.copy(), False  # equal values, its own buffer
            elif choice == 4:
                item, holds = rng.random(5), False
            elif choice == 5:
                item, holds = int(rng.integers(100)), False
            else:
                item, holds = None, False
            if isinstance(box, dict):
                box[f"key{c}_{k}"] = item
            else:
                box.append(item)
            if holds:
                expected += 1
            else:
                keepers.append((c, k, item))
        containers.append(box)
    kinds = [type(b).__name__ for b in containers]
    what = "arr, a view of a bigger array" if as_view else "arr"
    call = f"release({what}, containers of kinds {kinds})"
    check_equal(release(target, containers), expected, call)
    for c, k, item in keepers:
        box = containers[c]
        found = any(v is item for v in (box.values() if isinstance(box, dict) else box))
        check_equal(
            found, True, f"item {k} of container {c} ({type(item).__name__}) kept by {call}"
        )
    left = sum(len(b) for b in containers)
    check_equal(left, len(keepers), f"number of items left after {call}")
    del target, keepers, item
    check_freed(ref, call, "arr")


rng = hidden_rng("test_release")
for _trial in range(15):
    _try_release(rng, as_view=_trial % 3 == 2)

target = rng.random(int(rng.integers(1_000, 5_000)))
ref = weakref.ref(target)
box = [sliding_window_view(target, 3), as_strided(target[::2], (10,), (16,)), target.copy()]
call = "release(arr, [[sliding_window_view(arr, 3), as_strided(arr[::2], ...), arr.copy()]])"
check_equal(release(target, [box]), 2, call)
check_equal(len(box), 1, f"len(box) after {call}")
del target
check_freed(ref, call, "arr")
### END HIDDEN TESTS

# %% hint id=release
# An item counts when it *is* `arr`, or when following `.base` from it
# (`item.base`, then that object's `.base`, ...) reaches `arr`. Write that test as a small
# helper, with `is`: a loop that stops at `arr` (yes) or at `None` (no).
# ---
# A list: rebuild it in place, `box[:] = [item for item in box if not holds(item)]`. A dict:
# collect the keys first, then `del box[key]` for each (a dict must not change size while
# you loop over it). Count what you removed.


# %% [markdown]
# ## 5. Caches, closures and default arguments
#
# A cache trades memory for time, and without a limit it trades *all* the memory.
# `functools.cache` (the same as `lru_cache(maxsize=None)`) keeps every result it has ever
# returned. Here it caches a Gaussian window of each length it is asked for:


# %%
@functools.cache
def window_unbounded(n):
    k = np.arange(n)
    return np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)


tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
for n in range(10_000, 10_200):  # 200 different lengths
    window_unbounded(n)
grown = tracemalloc.get_traced_memory()[0] - before
tracemalloc.stop()
print(window_unbounded.cache_info())
print(f"the cache now holds {grown / MiB:.1f} MiB and will never give it back")

# %% [markdown]
# Two more hazards. Every caller gets the *same* cached array, so one caller writing into
# it damages the result for everyone after. And arrays cannot be cache keys at all: they
# are mutable, hence unhashable. (Working around that with `x.tobytes()` as the key makes
# the cache keep a copy of every input as well as every output.)

# %%
w = window_unbounded(5)
print("window(5) the first time: ", window_unbounded(5).round(3))
w[2] = 99.0  # a caller "normalises" its copy in place...
print("window(5) the second time:", window_unbounded(5).round(3))
window_unbounded.cache_clear()
try:
    functools.cache(np.linalg.norm)(np.ones(3))
except TypeError as err:
    print("caching on an array argument:", err)

# %% [markdown]
# ### Exercise 4: a bounded cache
#
# Write `cached_windows(maxsize)`. It returns a function `window(n)` that gives the same
# window as `window_unbounded` above, cached so that repeated calls with the same `n`
# return the *same* array object without recomputing it, but that keeps at most the
# `maxsize` (a positive integer) **most recently used** windows, and keeps those even when
# no caller holds them any more. Make the windows **read-only**
# (`arr.flags.writeable = False`), so that a caller cannot damage the shared copy by
# accident. (A guard, not a lock, as notebook 04 said: the window owns its buffer, so a
# caller who means it can set the flag back to `True`.) Each call
# to `cached_windows` makes a new, independent cache. `functools.lru_cache` does most of
# the work: a decorator can be applied inside a function, too.


# %% solution id=cached_windows
def cached_windows(maxsize):
    ### BEGIN SOLUTION
    @functools.lru_cache(maxsize=maxsize)
    def window(n):
        k = np.arange(n)
        w = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        w.flags.writeable = False
        return w

    return window
    ### END SOLUTION


# %% tests id=test_cached_windows points=2
import numpy as np

from npmem.checks import check_close, check_equal

window = cached_windows(8)
k = np.arange(5)
check_close(window(5), np.exp(-0.5 * ((k - 2) / (5 / 6)) ** 2), "cached_windows(8)(5)")
check_equal(window(64) is window(64), True, "window(64) is window(64), window = cached_windows(8)")
check_equal(window(64).flags.writeable, False, "cached_windows(8)(64).flags.writeable")
check_equal(
    cached_windows(8)(64) is window(64),
    False,
    "cached_windows(8)(64) is window(64): two caches should be independent",
)
del window

### BEGIN HIDDEN TESTS
import gc
import weakref

from npmem.checks import check_at_most, hidden_rng
from npmem.measure import traced_call


def _try_cache(rng):
    maxsize = int(rng.integers(2, 10))
    window = cached_windows(maxsize)
    lengths = [int(n) for n in rng.choice(np.arange(20_000, 30_000), size=60, replace=False)]
    for n in lengths[:3]:
        k = np.arange(n)
        expected = np.exp(-0.5 * ((k - (n - 1) / 2) / (n / 6)) ** 2)
        check_close(window(n), expected, f"cached_windows({maxsize})({n})")
        check_equal(
            window(n).flags.writeable, False, f"cached_windows({maxsize})({n}).flags.writeable"
        )
    # the maxsize most recently used stay cached
    first = window(lengths[3])
    for n in lengths[4 : 4 + maxsize - 1]:
        window(n)
    check_equal(
        window(lengths[3]) is first,
        True,
        f"window({lengths[3]}) is the cached array after {maxsize - 1} other lengths"
        f" (window = cached_windows({maxsize}))",
    )
    # used again just now, so it outlives windows made before it: least *recently used* goes
    for n in lengths[4 + maxsize - 1 : 4 + 2 * (maxsize - 1)]:
        window(n)
    check_equal(
        window(lengths[3]) is first,
        True,
        f"window({lengths[3]}) is the cached array after it was used again, then"
        f" {maxsize - 1} other new lengths (window = cached_windows({maxsize}))",
    )
    del first

    # the maxsize lengths used last are all cached, even when nobody else holds them
    last = lengths[-maxsize:]
    refs = [weakref.ref(window(n)) for n in last]
    gc.collect()
    for n, ref in zip(last, refs):
        check_equal(
            ref() is not None and window(n) is ref(),
            True,
            f"window({n}) is the array made when it was one of the last {maxsize} lengths"
            f" used (window = cached_windows({maxsize}))",
        )

    def many(ns):
        for n in ns:
            window(n)

    new = lengths[4 + 2 * maxsize : -maxsize]
    _result, growth, _peak = traced_call(many, new)
    limit = maxsize * 30_000 * 8 + 65_536
    check_at_most(
        growth, limit, f"memory kept by cached_windows({maxsize}) after {len(new)} new lengths"
    )


rng = hidden_rng("test_cached_windows")
for _trial in range(3):
    _try_cache(rng)
### END HIDDEN TESTS

# %% hint id=cached_windows
# Define `window(n)` inside `cached_windows`, decorate it there with
# `@functools.lru_cache(maxsize=maxsize)`, and return it: every call to `cached_windows`
# then makes a new function with a new cache.
# ---
# Compute the window with the same formula as `window_unbounded` (do not call it: its own
# cache never forgets), and set `w.flags.writeable = False` before you return it.


# %% [markdown]
# **Closures** keep what they refer to. A function defined inside another function keeps
# the outer variables it uses in cells of its `__closure__`, for as long as the inner
# function lives. Refer to the small thing you need, not the big thing it came from.


# %%
def make_normalizer_leaky(data):
    return lambda x: (x - data.mean()) / data.std()  # keeps all of `data`


def make_normalizer(data):
    mean, std = float(data.mean()), float(data.std())  # keeps two floats
    return lambda x: (x - mean) / std


sample = np.random.default_rng(0).random(1_000_000)
sample_ref = weakref.ref(sample)
leaky_norm, lean_norm = make_normalizer_leaky(sample), make_normalizer(sample)
print("leaky closure holds:", [type(c.cell_contents).__name__ for c in leaky_norm.__closure__])
print("lean closure holds: ", [type(c.cell_contents).__name__ for c in lean_norm.__closure__])
del sample
gc.collect()
print("sample alive while leaky_norm exists:", sample_ref() is not None)
del leaky_norm
gc.collect()
print("sample alive after del leaky_norm:   ", sample_ref() is not None)

# %% [markdown]
# **Default arguments** are evaluated once, when `def` runs, and stored on the function in
# `__defaults__`. A "scratch buffer" default lives as long as the function, shared by every
# call.


# %%
def smooth(x, _scratch=np.empty(1_000_000)):
    out = _scratch[: len(x)]
    np.multiply(x, 0.5, out=out)
    return out.copy()


print(f"smooth carries {smooth.__defaults__[0].nbytes:,} bytes in smooth.__defaults__")
del smooth

# %% [markdown]
# ### Exercise 5: a running mean with bounded memory
#
# Write `make_running_mean(window)`. It returns a function `update(x)`: each call takes a
# 1-D float array `x` (`float64`, `float32` or `float16`, always of the same length) and
# returns a new `float64` array, the element-wise mean of the last `window` arrays passed to
# `update` (of all of them, while there are fewer), as accurate as `np.mean` of them in
# `float64` whatever their magnitudes. Keep at most `window` arrays of `x`'s size. A result
# you returned belongs to the caller: a later call must not change it.
#
# Two things callers do that your function must survive:
#
# * they **reuse one buffer**: fill it with new data, call `update(buf)`, fill it again...
#   so what you keep must not change when they do;
# * they pass **views of bigger arrays** (a column, every other element of a chunk), some
#   of them read-only; keep one of those and you keep the whole chunk.
#
# `collections.deque(maxlen=...)` is a handy bounded container.


# %% solution id=make_running_mean
def make_running_mean(window):
    ### BEGIN SOLUTION
    from collections import deque

    recent = deque(maxlen=window)

    def update(x):
        recent.append(np.array(x, dtype=np.float64, copy=True))
        return np.mean(recent, axis=0)

    return update
    ### END SOLUTION


# %% tests id=test_make_running_mean points=3
import numpy as np

from npmem.checks import check_array

update = make_running_mean(2)
check_array(update(np.array([1.0, 2.0])), np.array([1.0, 2.0]), "update([1, 2]) (window 2)")
check_array(update(np.array([3.0, 4.0])), np.array([2.0, 3.0]), "then update([3, 4])")
check_array(update(np.array([5.0, 6.0])), np.array([4.0, 5.0]), "then update([5, 6])")
buf = np.zeros(3)
update = make_running_mean(2)
buf[:] = 1.0
update(buf)
buf[:] = 3.0
check_array(update(buf), np.full(3, 2.0), "update(buf) with buf reused: 1s, then 3s")
del update, buf

### BEGIN HIDDEN TESTS
import tracemalloc

from npmem.checks import check_at_most, check_close, check_equal, hidden_rng

rng = hidden_rng("test_make_running_mean")


def _values(rng, dtype):
    window = int(rng.integers(1, 6))
    m = int(rng.integers(5, 40))
    update = make_running_mean(window)
    seen, results = [], []
    buf = np.empty(m, dtype=dtype)
    for step in range(15):
        scale = 1e15 if step in (3, 4) and dtype == np.float64 else 1.0  # big, then small
        buf[:] = rng.normal(size=m) * scale
        seen.append(buf.astype(np.float64))
        expected = np.mean(seen[-window:], axis=0)
        given = buf
        if step % 2:  # a read-only view of the caller's buffer, refilled next step
            given = buf.view()
            given.flags.writeable = False
        call = f"call {step + 1} of update ({np.dtype(dtype).name} inputs, window {window})"
        got = update(given)
        check_close(got, expected, call)
        check_equal(getattr(got, "dtype", None), np.dtype(np.float64), f"dtype of {call}")
        results.append((got, expected, call))
    for got, expected, call in results:
        check_close(got, expected, f"the result of {call}, after all 15 calls")


def _growth(rng):
    window = int(rng.integers(2, 6))
    m = int(rng.integers(2_000, 6_000))
    update = make_running_mean(window)
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for i in range(40):
            chunk = rng.normal(size=(m, 4))  # each call gets a column of a fresh chunk
            column = chunk[:, 1]
            column.flags.writeable = i % 2 == 0  # every other column is read-only
            update(column)
            del chunk, column
        kept = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    call = (
        f"memory kept by update after 40 calls with columns of {m}x4 chunks "
        f"(window {window}, one input is {m * 8:,} bytes)"
    )
    check_at_most(kept, (window + 2) * m * 8 + 65_536, call)


for dtype in [np.float64, np.float64, np.float32, np.float16, np.float64]:
    _values(rng, dtype)
for _trial in range(3):
    _growth(rng)
### END HIDDEN TESTS

# %% hint id=make_running_mean
# Keep the recent arrays in `collections.deque(maxlen=window)`: appending to a full deque
# drops the oldest.
# ---
# Append a copy that owns its data, `np.array(x, dtype=np.float64, copy=True)`: it survives
# the caller refilling `x`, and does not keep a bigger base alive. Return
# `np.mean(recent, axis=0)`.


# %% [markdown]
# ## 6. Hidden holders: output history, cycles, exceptions
#
# **IPython's output history.** When a cell ends in an expression, IPython displays its
# value *and keeps it*: in `Out[n]`, in a variable `_n` named after the cell's number
# (`_12` for `Out[12]`), and in `_` (the last result), `__` and `___`. Peek at the first
# values of a big array with a bare `arr[:3]` and the history now holds a view, and with
# it the whole array.

# %%
history_demo = np.ones(2_000_000)
history_ref = weakref.ref(history_demo)
history_demo[:3]

# %%
del history_demo
gc.collect()
print("alive after del:", history_ref() is not None)
print(
    "held by Out[n] for n in",
    [
        n
        for n, v in Out.items()  # noqa: F821 (IPython's history)
        if isinstance(v, np.ndarray) and v.base is history_ref()
    ],
)
print(
    "and by the names",
    sorted(
        name
        for name, v in get_ipython().user_ns.items()  # noqa: F821
        if isinstance(v, np.ndarray) and v.base is history_ref()
    ),
)

# %% [markdown]
# (IPython stops updating `_` once you assign to it yourself, for example with
# `for _ in range(3)`; then `Out` and `_n` still hold the result.)
#
# `%reset -f out` empties `Out`, deletes the `_n` names and resets `_`, `__` and `___`.
# Whether that is enough depends on the IPython version: some versions also keep the last
# three results in a hidden namespace, `get_ipython().user_ns_hidden`, that `%reset out`
# forgets. The cell below looks there too.

# %%
# %reset -f out
gc.collect()
print("alive after %reset -f out:", history_ref() is not None)
hidden = get_ipython().user_ns_hidden  # noqa: F821 (IPython's shell)
stale = [
    name
    for name in ("_", "__", "___")
    if isinstance(hidden.get(name), np.ndarray) and hidden[name].base is history_ref()
]
print("still held in the hidden namespace under:", stale)
for name in stale:
    hidden[name] = ""
gc.collect()
print("alive after clearing those too:", history_ref() is not None)

# %% [markdown]
# When a cell displayed the array itself (it ended in a bare `name`), `%xdel name` is the
# tool: it deletes the name *and* every reference IPython's history holds to that same
# object (`Out`, `_n`, `_`, the last result). It finds them by identity, so it could not
# have helped with the view above: the view is another object.

# %%
xdel_demo = np.ones(2_000_000)
xdel_ref = weakref.ref(xdel_demo)
xdel_demo

# %%
print(
    "held by the names",
    sorted(
        name
        for name, v in get_ipython().user_ns.items()  # noqa: F821
        if v is xdel_ref()
    ),
)
# %xdel xdel_demo
gc.collect()
print("after %xdel xdel_demo: alive =", xdel_ref() is not None)

# %% [markdown]
# The lesson is less about IPython's internals than about habit: when you only want to
# *look* at a big array, end the cell with `;` or use `print(...)`, and nothing is kept.
#
# To switch the history off, set the attribute of the **display hook**, the object that
# stores results, not the shell's: `get_ipython().cache_size` is read once, when IPython
# starts (set it for every session with `c.InteractiveShell.cache_size = 0` in
# `ipython_config.py`), and changing it later does nothing. The next three cells try both.

# %%
shell = get_ipython()  # noqa: F821
default_cache_size = shell.displayhook.cache_size
shell.cache_size = 0  # the shell's setting: too late to matter
outputs_before = len(Out)  # noqa: F821
np.arange(3)

# %%
print("after shell.cache_size = 0, Out grew:", len(Out) > outputs_before)  # noqa: F821
shell.displayhook.cache_size = 0  # the display hook's: takes effect at once
outputs_before = len(Out)  # noqa: F821
np.arange(3)

# %%
print("after shell.displayhook.cache_size = 0, Out grew:", len(Out) > outputs_before)  # noqa: F821
shell.displayhook.cache_size = default_cache_size  # back to what it was
shell.cache_size = default_cache_size

# %% [markdown]
# (Even with the history off, IPython keeps the last cell's result in
# `get_ipython().last_execution_result` until the next cell finishes; after a cell that
# failed, its `error_in_exec` is the exception, with its traceback and the frames' arrays.)

# %% [markdown]
# **Reference cycles.** Reference counting frees an object the moment its count drops to
# zero, but objects that refer to each other in a cycle never get there. Python's cyclic
# garbage collector finds such groups from time to time, or at once with `gc.collect()`.
# Until it runs, everything the cycle holds stays alive. We switch the automatic collector
# off for a moment so that you can see the state before it runs.


# %%
class Node:
    def __init__(self, data):
        self.data = data
        self.me = self  # the node refers to itself: a cycle


gc.disable()
try:
    node = Node(np.ones(1_000_000))
    node_ref = weakref.ref(node.data)
    del node
    print("after del node:      alive =", node_ref() is not None)
    found = gc.collect()
    print(
        f"after gc.collect():  alive = {node_ref() is not None}"
        f"  ({found} unreachable objects found)"
    )
finally:
    gc.enable()

# %% [markdown]
# **The collector cannot see inside object arrays.** It finds cycles by walking the
# references of the objects it *tracks*; `gc.is_tracked` says which those are. NumPy
# arrays are not tracked, not even those of dtype `object`, which hold references to
# Python objects. A cycle that passes through an object array is therefore never found:
# not later, not by `gc.collect()`.

# %%
holder = np.empty(2, dtype=object)
print(
    "gc.is_tracked: a list",
    gc.is_tracked([]),
    "| a float array",
    gc.is_tracked(np.ones(3)),
    "| an object array",
    gc.is_tracked(holder),
)
payload = np.ones(1_000_000)
payload_ref = weakref.ref(payload)
box = [payload]
holder[0], holder[1] = box, holder  # the array refers to a list that refers back, and to itself
box.append(holder)
del holder, box, payload
found = gc.collect()
print(
    f"after del and gc.collect(): {found} unreachable objects found;"
    f" the payload is alive = {payload_ref() is not None}"
)

# %% [markdown]
# That memory is lost for the rest of the process: nothing refers to the cycle any more,
# so nothing can break it. Keep object arrays out of cycles (store an index or a weak
# reference instead of the container itself).
#
# To see what a collection finds instead of freeing it, `gc.set_debug(gc.DEBUG_SAVEALL)`
# makes the collector put every unreachable object into the list `gc.garbage`, where you
# can inspect it (and the arrays it holds stay alive until you empty the list and switch
# the flag off). Tools such as `objgraph.show_backrefs` draw who refers to what.

# %%
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
try:
    node = Node(np.ones(1_000))
    del node
    gc.collect()
    print("gc.garbage holds:", [type(obj).__name__ for obj in gc.garbage])
finally:
    gc.set_debug(0)
    gc.garbage.clear()

# %% [markdown]
# **The collector counts objects, not bytes.** On CPython 3.11 (this course's Python; 3.13
# changed the numbers and 3.14 collects incrementally) it runs when the number of container
# objects allocated (minus those freed) since its last run passes a threshold
# (`gc.get_threshold()`, the first number), whatever their size. A cycle that holds a big
# array counts as one or two objects, so a great many of them can pile up before anything
# is collected. Below, each `Ring` (a node that refers to itself, as above) holds 64 KiB
# of zeros (tracemalloc counts the bytes requested, resident or not), and a callback notes
# when the first automatic collection starts.


# %%
class Ring:
    def __init__(self, data):
        self.data = data
        self.me = self


print(f"CPython {sys.version.split()[0]}: gc.get_threshold() = {gc.get_threshold()}")
first_run, made = [], 0


def note_collection(phase, info):
    if phase == "start" and not first_run:
        first_run.append((made, tracemalloc.get_traced_memory()[0] - base))


gc.collect()
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
gc.callbacks.append(note_collection)
try:
    for made in range(1, 5_001):
        Ring(np.zeros(8_192))  # a cycle holding 64 KiB, unreachable at once
        if first_run:
            break
finally:
    gc.callbacks.remove(note_collection)
    tracemalloc.stop()
if first_run:
    cycles, held = first_run[0]
    print(
        f"first automatic collection after {cycles} dead cycles,"
        f" which held {held / MiB:.1f} MiB between them"
    )
unreachable = gc.collect()

# %% [markdown]
# **Exceptions hold frames.** An exception carries its traceback (`err.__traceback__`),
# the traceback holds the frame of every function the error passed through, and each
# frame holds that function's local variables. Save the exception, and you save every
# array those functions had in hand when it failed.


# %%
def failing_step(n):
    work = np.ones(n)  # a big local
    raise ValueError(f"step with n={n} failed")


errors = []
try:
    failing_step(1_000_000)
except ValueError as err:
    errors.append(err)

frame = errors[0].__traceback__.tb_next.tb_frame
work_ref = weakref.ref(frame.f_locals["work"])
print(
    f"the traceback still has {frame.f_code.co_name}'s locals: {sorted(frame.f_locals)},"
    f" {work_ref().nbytes:,} bytes"
)
del frame
errors[0] = errors[0].with_traceback(None)  # keep the error, drop the frames
gc.collect()
print("after with_traceback(None): work alive =", work_ref() is not None)
print("the error itself is intact:", repr(errors[0]))

# %% [markdown]
# **Chained exceptions keep their own frames.** An exception raised while another is being
# handled remembers it in `__context__`; `raise ... from cause` also sets `__cause__`.
# Each of those earlier exceptions has its *own* `__traceback__`, and
# `with_traceback(None)` on the last one leaves them alone:


# %%
def load_step(n):
    raw = np.ones(n)  # a big local of the frame where the first error happens
    try:
        raise OSError("disk read failed")
    except OSError as cause:
        raise ValueError("could not load the step") from cause


try:
    load_step(1_000_000)
except ValueError as err:
    raw_ref = weakref.ref(err.__traceback__.tb_next.tb_frame.f_locals["raw"])
    saved = err.with_traceback(None)
gc.collect()
print(f"saved = {saved!r}; its __cause__ = {saved.__cause__!r}")
print(
    "after with_traceback(None): raw alive =",
    raw_ref() is not None,
    "| the cause still has a traceback:",
    saved.__cause__.__traceback__ is not None,
)
link = saved
while link is not None:  # walk the chain (a real one can branch: see the hint of exercise 6)
    link.__traceback__ = None
    link = link.__cause__ or link.__context__
gc.collect()
print("after clearing the whole chain: raw alive =", raw_ref() is not None)
del saved

# %% [markdown]
# IPython does the same for you behind your back: after a cell fails, `sys.last_traceback`
# keeps the failing frames (and their arrays) until the next error.
#
# `traceback.clear_frames(tb)` clears the local variables of every frame of a traceback
# you want to keep (of that traceback only: each chained exception has its own). But on
# CPython 3.11 and 3.12, once anything has read a frame's `f_locals` (a debugger, `%debug`,
# or code like the cells above), the frame keeps a dictionary of its locals that
# `clear_frames` does not empty, and the arrays stay alive; 3.13 fixed it (PEP 667).
# `with_traceback(None)` has no such catch:


# %%
import traceback  # noqa: E402


def failing_work(n, refs):
    work = np.ones(n)
    refs.append(weakref.ref(work))
    raise ValueError("failed")


print(sys.version.split()[0])
for peek in (False, True):
    work_refs = []
    try:
        failing_work(1_000_000, work_refs)
    except ValueError as err:
        kept_error = err
    if peek:
        sorted(kept_error.__traceback__.tb_next.tb_frame.f_locals)  # read f_locals once
    traceback.clear_frames(kept_error.__traceback__)
    gc.collect()
    print(
        f"f_locals read first: {peek!s:5} -> after clear_frames, work alive ="
        f" {work_refs[0]() is not None}"
    )
    kept_error = kept_error.with_traceback(None)
    gc.collect()
    print(f"{'':26} after with_traceback(None), work alive = {work_refs[0]() is not None}")
del kept_error, work_refs

# %% [markdown]
# ### Exercise 6: collect errors without their frames
#
# Write `run_all(func, inputs)` that calls `func(x)` for every `x` in `inputs` and returns
# `(results, errors)`: `results` has one entry per input, `func(x)` or `None` when the call raised
# an `Exception` (only those: a `KeyboardInterrupt` or `SystemExit`, which are not `Exception`s,
# goes straight through `run_all` to its caller); `errors` is a list of `(index, exception)` pairs
# in input order, with the exception object that was raised (same type, same message, same
# `__cause__` and `__context__` objects), **without** keeping the failing calls' local variables
# alive: neither the exception nor any exception chained to it, however long the chain, may keep a
# traceback. (A chain built by hand can even loop back on itself: your function must still finish.)
#
# One exception is not yours to change. `run_all` may be called while its caller is
# handling an exception of its own (in an `except` block, a retry loop); every error
# raised during the call then has that exception in its chain, as `__context__`. Leave it,
# and everything chained to it, exactly as it was: its traceback belongs to the caller,
# who may still re-raise it. The exception the caller is handling when `run_all` starts is
# `sys.exception()` (Python 3.11+; `sys.exc_info()[1]` everywhere), `None` if there is none.


# %% solution id=run_all
def run_all(func, inputs):
    ### BEGIN SOLUTION
    def chain(first, skip):
        """Every exception chained to `first` (itself included), except those in `skip`."""
        found, todo = {}, [first]
        while todo:  # the chain can branch: __cause__ and __context__ may differ
            link = todo.pop()
            if link is None or id(link) in found or id(link) in skip:
                continue
            found[id(link)] = link
            todo += [link.__cause__, link.__context__]
        return found

    callers = chain(sys.exc_info()[1], {})  # the caller's: not ours to change
    results, errors = [], []
    for index, x in enumerate(inputs):
        try:
            results.append(func(x))
        except Exception as err:
            results.append(None)
            for link in chain(err, callers).values():
                link.__traceback__ = None
            errors.append((index, err))
    return results, errors
    ### END SOLUTION


# %% tests id=test_run_all points=2
import gc
import weakref

import numpy as np

from npmem.checks import check_equal, check_freed

results, errors = run_all(lambda x: 10 // x, [5, 0, 2])
check_equal(results, [2, None, 5], "run_all(lambda x: 10 // x, [5, 0, 2])[0]")
check_equal([i for i, _ in errors], [1], "indices in run_all(lambda x: 10 // x, [5, 0, 2])[1]")
check_equal(type(errors[0][1]).__name__, "ZeroDivisionError", "type of the error for x = 0")

refs = []


def fails_with_big_local(n):
    work = np.ones(n)
    refs.append(weakref.ref(work))
    raise ValueError("no good")


results, errors = run_all(fails_with_big_local, [100_000])
check_freed(refs[0], "run_all(fails_with_big_local, [100_000])", "the failed call's local array")
check_equal(str(errors[0][1]), "no good", "str(error) from run_all")
del results, errors, refs

try:
    raise LookupError("the caller's own error")
except LookupError as caller_error:
    results, errors = run_all(lambda x: 1 // x, [0])
    call = "run_all(lambda x: 1 // x, [0]) inside an except block"
    check_equal(errors[0][1].__context__ is caller_error, True, f"{call}: the error's __context__")
    check_equal(
        caller_error.__traceback__ is not None,
        True,
        f"{call}: the caller's exception still has its traceback",
    )
del results, errors

### BEGIN HIDDEN TESTS
from npmem.checks import hidden_rng


def _try_run_all(rng):
    refs = []
    n_inputs = int(rng.integers(6, 12))
    inputs = [int(v) for v in rng.integers(-3, 6, size=n_inputs)] + [4, 5]
    size = int(rng.integers(10_000, 100_000))

    def lookup(x):
        scratch = np.full(size, -1.0)  # a big local in a frame of the chained error
        refs.append(
            (f"the local array of lookup({x}) (its KeyError is chained)", weakref.ref(scratch))
        )
        return {}[x]

    def retry(x):
        spare = np.full(size, -2.0)  # a big local in a frame of the other branch
        refs.append(
            (f"the local array of retry({x}) (its OSError is the cause)", weakref.ref(spare))
        )
        raise OSError("retry failed")

    def func(x):
        work = np.full(size, float(x))
        refs.append((f"the local array of func({x})", weakref.ref(work)))
        if x < 0:
            raise ValueError(f"negative input {x}")
        if x == 0:
            raise KeyError(f"zero at size {size}")
        if x == 4:
            try:
                lookup(x)
            except KeyError as exc:
                raise RuntimeError(f"lookup of {x} failed") from exc
        if x == 5:
            try:
                retry(x)
            except OSError as failed:
                first_failure = failed  # its traceback holds retry's frame
            try:
                lookup(x)
            except KeyError:
                # __cause__ is the OSError, __context__ the KeyError: two separate branches
                raise LookupError(f"gave up on {x}") from first_failure
        return float(work.sum())

    call = f"run_all(func, {inputs})"
    results, errors = run_all(func, inputs)
    expected_results = [float(size * x) if x in (1, 2, 3) else None for x in inputs]
    check_equal(results, expected_results, call + "[0]")
    bad = [(i, x) for i, x in enumerate(inputs) if x not in (1, 2, 3)]
    check_equal([i for i, _ in errors], [i for i, _ in bad], f"indices in {call}[1]")
    messages = {4: (RuntimeError, "lookup of 4 failed"), 5: (LookupError, "gave up on 5")}
    for (_, x), (_, err) in zip(bad, errors):
        if x < 0:
            want_type, want_text = ValueError, str(ValueError(f"negative input {x}"))
        elif x == 0:
            want_type, want_text = KeyError, str(KeyError(f"zero at size {size}"))
        else:
            want_type, want_text = messages[x]
        check_equal(type(err).__name__, want_type.__name__, f"type of the error for input {x}")
        check_equal(str(err), want_text, f"str() of the error for input {x}")
        if x == 4:
            check_equal(
                type(err.__cause__).__name__,
                "KeyError",
                f"type of the __cause__ of the error for input {x}",
            )
        if x == 5:
            check_equal(
                type(err.__cause__).__name__,
                "OSError",
                f"type of the __cause__ of the error for input {x}",
            )
            check_equal(
                type(err.__context__).__name__,
                "KeyError",
                f"type of the __context__ of the error for input {x}",
            )
    gc.collect()
    for what, ref in refs:
        check_freed(ref, call, what)


rng = hidden_rng("test_run_all")
for _trial in range(6):
    _try_run_all(rng)


def _caller_keeps_its_traceback(rng):
    """run_all inside the caller's except block: only the call's own errors may change."""
    size = int(rng.integers(10_000, 100_000))
    refs = []

    def caller_step():
        held = np.ones(size)  # a local of the caller's failed step: the caller's business
        raise RuntimeError(f"the caller's step failed ({held.size} items)")

    def func(x):
        work = np.full(size, float(x))
        refs.append(weakref.ref(work))
        if x % 2:
            raise ValueError(f"odd {x}")
        return x

    inputs = [int(v) for v in rng.integers(0, 10, size=5)] + [1]
    call = f"run_all(func, {inputs}) inside the caller's except block"
    try:
        caller_step()
    except RuntimeError as caller_error:
        caller_tb = caller_error.__traceback__
        results, errors = run_all(func, inputs)
        check_equal(
            caller_error.__traceback__ is caller_tb,
            True,
            f"{call}: the caller's exception keeps its traceback",
        )
        for _, err in errors:
            check_equal(err.__context__ is caller_error, True, f"{call}: an error's __context__")
            check_equal(err.__traceback__, None, f"{call}: an error's __traceback__")
    check_equal([r is None for r in results], [x % 2 == 1 for x in inputs], f"{call}[0]")
    del results, errors, caller_tb, err
    gc.collect()
    for ref in refs:
        check_freed(ref, call, "a local array of func")


for _trial in range(2):
    _caller_keeps_its_traceback(rng)


def looping_chain(x):
    first, second = RuntimeError(f"first {x}"), RuntimeError("second")
    first.__cause__, second.__cause__ = second, first  # a chain that loops back on itself
    raise first


results, errors = run_all(looping_chain, [7])
check_equal(str(errors[0][1]), "first 7", "str() of the error from run_all(looping_chain, [7])")
check_equal(
    errors[0][1].__traceback__,
    None,
    "the __traceback__ of the error from run_all(looping_chain, [7])",
)


def exits_on_two(x):
    if x == 2:
        raise SystemExit(2)  # not an Exception: it must reach run_all's caller
    return x


from npmem.checks import check_raises  # noqa: E402

check_raises(SystemExit, run_all, exits_on_two, [1, 2, 3], call="run_all(exits_on_two, [1, 2, 3])")
### END HIDDEN TESTS

# %% hint id=run_all
# Wrap each call in `try:` / `except Exception as err:`; append `None` to the results and
# `(index, err)` to the errors.
# ---
# An exception's `__traceback__` holds the failing frames and all their local variables.
# `err.with_traceback(None)` drops it, but only for `err`: every exception chained to it
# (`err.__cause__`, `err.__context__`, and theirs in turn) keeps its own traceback.
# ---
# Walk the chain with a list of exceptions still to visit and a set of the `id`s already
# seen (a chain can branch, since `__cause__` and `__context__` may differ, and must not
# loop forever): set each one's `__traceback__ = None`, then queue its `__cause__` and
# `__context__`.


# %% [markdown]
# ## 7. Stream, don't accumulate
#
# Some growth is not a leak at all, just a design that holds everything at once: read
# every chunk into a list, concatenate, then reduce. The list and the concatenated copy are
# both alive at the peak. Notebook 05 (section 7) streamed a memory-mapped file in chunks
# instead; the same loop works on any source of chunks, such as a **generator**, which
# produces one chunk at a time: fold each chunk into a few running numbers and you never
# hold more than a chunk or two.


# %%
def chunks_of(n_chunks, size, seed=0):
    rng = np.random.default_rng(seed)
    for _ in range(n_chunks):
        yield rng.normal(50.0, 3.0, size)


def mean_accumulating(chunks):
    return float(np.concatenate(list(chunks)).mean())


def mean_streaming(chunks):
    total, count = 0.0, 0
    for chunk in chunks:
        total += float(chunk.sum())
        count += chunk.size
    return total / count


n_chunks, size = 40, 50_000
tracemalloc.start()
peaks = {}
for func in (mean_accumulating, mean_streaming):
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    value = func(chunks_of(n_chunks, size))
    peaks[func.__name__] = tracemalloc.get_traced_memory()[1] - start
    print(f"{func.__name__:18} mean {value:.6f}   peak {peaks[func.__name__] / MiB:6.2f} MiB")
tracemalloc.stop()
chunk_mib = size * 8 / MiB
print(
    f"one chunk is {chunk_mib:.2f} MiB; accumulating peaks at "
    f"{peaks['mean_accumulating'] / MiB / chunk_mib:.0f} chunks, streaming at "
    f"{peaks['mean_streaming'] / MiB / chunk_mib:.1f}"
)

# %% [markdown]
# The accumulating peak grows with the number of chunks (about twice the data: the list
# *and* the concatenated copy); the streaming peak stays at a chunk or two however long the
# stream is.
#
# ### The leak monitor
#
# Here is the same contrast, and the leaks of this notebook, watched from the operating
# system's side. Each scenario runs a leaky and a fixed version of the same job, 30 steps
# of 1 MiB, while a background thread samples this kernel's RSS every few milliseconds. The
# leaky versions let go of everything when they return, so running them is safe. Before
# each run, `run_pair` asks the C library to hand its free heap memory back to the OS
# (glibc's `malloc_trim`): otherwise, as in section 1, the allocator would reuse what the
# previous run freed and RSS would hide the growth. The cell below runs every scenario once
# and summarises how far RSS rose above its starting point in each run; the figure is the
# accumulate-then-reduce pair.

# %%
runs = {name: run_pair(name, steps=30) for name in SCENARIOS}
for name, (leaky, fixed) in runs.items():
    rise = [summarize(t.times, t.rss).peak_rise / MiB for t in (leaky, fixed)]
    print(f"{name:33} leaky +{rise[0]:5.1f} MiB   fixed +{rise[1]:5.1f} MiB")
fig = figure_for("accumulate, then reduce", *runs["accumulate, then reduce"])

# %% [markdown]
# The leak monitor shows the same runs, one scenario at a time: picking a scenario only
# draws it, a new chunk size measures that scenario, and *run again* measures the one on
# show afresh (RSS is noisy, the shape is not).

# %%
leak_monitor(steps=30, runs=runs)

# %% [markdown]
# In every scenario the leaky run climbs step by step while the fixed one stays near its
# start (the cache keeps a few entries, so it rises a little). This is the picture to look
# for in a real job: memory that grows with the number of steps rather than with the size
# of one step.
#
# ### Why the merge matters
#
# Notebook 05 (section 7) showed why: running sums of `x` and `x**2` lose the variance of
# data far from zero (mean `1e8`, spread 1), and the exact merge of counts, means and sums
# of squared deviations does not.
#
# ### Exercise 7: statistics of a stream
#
# Write `stream_stats(chunks)`. `chunks` is any iterable of 1-D float arrays, possibly a
# generator that can be read only once and is far too big to hold. Return
# `(count, mean, std)` of all the values together, where `std` is the population standard
# deviation (`np.std`'s default, `ddof=0`), as `(int, float, float)`, as accurate as
# `np.mean` and `np.std` of all the values in `float64`. Chunks may have different lengths,
# some may be empty, and their dtype may be `float64`, `float32` or `float16` (compute in
# `float64`: a `float32` mean of values far from zero is far too coarse). Raise
# `ValueError` if there are no values at all. Keep only a few running numbers, however
# many chunks there are: the hidden test allows a peak of a few chunks' worth of memory,
# also for a stream of many thousands of tiny chunks. The values may sit far from zero,
# as in notebook 05's example, and your `std` must stay as accurate as `np.std` of all the
# values together: use notebook 05's merge.


# %% solution id=stream_stats
def stream_stats(chunks):
    ### BEGIN SOLUTION
    count, mean, m2 = 0, 0.0, 0.0  # m2: the sum of squared deviations from the mean
    for chunk in chunks:
        nb = chunk.size
        if nb == 0:
            continue
        chunk = chunk.astype(np.float64)  # one chunk at a time, in float64
        mb = float(chunk.mean())
        deviations = chunk - mb
        m2b = float(np.dot(deviations, deviations))
        n = count + nb
        delta = mb - mean
        mean += delta * nb / n
        m2 += m2b + delta * delta * count * nb / n
        count = n
    if count == 0:
        raise ValueError("no values")
    return count, mean, float(np.sqrt(m2 / count))
    ### END SOLUTION


# %% tests id=test_stream_stats points=3
import numpy as np

from npmem.checks import check_close, check_equal, check_raises

count, mean, std = stream_stats([np.array([1.0, 2.0]), np.array([3.0, 4.0])])
check_equal((count, mean), (4, 2.5), "stream_stats([[1, 2], [3, 4]])[:2]")
check_close(std, float(np.std([1.0, 2.0, 3.0, 4.0])), "stream_stats([[1, 2], [3, 4]])[2]")
count, mean, std = stream_stats(np.full(n, 2.0) for n in (3, 1, 6))
check_equal((count, mean, std), (10, 2.0, 0.0), "stream_stats(a generator of 2.0s)")
check_raises(ValueError, stream_stats, [], call="stream_stats([])")

### BEGIN HIDDEN TESTS
from npmem.checks import check_at_most, hidden_rng
from npmem.measure import traced_call


def _chunks(seed, sizes, loc, scale, dtype="f8"):
    rng = np.random.default_rng(seed)
    for n in sizes:
        yield rng.normal(loc, scale, n).astype(dtype)


rng = hidden_rng("test_stream_stats")
for trial in range(6):
    seed = int(rng.integers(2**32))
    sizes = [int(n) for n in rng.integers(5_000, 20_000, size=int(rng.integers(15, 30)))]
    sizes[int(rng.integers(len(sizes)))] = 0
    loc, scale = float(rng.uniform(-100, 100)), float(rng.uniform(0.5, 10))
    dtype = "f8"
    if trial in (2, 3):  # far from zero: a sum of squares cancels catastrophically here
        loc = float(rng.choice([-1.0, 1.0]) * rng.uniform(1e7, 1e9))
        scale = float(rng.uniform(0.5, 2.0))
    elif trial == 4:  # float32 chunks far from zero: float32 sums are far too coarse
        dtype, loc, scale = ">f4", float(rng.uniform(1e4, 1e5)), float(rng.uniform(0.5, 2.0))
    elif trial == 5:  # float16 chunks
        dtype, loc, scale = "f2", float(rng.uniform(500, 2000)), float(rng.uniform(1.0, 4.0))
    everything = np.concatenate(list(_chunks(seed, sizes, loc, scale, dtype)))
    expected = (
        everything.size,
        float(np.mean(everything, dtype=np.float64)),
        float(np.std(everything, dtype=np.float64)),
    )
    del everything
    call = (
        f"stream_stats(generator of {len(sizes)} {dtype} chunks, mean {loc:.6g}, std {scale:.2f})"
    )
    got, _growth, peak = traced_call(stream_stats, _chunks(seed, sizes, loc, scale, dtype))
    check_equal(type(got).__name__, "tuple", f"type of {call}")
    check_equal(len(got), 3, f"len({call})")
    check_equal(int(got[0]), expected[0], call + "[0] (count)")
    check_close(got[1], expected[1], call + "[1] (mean)", rtol=1e-7)
    check_close(got[2], expected[2], call + "[2] (std)", rtol=1e-6)
    budget = 5 * max(sizes) * 8 + 65_536
    check_at_most(peak, budget, f"tracemalloc peak of {call} (5 of its biggest chunks)")
check_raises(
    ValueError,
    stream_stats,
    (np.empty(0) for _ in range(3)),
    call="stream_stats(three empty chunks)",
)
got = stream_stats(iter([np.array([7.5])]))
check_equal((int(got[0]), got[1], got[2]), (1, 7.5, 0.0), "stream_stats(one chunk [7.5])")
# many tiny chunks: what is kept must not grow with the number of chunks
tiny = rng.normal(float(rng.uniform(-5, 5)), 1.0, size=(5_000, 3))
call = f"stream_stats(generator of {len(tiny):,} chunks of 3 float64)"
got, _growth, peak = traced_call(stream_stats, (row.copy() for row in tiny))
check_equal(int(got[0]), tiny.size, call + "[0] (count)")
check_close(got[1], float(tiny.mean()), call + "[1] (mean)", rtol=1e-7)
check_close(got[2], float(tiny.std()), call + "[2] (std)", rtol=1e-6)
check_at_most(peak, 65_536, f"tracemalloc peak of {call} (a few chunks of 24 bytes)")
### END HIDDEN TESTS

# %% hint id=stream_stats
# Loop once over `chunks`, keeping three numbers: the count, the mean so far and the sum
# of squared deviations from it, `M`. Never keep the chunks.
# ---
# For each non-empty chunk, converted to `float64`, compute its own count, mean and `M`
# (`d = chunk - mean_b`, `float(np.dot(d, d))`), then merge them into the running three
# with notebook 05's formula: `delta = mean_b - mean`, `mean += delta * n_b / n`,
# `M += M_b + delta**2 * n_a * n_b / n`. At the end `std = sqrt(M / count)`; raise
# `ValueError` when the count is 0, and return `(int, float, float)`.


# %% [markdown]
# ## Summary
#
# * `memory_profiler` (`%memit`, `%mprun`, `memory_usage`, `mprof run`/`mprof plot`)
#   reports the process's RSS: what the OS charges. That counts only pages already touched
#   (an `np.zeros` nobody wrote to costs almost nothing yet), but also heap space the
#   allocator keeps for reuse and mapped files; whether a `del` gives memory back depends
#   on the C library's mmap threshold, which glibc moves as you free; Python's small-object
#   arenas and glibc's per-thread heaps keep freed memory too. Good for watching a job;
#   unmaintained, and too noisy to grade with.
# * `tracemalloc` counts the bytes that were asked for, line by line, with NumPy's buffers
#   in their own domain: `get_traced_memory()`, `reset_peak()`, snapshots and `compare_to`.
#   Its peak is one for the whole process: measurements that nest must share it.
#   NumPy takes array data from a replaceable allocator handler (NEP 49), not from
#   Python's allocators, and reports each buffer to tracemalloc itself.
#   `python -X tracemalloc=25` traces from start-up; tracing costs memory of its own.
# * An array lives while anything refers to it. Prove it was freed with a `weakref` after
#   `del` and `gc.collect()`; find holders with `gc.get_referrers`, `.base` (follow the
#   chain) and `gc.DEBUG_SAVEALL`. What the collector tracks, and when, depends on the
#   CPython version (this course's is 3.11).
# * The usual holders: global lists and dicts, views of big arrays, unbounded caches,
#   closures, default arguments, IPython's `Out`, `_n` and `_` (`%xdel`,
#   `displayhook.cache_size`), reference cycles (never collected when they pass through
#   an object array; collected only after enough *objects*, whatever their bytes), and
#   saved exceptions with their frames, and those of every exception chained to them (drop
#   them with `with_traceback(None)`, but only for exceptions that are yours).
# * Copy the small piece you keep, bound every cache, keep the numbers you need rather than
#   the arrays they came from, and stream chunks instead of accumulating them.
#
# **Next:** use the same tools on your own code: when a job's memory grows with the number
# of steps, something is keeping a reference per step.

# %% check
