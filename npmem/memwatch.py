"""A small memory monitor: sample a process's resident memory while a function runs.

The leak monitor in ``06-leaks`` is built on three things kept here, free of widgets
and drawing:

* :func:`sample_rss` runs a function while a background thread records the process's
  resident set size (RSS) every few milliseconds, and returns a :class:`Trace`.
* :data:`SCENARIOS` pairs a leaky way of doing a job with a fixed one. Each scenario is a
  plain function that does its work in small steps; the leaky ones hold on to memory
  while they run (the way a leak grows in a long job) and let go of it when they
  return, so running them never leaks the kernel.
* :func:`summarize` reduces a trace to a few numbers: where it started, its peak, where
  it ended and how fast it grew.

RSS is what the operating system charges the process for. It is the right thing to
*watch*, and the wrong thing to *grade*: it moves with the allocator, the page cache and
everything else the process does. Tests use ``tracemalloc`` and ``weakref`` instead.
"""

from __future__ import annotations

import functools
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import psutil

MiB = 2**20


def rss_bytes(pid: int | None = None) -> int:
    """Resident set size of a process (this one by default), in bytes."""
    return psutil.Process(pid).memory_info().rss


@dataclass
class Trace:
    """Memory samples taken while one function ran."""

    times: np.ndarray  # seconds since the call started
    rss: np.ndarray  # bytes, one per sample
    label: str = ""
    result: object = field(default=None, repr=False)

    @property
    def duration(self) -> float:
        return float(self.times[-1]) if len(self.times) else 0.0

    def relative_mib(self) -> np.ndarray:
        """RSS above the first sample, in MiB: what the monitor plots."""
        return (self.rss - self.rss[0]) / MiB


def sample_rss(
    func: Callable,
    *args,
    interval: float = 0.005,
    label: str = "",
    pid: int | None = None,
    **kwargs,
) -> Trace:
    """Call ``func(*args, **kwargs)`` while sampling RSS every ``interval`` seconds.

    The sampling runs in a background thread of this process; there is always a sample
    just before the call and one just after it returns. Exceptions from ``func``
    propagate after the sampler has stopped.
    """
    if interval <= 0:
        raise ValueError(f"interval must be positive, got {interval}")
    proc = psutil.Process(pid)
    times: list[float] = []
    values: list[int] = []
    stop = threading.Event()
    t0 = time.perf_counter()

    def record() -> None:
        values.append(proc.memory_info().rss)
        times.append(time.perf_counter() - t0)

    def sampler() -> None:
        while not stop.wait(interval):
            record()

    record()
    thread = threading.Thread(target=sampler, name="npmem-rss-sampler", daemon=True)
    thread.start()
    try:
        result = func(*args, **kwargs)
    finally:
        stop.set()
        thread.join()
    record()
    return Trace(np.asarray(times, dtype=float), np.asarray(values, dtype=np.int64), label, result)


@dataclass(frozen=True)
class TraceSummary:
    """Numbers that describe one trace (bytes, seconds)."""

    samples: int
    duration: float
    start: int
    peak: int
    end: int
    peak_rise: int  # peak - start
    growth: int  # end - start
    slope: float  # least-squares growth rate, bytes per second


def summarize(times, rss) -> TraceSummary:
    """Summarise a memory trace given as sample times (s) and RSS values (bytes)."""
    t = np.asarray(times, dtype=float)
    r = np.asarray(rss, dtype=float)
    if t.shape != r.shape or t.ndim != 1:
        raise ValueError(f"times and rss must be 1-D of equal length, got {t.shape}, {r.shape}")
    if len(r) == 0:
        raise ValueError("an empty trace has no summary")
    if len(r) > 1 and np.ptp(t) > 0:
        slope = float(np.polyfit(t, r, 1)[0])
    else:
        slope = 0.0
    start, peak, end = int(r[0]), int(r.max()), int(r[-1])
    return TraceSummary(
        samples=len(r),
        duration=float(t[-1] - t[0]),
        start=start,
        peak=peak,
        end=end,
        peak_rise=peak - start,
        growth=end - start,
        slope=slope,
    )


# --- scenarios -----------------------------------------------------------------------
#
# Every scenario takes (steps, chunk_bytes) and makes one fresh chunk of about
# chunk_bytes per step, writing to it so that its pages are really resident. The leaky
# version keeps something alive per step; the fixed one does the same work without.

PAUSE = 0.002  # seconds between steps, so that the sampler sees the growth


