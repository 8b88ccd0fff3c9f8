"""Where a file's pages are: in the page cache, in this process's RSS, or on disk only.

Used by ``05-memmap`` to show, live, that touching a memory map brings pages into the
operating system's **page cache** (shared by every process, kept after the map is gone)
and maps some of them into this process (its **RSS**), and that the two differ.

* :func:`cached_pages` asks the kernel which pages of a file are in the page cache
  (``mincore(2)`` on a fresh read-only map, through :mod:`ctypes`).
* :func:`drop_from_cache` asks the kernel to forget a file's clean cached pages
  (``posix_fadvise(POSIX_FADV_DONTNEED)``; no root needed), so the next read is cold.
* :func:`mapped_rss` reads how much of one file is mapped into this process and
  resident (``/proc/self/smaps``).
* :func:`pages_spanned` is pure: which pages a set of byte offsets falls on.

Everything that depends on the operating system degrades gracefully: where a call is
missing (macOS has neither ``/proc`` nor ``posix_fadvise``; Windows has none of the three)
the function returns ``None`` (or ``False``) instead of raising, and the notebook says
that the measurement is not available here.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import tempfile
from pathlib import Path

import numpy as np

#: the size of one page of memory on this machine, in bytes
PAGESIZE = mmap.PAGESIZE


def n_pages(n_bytes: int, page: int = PAGESIZE) -> int:
    """How many pages ``n_bytes`` bytes occupy (the last one possibly partly)."""
    if n_bytes < 0:
        raise ValueError(f"n_bytes must not be negative, got {n_bytes}")
    return -(-n_bytes // page)


def pages_spanned(byte_offsets: np.ndarray, itemsize: int, page: int = PAGESIZE) -> np.ndarray:
    """Sorted page numbers touched by items of ``itemsize`` bytes at ``byte_offsets``.

    An item that straddles a page boundary touches both pages.
    """
    offsets = np.asarray(byte_offsets, dtype=np.int64).ravel()
    if itemsize < 1:
        raise ValueError(f"itemsize must be at least 1, got {itemsize}")
    if offsets.size and offsets.min() < 0:
        raise ValueError("byte offsets must not be negative")
    first = offsets // page
    last = (offsets + itemsize - 1) // page
    return np.union1d(first, last)


def item_offsets(view: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Byte offset of every item of ``view`` from the start of ``base``'s buffer."""
    start = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    if view.ndim == 0:
        return np.array([start], dtype=np.int64)
    grids = np.indices(view.shape, dtype=np.int64)
    strides = np.array(view.strides, dtype=np.int64).reshape((-1,) + (1,) * view.ndim)
    return (start + (grids * strides).sum(axis=0)).ravel()


def _libc_mincore():
    """``mincore`` from the C library already loaded into this process, or ``None``."""
    try:
        func = ctypes.CDLL(None, use_errno=True).mincore
    except (OSError, AttributeError, TypeError):
        return None
    func.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_ubyte)]
    func.restype = ctypes.c_int
    return func


_MINCORE: list = []  # filled on first use: importing this module calls nothing


def _mincore():
    if not _MINCORE:
        _MINCORE.append(_libc_mincore())
    return _MINCORE[0]


def cached_pages(path: str | os.PathLike) -> np.ndarray | None:
    """Boolean array, one entry per page of the file: is that page in the page cache?

    Maps the file afresh (read-only) and asks ``mincore``; mapping does not read
    anything, so asking does not change the answer. ``None`` where ``mincore`` is not
    available. An empty file gives an empty array.
    """
    mincore = _mincore()
    if mincore is None:
        return None
    size = os.path.getsize(path)
    if size == 0:
        return np.zeros(0, dtype=bool)
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        view = np.frombuffer(mm, dtype=np.uint8)
        try:
            vec = (ctypes.c_ubyte * n_pages(size))()
            if mincore(view.ctypes.data, size, vec) != 0:
                return None
            # a ctypes array exports the buffer protocol, which numpy's stubs do not list
            return (np.frombuffer(vec, dtype=np.uint8) & 1).astype(bool)  # type: ignore[call-overload]
        finally:
            del view  # the buffer export must end before the mmap can close


def cached_bytes(path: str | os.PathLike) -> int | None:
    """Bytes of the file in the page cache (whole pages), or ``None`` if unknown here."""
    pages = cached_pages(path)
    return None if pages is None else int(pages.sum()) * PAGESIZE


