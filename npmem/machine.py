"""What this machine's CPU caches look like, read from the operating system.

Linux describes each cache of a CPU under ``/sys/devices/system/cpu/cpu0/cache/index*``
(files ``level``, ``type``, ``size``, ``coherency_line_size``). Other systems, and some
containers, do not: then the functions say so instead of guessing a number.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SYS_CACHE = Path("/sys/devices/system/cpu/cpu0/cache")


@dataclass(frozen=True)
class Cache:
    level: int
    kind: str  # "Data", "Instruction" or "Unified"
    size: int  # bytes
    line: int | None  # bytes per cache line, when the OS says


def _size(text: str) -> int:
    """``"48K"`` -> 49152, ``"2048K"`` -> 2097152, ``"8M"`` -> 8388608, ``"512"`` -> 512."""
    text = text.strip()
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    if text and text[-1].upper() in units:
        return int(text[:-1]) * units[text[-1].upper()]
    return int(text)


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
        try:
            line: int | None = int((entry / "coherency_line_size").read_text())
        except (OSError, ValueError):
            line = None
        if kind != "Instruction":
            found.append(Cache(level, kind, size, line))
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
