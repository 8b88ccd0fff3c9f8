"""Every setting of the sandbox, in one object, with its environment override.

:class:`Limits` holds what a sandboxed student process tree may use and how the box is
made. Each field can be changed without touching code, through an environment variable
``NPMEM_SANDBOX_<FIELD>`` (for example ``NPMEM_SANDBOX_MEMORY=3G``);
the verifier and the box read them when they start, so setting them in the grader's
environment is enough. ``docs/security.md`` lists them all (``make docs`` writes the table
from this class). ``NPMEM_SANDBOX=off`` switches the sandbox off (stock nbgrader).

The defaults are calibrated on this course: every notebook, including the 05-memmap lesson
that maps a 128 MiB file, runs to the end inside them with room to spare (see
``tests/test_sandbox_jail.py``), while a memory bomb, a fork bomb, a runaway loop or a flood of
output or of disk writes is stopped.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from typing import Any

KiB, MiB, GiB = 2**10, 2**20, 2**30

# Single-threaded numerical libraries: OpenBLAS otherwise reserves a large buffer per
# thread (numpy #10455) and fails to start threads under a process limit (OpenBLAS #4762).
THREAD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}


def parse_size(text: str | int) -> int:
    """``"512M"``, ``"2G"``, ``"1.5G"``, ``"4096"`` -> bytes."""
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?)i?B?\s*", str(text), re.IGNORECASE)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 512M or 2G)")
    number, unit = match.groups()
    scale = {"": 1, "K": KiB, "M": MiB, "G": GiB, "T": 2**40}[unit.upper()]
    return int(float(number) * scale)


_SIZES = ("memory", "address_space", "tmp_size", "file_size", "output_bytes")


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one sandboxed process tree may use."""

    # RAM of the whole tree, page cache and the private /tmp included (cgroup memory).
    memory: int = 2 * GiB
    # Address space of each process (RLIMIT_AS): a huge allocation fails at once with
    # MemoryError instead of growing into the cgroup limit. Maps count here, so it stays
    # well above what the memmap lesson maps.
    address_space: int = 5 * GiB // 2
    # Processes and threads of the tree (cgroup pids) and of the sandbox user (RLIMIT_NPROC).
    pids: int = 64
    # CPU seconds per process (RLIMIT_CPU).
    cpu_seconds: int = 600
    # The share of the machine's CPUs the tree may use (cgroup cpu).
    cpus: float = 1.0
    # Wall-clock seconds of one whole submission in the sandbox (the verifier's process).
    submission_timeout: float = 1200.0
    # Wall-clock seconds of one verification process (every exercise of a notebook).
    verify_timeout: float = 120.0
    # Size of the private, memory-backed /tmp (the only writable place).
    tmp_size: int = 512 * MiB
    # Size of one file written (RLIMIT_FSIZE).
    file_size: int = 256 * MiB
    # Open files per process (RLIMIT_NOFILE).
    open_files: int = 256
    # Bytes of stream output kept per cell; the rest is replaced by one notice.
    output_bytes: int = 1 * MiB
    # A kernel that dies is restarted this many times per submission.
    restarts: int = 3
    # How the box is made: "root" (namespaces, a separate user, cgroups) or "plain"
    # (resource limits only); empty: root when run as root on Linux.
    mode: str = ""
    # "bwrap" (empty means the same), or "none": an explicit opt-out, for a machine where
    # bubblewrap cannot run, that grades with resource limits only; without it such a
    # machine refuses to grade.
    isolation: str = ""
    # Where live sandboxes' user-id slots are kept (root mode).
    state: str = "/run/npmem-sandbox"
    # The first of the user ids sandboxes run as (root mode).
    uid_base: int = 1_500_000_000
    # Sandboxes `make verify` runs side by side (0: two).
    workers: int = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            raw = env.get(f"NPMEM_SANDBOX_{field.name.upper()}")
            if raw is None:
                continue
            if field.name in _SIZES:
                values[field.name] = parse_size(raw)
            elif field.type in ("float", float):
                values[field.name] = float(raw)
            elif field.type in ("str", str):
                values[field.name] = raw.strip()
            else:
                values[field.name] = int(raw)
        return cls(**values)


def enabled(env: Mapping[str, str] | None = None) -> bool:
    """The sandbox is on unless ``NPMEM_SANDBOX=off`` (stock nbgrader, for comparison)."""
    env = os.environ if env is None else env
    return env.get("NPMEM_SANDBOX", "on").strip().lower() not in ("off", "0", "no", "false")


def table() -> str:
    """The environment variables of :class:`Limits`, as a Markdown table (docs/security.md)."""
    import inspect

    comments: dict[str, str] = {}
    pending: list[str] = []
    for line in inspect.getsource(Limits).splitlines():
        text = line.strip()
        if text.startswith("#"):
            pending.append(text.lstrip("#").strip())
        elif ":" in text and text.split(":", 1)[0].isidentifier():
            comments[text.split(":", 1)[0]] = " ".join(pending)
            pending = []
    rows = ["| variable | default | what |", "|---|---|---|"]
    defaults = Limits()
    for field in dataclasses.fields(Limits):
        default = getattr(defaults, field.name)
        shown = f"{default // MiB} MiB" if field.name in _SIZES else f"`{default!r}`"
        rows.append(f"| `NPMEM_SANDBOX_{field.name.upper()}` | {shown} | {comments[field.name]} |")
    return "\n".join(rows)