def drop_from_cache(path: str | os.PathLike) -> bool:
    """Ask the OS to evict the file's pages from the page cache; True if it could ask.

    Dirty pages cannot be dropped, so the file is first written out (``fsync``). The
    kernel may keep pages that another process has mapped or locked: check with
    :func:`cached_pages` rather than assume.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def parse_smaps_rss(smaps_text: str, path: str) -> int:
    """Sum of ``Rss`` (bytes) over the mappings of ``path`` in an ``smaps`` text."""
    total, inside = 0, False
    for line in smaps_text.splitlines():
        fields = line.split()
        if not fields:
            continue
        if "-" in fields[0] and not fields[0].endswith(":"):
            # a mapping header: "start-end perms offset dev inode [pathname]"
            inside = len(fields) >= 6 and " ".join(fields[5:]) == path
        elif inside and fields[0] == "Rss:":
            if fields[2].lower() != "kb":
                raise ValueError(f"unexpected Rss unit {fields[2]!r}")
            total += int(fields[1]) * 1024
    return total


#: the ``smaps`` fields :func:`mapping_memory` reports, in this order
SMAPS_FIELDS = ("Rss", "Private_Clean", "Private_Dirty", "Anonymous")


def parse_smaps_fields(
    smaps_text: str, path: str, fields: tuple[str, ...] = SMAPS_FIELDS
) -> dict[str, int]:
    """Bytes of each of ``fields`` summed over the mappings of ``path`` in an ``smaps`` text.

    ``Anonymous`` counts the pages of a file mapping that are private copies (written
    through a copy-on-write map); ``Private_Dirty`` the pages that differ from the disk.
    """
    totals = dict.fromkeys(fields, 0)
    inside = False
    for line in smaps_text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if "-" in parts[0] and not parts[0].endswith(":"):
            inside = len(parts) >= 6 and " ".join(parts[5:]) == path
        elif inside and parts[0].endswith(":") and parts[0][:-1] in totals:
            if len(parts) != 3 or parts[2].lower() != "kb":
                raise ValueError(f"unexpected smaps line {line!r}")
            totals[parts[0][:-1]] += int(parts[1]) * 1024
    return totals


def mapping_memory(path: str | os.PathLike) -> dict[str, int] | None:
    """``Rss``, ``Private_Clean``, ``Private_Dirty`` and ``Anonymous`` bytes of ``path``'s maps.

    Read from ``/proc/self/smaps`` (Linux); ``None`` where that file does not exist.
    """
    try:
        text = Path("/proc/self/smaps").read_text()
    except OSError:
        return None
    return parse_smaps_fields(text, str(Path(path).resolve()))


#: file systems whose files live in memory: there the page cache *is* the file
MEMORY_FILESYSTEMS = frozenset({"tmpfs", "ramfs", "devtmpfs", "hugetlbfs", "shm"})


def parse_mount_fstype(mountinfo_text: str, path: str) -> str | None:
    """The file system type of the mount that holds ``path``, from ``/proc/*/mountinfo``.

    The mount whose mount point is the longest prefix of ``path`` wins (the last one
    listed, if a mount point is mounted over). ``path`` must be absolute and resolved.
    """
    best, best_len = None, -1
    for line in mountinfo_text.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        point = fields[4].replace("\\040", " ")
        inside = point == "/" or path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best_len:
            best, best_len = right.split()[0], len(point)
    return best


def filesystem_type(path: str | os.PathLike) -> str | None:
    """``"ext4"``, ``"tmpfs"``, ...: the file system of ``path``; ``None`` where unknown.

    Linux only (``/proc/self/mountinfo``); elsewhere ``None``.
    """
    try:
        text = Path("/proc/self/mountinfo").read_text()
    except OSError:
        return None
    return parse_mount_fstype(text, str(Path(path).resolve()))


def scratch_directory(
    candidates: list[str | os.PathLike | None], prefix: str = "npmem-"
) -> tuple[tempfile.TemporaryDirectory, str | None]:
    """A new temporary directory on the first candidate that is not in memory (tmpfs).

    ``None`` among the candidates means :mod:`tempfile`'s default (``$TMPDIR``). A
    candidate that does not exist, or where no directory can be made, is skipped. When
    every candidate is in memory or unknown, the first usable one is taken. Returns the
    directory and the type of its file system (``None`` where it cannot be told).
    """
    fallback = None
    for base in candidates:
        try:
            made = tempfile.TemporaryDirectory(prefix=prefix, dir=base)
        except OSError:
            continue
        kind = filesystem_type(made.name)
        if kind is not None and kind not in MEMORY_FILESYSTEMS:
            if fallback is not None:
                fallback[0].cleanup()
            return made, kind
        if fallback is None:
            fallback = (made, kind)
        else:
            made.cleanup()
    if fallback is None:
        raise OSError("no candidate directory is usable")
    return fallback


def mapped_rss(path: str | os.PathLike) -> int | None:
    """Bytes of ``path`` mapped into this process and resident now (all its maps).

    Read from ``/proc/self/smaps`` (Linux); ``None`` where that file does not exist.
    """
    try:
        text = Path("/proc/self/smaps").read_text()
    except OSError:
        return None
    return parse_smaps_rss(text, str(Path(path).resolve()))


# ------------------------------------------------- run in a child process (05-memmap)


def write_through_map(path: str, index: int, value: float, crash: bool = False) -> None:
    """Open the float64 file ``path`` as an ``"r+"`` map in this (child) process; set one item.

    Meant as the target of a ``multiprocessing.Process``: it lives in a module so that
    every start method ("spawn", "forkserver", "fork") can find it. Never flushes. With
    ``crash=True`` the process then dies at once (``os._exit``), without any clean-up,
    as a crashing program would.
    """
    mm = np.memmap(path, dtype=np.float64, mode="r+")
    mm[int(index)] = float(value)
    if crash:
        os._exit(3)


def touch_after_truncate(path: str) -> None:
    """Map ``path``, truncate the file to 0 bytes, then read the map (child process only).

    Reading a page that no longer exists in the file raises ``SIGBUS`` on Linux and
    kills the process: run it only in a child process you can afford to lose.
    """
    mm = np.memmap(path, dtype=np.uint8, mode="r")
    os.truncate(path, 0)
    int(mm[mm.size - 1])


def describe(label: str, path: str | os.PathLike) -> str:
    """One line: how much of ``path`` is in the page cache and in this process's RSS."""

    def kib(n: int | None) -> str:
        return "   unknown" if n is None else f"{n / 1024:7.0f} KiB"

    return (
        f"{label:28} page cache {kib(cached_bytes(path))}   "
        f"this process's RSS {kib(mapped_rss(path))}"
    )
