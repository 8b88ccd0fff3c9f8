"""The C library's allocator as 06-leaks shows it: glibc's mmap threshold, pinned or not.

glibc serves a ``malloc`` above its *mmap threshold* with a private mapping of its own,
which ``free`` unmaps at once (resident memory goes down); smaller blocks come from the
heap, whose freed space the allocator keeps for reuse. The threshold is dynamic: freeing a
mapped block raises it to that block's size (up to 32 MiB on 64-bit), so the next block
of that size comes from the heap instead. ``mallopt(M_MMAP_THRESHOLD, n)`` fixes it at
``n`` and turns the adjustment off for the rest of the process.

Elsewhere (macOS, Windows, musl) none of this applies: the functions say so by returning
``False`` or ``None`` rather than guessing.
"""

from __future__ import annotations

import json
import subprocess
import sys

M_MMAP_THRESHOLD = -3  # from glibc's <malloc.h>


def _glibc():
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 (present in glibc only)
        return libc
    except (OSError, AttributeError):
        return None


LOWEST_PIN = 128 * 1024  # glibc's own starting threshold
HIGHEST_PIN = 32 * 1024 * 1024  # the most its dynamic threshold reaches on 64-bit


def pin_mmap_threshold(nbytes: int) -> bool:
    """Fix glibc's mmap threshold at ``nbytes`` for this process; ``False`` if not glibc.

    Only values from 128 KiB to 32 MiB are accepted: a tiny threshold would map every
    small block from the OS one by one and slow the whole process down for good.
    """
    if not LOWEST_PIN <= int(nbytes) <= HIGHEST_PIN:
        raise ValueError(f"pin the threshold between {LOWEST_PIN:,} and {HIGHEST_PIN:,} bytes")
    libc = _glibc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, int(nbytes)))


_DROPS = """
import json, sys
import numpy as np
import psutil
from npmem.allocator import pin_mmap_threshold
n, repeats, pin = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
if pin and not pin_mmap_threshold(1 << 20):
    print("null")
    raise SystemExit
proc = psutil.Process()
drops = []
for _ in range(repeats):
    a = np.ones(n)
    before = proc.memory_info().rss
    del a
    drops.append((before - proc.memory_info().rss) / 2**20)
print(json.dumps(drops))
"""


def del_drops(n: int, repeats: int = 3, pin: bool = False) -> list[float] | None:
    """In a fresh Python process, ``repeats`` times: ``a = np.ones(n)``, then ``del a``.

    Returns the fall of resident memory at each ``del``, in MiB, with glibc's default
    (dynamic) threshold or, with ``pin``, the threshold fixed at 1 MiB first. ``None``
    when the C library is not glibc, where pinning means nothing.
    """
    if _glibc() is None:
        return None
    out = subprocess.run(
        [sys.executable, "-c", _DROPS, str(n), str(repeats), "1" if pin else "0"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)