def _chunk(step: int, chunk_bytes: int) -> np.ndarray:
    return np.full(max(chunk_bytes // 8, 1), float(step))


def keep_results_leaky(steps: int, chunk_bytes: int) -> float:
    """Appends every intermediate result to a list "for later"."""
    kept = []
    for step in range(steps):
        kept.append(_chunk(step, chunk_bytes) * 2)
        time.sleep(PAUSE)
    total = float(sum(float(k.sum()) for k in kept))
    kept.clear()
    return total


def keep_results_fixed(steps: int, chunk_bytes: int) -> float:
    """Keeps only the running total it needs."""
    total = 0.0
    for step in range(steps):
        total += float((_chunk(step, chunk_bytes) * 2).sum())
        time.sleep(PAUSE)
    return total


def _cached_scenario(steps: int, chunk_bytes: int, maxsize: int | None) -> float:
    @functools.lru_cache(maxsize=maxsize)
    def table(key: int) -> np.ndarray:
        return _chunk(key, chunk_bytes)

    total = 0.0
    for step in range(steps):
        total += float(table(step).sum()) + float(table(max(step - 1, 0))[0])
        time.sleep(PAUSE)
    table.cache_clear()
    return total


def cache_leaky(steps: int, chunk_bytes: int) -> float:
    """An unbounded ``lru_cache(maxsize=None)`` that sees a new key at every step."""
    return _cached_scenario(steps, chunk_bytes, None)


def cache_fixed(steps: int, chunk_bytes: int) -> float:
    """The same cache bounded to the 4 most recently used entries."""
    return _cached_scenario(steps, chunk_bytes, 4)


def views_leaky(steps: int, chunk_bytes: int) -> float:
    """Keeps an 8-element slice of each chunk: every slice pins its whole chunk."""
    heads = []
    for step in range(steps):
        heads.append(_chunk(step, chunk_bytes)[:8])
        time.sleep(PAUSE)
    total = float(sum(float(h.sum()) for h in heads))
    heads.clear()
    return total


def views_fixed(steps: int, chunk_bytes: int) -> float:
    """Keeps a copy of each 8-element slice, so the chunk can go."""
    heads = []
    for step in range(steps):
        heads.append(_chunk(step, chunk_bytes)[:8].copy())
        time.sleep(PAUSE)
    return float(sum(float(h.sum()) for h in heads))


def accumulate_leaky(steps: int, chunk_bytes: int) -> float:
    """Collects every chunk, concatenates them (a second full copy), then reduces."""
    chunks = []
    for step in range(steps):
        chunks.append(_chunk(step, chunk_bytes))
        time.sleep(PAUSE)
    everything = np.concatenate(chunks)
    chunks.clear()
    return float(everything.mean())


def accumulate_fixed(steps: int, chunk_bytes: int) -> float:
    """Streams: a running sum and count, one chunk alive at a time."""
    total, count = 0.0, 0
    for step in range(steps):
        chunk = _chunk(step, chunk_bytes)
        total += float(chunk.sum())
        count += chunk.size
        time.sleep(PAUSE)
    return total / count


def _failing_step(step: int, chunk_bytes: int) -> None:
    work = _chunk(step, chunk_bytes)  # noqa: F841 (a local the traceback keeps alive)
    raise ValueError(f"step {step} failed")


def errors_leaky(steps: int, chunk_bytes: int) -> int:
    """Stores each exception: its traceback keeps the failed call's locals alive."""
    errors = []
    for step in range(steps):
        try:
            _failing_step(step, chunk_bytes)
        except ValueError as err:
            errors.append(err)
        time.sleep(PAUSE)
    n = len(errors)
    errors.clear()
    return n


def errors_fixed(steps: int, chunk_bytes: int) -> int:
    """Stores each exception without its traceback."""
    errors = []
    for step in range(steps):
        try:
            _failing_step(step, chunk_bytes)
        except ValueError as err:
            errors.append(err.with_traceback(None))
        time.sleep(PAUSE)
    return len(errors)


@dataclass(frozen=True)
class Scenario:
    leaky: Callable[[int, int], object]
    fixed: Callable[[int, int], object]
    leaky_label: str
    fixed_label: str


SCENARIOS: dict[str, Scenario] = {
    "results kept in a list": Scenario(
        keep_results_leaky, keep_results_fixed, "append every result", "running total"
    ),
    "unbounded cache": Scenario(
        cache_leaky, cache_fixed, "lru_cache(maxsize=None)", "lru_cache(maxsize=4)"
    ),
    "small views of big chunks": Scenario(
        views_leaky, views_fixed, "keep chunk[:8]", "keep chunk[:8].copy()"
    ),
    "accumulate, then reduce": Scenario(
        accumulate_leaky, accumulate_fixed, "concatenate all chunks", "stream the chunks"
    ),
    "exceptions kept with tracebacks": Scenario(
        errors_leaky, errors_fixed, "keep err", "keep err.with_traceback(None)"
    ),
}


def _load_malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl)
        return None


_MALLOC_TRIM = _load_malloc_trim()


def release_free_memory() -> bool:
    """Run a full collection, then ask the C library to return free heap memory to the OS.

    Without this, memory freed by one run stays in the allocator's heap and the next
    run reuses it without RSS moving, which hides its growth. Returns whether the C
    library could be asked (glibc only); elsewhere it only collects.
    """
    gc.collect()
    if _MALLOC_TRIM is None:
        return False
    _MALLOC_TRIM(0)
    return True


def run_pair(
    name: str,
    steps: int = 40,
    chunk_bytes: int = MiB,
    interval: float = 0.005,
) -> tuple[Trace, Trace]:
    """Run the leaky and the fixed version of scenario ``name``; one trace each.

    Before each run, :func:`release_free_memory` hands freed memory back to the OS, so
    that both runs start from the same footing.
    """
    if name not in SCENARIOS:
        raise KeyError(f"unknown scenario {name!r}; choose from {sorted(SCENARIOS)}")
    if steps < 1 or chunk_bytes < 8:
        raise ValueError(f"need steps >= 1 and chunk_bytes >= 8, got {steps}, {chunk_bytes}")
    sc = SCENARIOS[name]
    traces = []
    for func, label in ((sc.leaky, sc.leaky_label), (sc.fixed, sc.fixed_label)):
        release_free_memory()
        traces.append(sample_rss(func, steps, chunk_bytes, interval=interval, label=label))
    return traces[0], traces[1]
