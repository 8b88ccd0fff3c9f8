"""Logic behind the memmap explorer: a file as blocks, read chunk by chunk.

The first part is pure (no files, no widgets, no drawing) and unit-tested directly:
splitting a file into blocks, the order in which a chunked pass visits them, which
blocks have been read after so many steps.

The second part measures the running process: resident memory (RSS) from
``/proc/self/status`` (or psutil elsewhere), which files are mapped (``/proc/self/maps``),
and one real chunked pass over a file that records RSS after every chunk. Its parsers
are pure too; only the small readers touch the operating system.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MiB = 1 << 20

#: access patterns a chunked pass can follow
PATTERNS = ("sequential", "backwards", "every other chunk", "random order")


# ---------------------------------------------------------------- pure logic


def split_blocks(file_size: int, block_size: int) -> list[tuple[int, int]]:
    """Byte ranges ``[start, stop)`` that cover a file of ``file_size`` bytes.

    Every block is ``block_size`` bytes long except possibly the last, which holds
    what is left over. An empty file has no blocks.
    """
    if block_size < 1:
        raise ValueError(f"block_size must be at least 1, got {block_size}")
    if file_size < 0:
        raise ValueError(f"file_size must not be negative, got {file_size}")
    return [(s, min(s + block_size, file_size)) for s in range(0, file_size, block_size)]


def access_order(n_blocks: int, pattern: str, seed: int = 0) -> list[int]:
    """The block numbers a chunked pass reads, in the order it reads them."""
    if pattern == "sequential":
        return list(range(n_blocks))
    if pattern == "backwards":
        return list(range(n_blocks - 1, -1, -1))
    if pattern == "every other chunk":
        return list(range(0, n_blocks, 2))
    if pattern == "random order":
        return [int(k) for k in np.random.default_rng(seed).permutation(n_blocks)]
    raise ValueError(f"unknown pattern {pattern!r}; choose one of {PATTERNS}")


def blocks_read(n_blocks: int, order: list[int], steps: int) -> np.ndarray:
    """Boolean mask of the blocks read after the first ``steps`` chunks of ``order``."""
    if steps < 0:
        raise ValueError(f"steps must not be negative, got {steps}")
    done = np.zeros(n_blocks, dtype=bool)
    done[list(order[:steps])] = True
    return done


def bytes_read(blocks: list[tuple[int, int]], order: list[int], steps: int) -> int:
    """How many bytes the first ``steps`` chunks of ``order`` have read."""
    return sum(blocks[k][1] - blocks[k][0] for k in order[:steps])


def parse_vmrss(status_text: str) -> int:
    """Resident set size in bytes from the text of ``/proc/<pid>/status``."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            value, unit = line.split()[1:3]
            if unit.lower() != "kb":
                raise ValueError(f"unexpected VmRSS unit {unit!r}")
            return int(value) * 1024
    raise ValueError("no VmRSS line in status text")


def parse_mapped_paths(maps_text: str) -> set[str]:
    """The file paths named in the text of ``/proc/<pid>/maps``."""
    paths = set()
    for line in maps_text.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            paths.add(fields[5].removesuffix(" (deleted)"))
    return paths


@dataclass(frozen=True)
class Pass:
    """One measured chunked pass over a file."""

    file_size: int
    blocks: tuple[tuple[int, int], ...]
    order: tuple[int, ...]
    #: RSS in bytes before the first chunk, then after each chunk (len(order) + 1 values)
    rss: tuple[int, ...]

    @property
    def n_blocks(self) -> int:
        return len(self.blocks)

    def read_after(self, steps: int) -> int:
        return bytes_read(list(self.blocks), list(self.order), steps)

    def rss_growth(self, steps: int) -> int:
        """How much RSS grew between the start of the pass and ``steps`` chunks in."""
        return self.rss[steps] - self.rss[0]


# ---------------------------------------------------------- measuring the process


def resident_bytes() -> int:
    """This process's resident memory (RSS) in bytes, measured now."""
    try:
        return parse_vmrss(Path("/proc/self/status").read_text())
    except (OSError, ValueError):
        import psutil

        return int(psutil.Process().memory_info().rss)


def is_mapped(path: str | os.PathLike) -> bool | None:
    """True when some memory map of this process still refers to the file ``path``.

    It reads ``/proc/self/maps`` (Linux); where that file does not exist (macOS,
    Windows) the answer is unknown and it returns ``None``.
    """
    try:
        text = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    return str(Path(path).resolve()) in parse_mapped_paths(text)


def write_random_file(path: str | os.PathLike, n_bytes: int, piece: int = 8 * MiB) -> None:
    """Fill ``path`` with ``n_bytes`` random bytes, a piece at a time (no memory map)."""
    rng = np.random.default_rng()
    with open(path, "wb") as f:
        for start in range(0, n_bytes, piece):
            chunk = rng.integers(0, 256, size=min(piece, n_bytes - start), dtype=np.uint8)
            f.write(chunk)  # type: ignore[arg-type]  # an ndarray is a buffer (no __buffer__ before 3.12)


def measure_pass(
    path: str | os.PathLike, block_size: int, pattern: str = "sequential", seed: int = 0
) -> Pass:
    """Map ``path`` read-only, read it block by block in ``pattern`` order, record RSS.

    Each block is summed, which touches every one of its pages. The map is released
    before returning, so the next pass starts from the same resident memory.
    """
    size = os.path.getsize(path)
    blocks = split_blocks(size, block_size)
    order = access_order(len(blocks), pattern, seed)
    mm = np.memmap(path, dtype=np.uint8, mode="r")
    try:
        rss = [resident_bytes()]
        for k in order:
            start, stop = blocks[k]
            mm[start:stop].sum(dtype=np.uint64)
            rss.append(resident_bytes())
    finally:
        del mm
    return Pass(size, tuple(blocks), tuple(order), tuple(rss))
