"""What this machine's CPU caches look like, read from the operating system.

Linux describes each cache of a CPU under ``/sys/devices/system/cpu/cpu0/cache/index*``
(files ``level``, ``type``, ``size``, ``coherency_line_size``, ``ways_of_associativity``,
``number_of_sets``), and the transparent huge page mode in
``/sys/kernel/mm/transparent_hugepage/enabled``. Other systems, and some containers, do
not: then the functions say so instead of guessing a number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SYS_CACHE = Path("/sys/devices/system/cpu/cpu0/cache")
SYS_THP = Path("/sys/kernel/mm/transparent_hugepage/enabled")


@dataclass(frozen=True)
class Cache:
    level: int
    kind: str  # "Data", "Instruction" or "Unified"
    size: int  # bytes
    line: int | None  # bytes per cache line, when the OS says
    ways: int | None = None  # lines per set (associativity), when the OS says
    sets: int | None = None  # number of sets, when the OS says

    @property
    def set_period(self) -> int | None:
        """Bytes after which addresses fall into the same set again (``sets * line``).

        Two addresses a multiple of this apart compete for the same ``ways`` lines.
        ``None`` when the OS does not give both numbers.
        """
        if self.sets and self.line:
            return self.sets * self.line
        return None


def _size(text: str) -> int:
    """``"48K"`` -> 49152, ``"2048K"`` -> 2097152, ``"8M"`` -> 8388608, ``"512"`` -> 512."""
    text = text.strip()
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    if text and text[-1].upper() in units:
        return int(text[:-1]) * units[text[-1].upper()]
    return int(text)


def _optional(path: Path) -> int | None:
    """A positive integer read from ``path``, or ``None`` (absent, unreadable, 0)."""
    try:
        value = int(path.read_text())
    except (OSError, ValueError):
        return None
    return value if value > 0 else None


def caches(root: Path = SYS_CACHE) -> list[Cache]:
    """The data and unified caches of CPU 0, innermost first; ``[]`` when unknown."""
    found: list[Cache] = []
    if not root.is_dir():
        return found
    for entry in sorted(root.glob("index*")):
        try:
            kind = (entry / "type").read_text().strip()
            level = int((entry / "level").read_text())
            size = _size((entry / "size").read_text())
        except (OSError, ValueError):
            continue
        line, ways, sets = (
            _optional(entry / name)
            for name in ("coherency_line_size", "ways_of_associativity", "number_of_sets")
        )
        if kind != "Instruction":
            found.append(Cache(level, kind, size, line, ways, sets))
    return sorted(found, key=lambda c: c.level)


def line_size(root: Path = SYS_CACHE) -> int | None:
    """Bytes per cache line of the innermost data cache, or ``None`` when unknown."""
    for cache in caches(root):
        if cache.line:
            return cache.line
    name = "SC_LEVEL1_DCACHE_LINESIZE"
    if name in getattr(os, "sysconf_names", {}):
        try:
            value = os.sysconf(name)
        except (OSError, ValueError):
            value = 0
        if value > 0:
            return value
    return None


def _human(n: int) -> str:
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def describe(root: Path = SYS_CACHE) -> str:
    """One line per cache, or a sentence saying the OS does not tell."""
    found = caches(root)
    if not found:
        return f"this system does not report its CPU caches (nothing readable in {root})"
    return "\n".join(
        f"L{c.level} {c.kind.lower():7} {_human(c.size):>9}"
        + (f", lines of {c.line} bytes" if c.line else "")
        for c in found
    )


def associativity(root: Path = SYS_CACHE) -> str:
    """One line per cache with its ways and sets, or a sentence saying the OS does not tell."""
    lines = []
    for c in caches(root):
        if c.ways and c.set_period:
            lines.append(
                f"L{c.level}: {c.sets} sets of {c.ways} ways; addresses "
                f"{c.set_period:,} bytes apart share a set"
            )
    return "\n".join(lines) or "this system does not report its caches' ways and sets"


def thp_mode(path: Path = SYS_THP) -> str | None:
    """The transparent huge page mode (``always``, ``madvise`` or ``never``), or ``None``.

    The kernel marks the active mode in brackets: ``always [madvise] never``.
    """
    try:
        text = path.read_text()
    except OSError:
        return None
    for word in text.split():
        if word.startswith("[") and word.endswith("]"):
            return word[1:-1]
    return None


def anon_huge_bytes(path: Path = Path("/proc/self/smaps_rollup")) -> int | None:
    """Bytes of this process's anonymous memory the kernel backs with transparent huge
    pages (``AnonHugePages`` in ``smaps_rollup``), or ``None`` where Linux does not say."""
    try:
        text = path.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("AnonHugePages:"):
            fields = line.split()
            try:
                return int(fields[1]) * 1024  # the kernel writes kB
            except (IndexError, ValueError):
                return None
    return None
