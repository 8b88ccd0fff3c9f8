"""The limits a sandboxed student process runs under, with their environment overrides.

Every number can be changed without touching code, through an environment variable
``NPMEM_SANDBOX_<FIELD>`` (for example ``NPMEM_SANDBOX_MEMORY=3G``); the kernel launcher and
the verifier read them when they start, so setting them in the grader's environment (or in
``nbgrader_config.py`` with ``os.environ.setdefault``) is enough.

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
    # CPU seconds per process (RLIMIT_CPU), and the share of the machine's CPUs.
    cpu_seconds: int = 600
    cpus: float = 1.0
    # Wall-clock seconds: one cell (the kernel is killed and restarted after this) and one
    # whole submission, or one verification process.
    cell_timeout: float = 90.0
    submission_timeout: float = 1200.0
    verify_timeout: float = 120.0
    # Size of the private, memory-backed /tmp (the only writable place) and of one file.
    tmp_size: int = 512 * MiB
    file_size: int = 256 * MiB
    open_files: int = 256
    # Bytes of stream output kept per cell; the rest is replaced by one notice.
    output_bytes: int = 1 * MiB
    # A kernel that dies is restarted this many times per submission.
    restarts: int = 3

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            raw = env.get(f"NPMEM_SANDBOX_{field.name.upper()}")
            if raw is None:
                continue
            if field.name in ("memory", "address_space", "tmp_size", "file_size", "output_bytes"):
                values[field.name] = parse_size(raw)
            elif field.type in ("float", float):
                values[field.name] = float(raw)
            else:
                values[field.name] = int(raw)
        return cls(**values)


def enabled(env: Mapping[str, str] | None = None) -> bool:
    """The sandbox is on unless ``NPMEM_SANDBOX=off`` (stock nbgrader, for comparison)."""
    env = os.environ if env is None else env
    return env.get("NPMEM_SANDBOX", "on").strip().lower() not in ("off", "0", "no", "false")
