"""A control group for one sandboxed process tree: RAM, process count and CPU share.

A cgroup limits the whole tree, whatever its processes do (fork, setsid, change user), and
lets the grader kill every one of them at the end. It is created *inside the grader's own
cgroup*, so the limits of whatever runs the grader still apply on top.

Linux has two layouts. cgroup v1 (one hierarchy per controller: ``memory``, ``pids``,
``cpu``) is what this machine has; cgroup v2 (one unified hierarchy) is used when its
controllers can be delegated to a child of the grader's cgroup. When neither works (not
root, read-only cgroupfs), :func:`create` returns ``None`` and the sandbox falls back on
per-process resource limits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from .settings import Limits

PREFIX = "npmem-sbx-"


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, fstype, super options) of every cgroup filesystem."""
    found = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            left, _, right = line.partition(" - ")
            fstype, _source, opts = right.split()[:3]
            if fstype in ("cgroup", "cgroup2"):
                found.append((left.split()[4], fstype, set(opts.split(","))))
    return found


def _own_paths() -> dict[str, str]:
    """Controller (or "" for v2) -> this process's cgroup path."""
    paths = {}
    with open("/proc/self/cgroup") as fh:
        for line in fh:
            _id, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                paths[name] = path
    return paths


@dataclass
class Cgroup:
    """One cgroup per controller (v1), or one directory (v2)."""

    dirs: dict[str, Path]  # controller ("memory", "pids", "cpu", or "" for v2) -> directory
    version: int
    notes: list[str] = field(default_factory=list)

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs.values()]

    def add(self, pid: int) -> None:
        for path in self.procs_files:
            Path(path).write_text(str(pid))

    def pids(self) -> set[int]:
        found: set[int] = set()
        for path in self.procs_files:
            with contextlib.suppress(OSError):
                found |= {int(p) for p in Path(path).read_text().split()}
        return found

    def kill_all(self, rounds: int = 50, settle: float = 10.0) -> None:
        """SIGKILL every process in the group, until none is left and the process limit
        counts none (waiting up to ``settle`` seconds for that)."""
        for d in self.dirs.values():
            kill_file = d / "cgroup.kill"
            if kill_file.exists():
                with contextlib.suppress(OSError):
                    kill_file.write_text("1")
        for _ in range(rounds):
            alive = self.pids()
            if not alive:
                break
            for pid in alive:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)
        deadline = time.monotonic() + settle
        while self.tasks_charged() and time.monotonic() < deadline:
            time.sleep(0.02)

    def tasks_charged(self) -> int:
        """Tasks the process limit still counts. A killed process leaves the process list
        at once but counts against the limit until it is reaped: waiting for this to reach
        0 makes sure that the next program starts with the whole limit to itself."""
        d = self.dirs.get("pids", self.dirs.get(""))
        if d is None:
            return 0
        with contextlib.suppress(OSError, ValueError):
            return int((d / "pids.current").read_text())
        return 0

    def oom_kills(self) -> int:
        """How many processes the kernel killed for want of memory in this group."""
        for name in ("memory", ""):
            d = self.dirs.get(name)
            if d is None:
                continue
            for fname in ("memory.events", "memory.oom_control"):
                with contextlib.suppress(OSError):
                    for line in (d / fname).read_text().splitlines():
                        key, _, value = line.partition(" ")
                        if key == "oom_kill":
                            return int(value)
        return 0

    def peak_memory(self) -> int | None:
        for name, fname in (("memory", "memory.max_usage_in_bytes"), ("", "memory.peak")):
            d = self.dirs.get(name)
            if d is not None:
                with contextlib.suppress(OSError, ValueError):
                    return int((d / fname).read_text())
        return None

    def remove(self) -> None:
        self.kill_all()
        for d in self.dirs.values():
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _create_v1(name: str, limits: Limits) -> Cgroup | None:
    own = _own_paths()
    roots = {}
    for mount, fstype, opts in _mounts():
        if fstype == "cgroup":
            for ctl in ("memory", "pids", "cpu"):
                if ctl in opts:
                    roots[ctl] = Path(mount)
    if "memory" not in roots or "pids" not in roots:
        return None
    dirs: dict[str, Path] = {}
    try:
        for ctl, mount in roots.items():
            d = mount / own.get(ctl, "/").lstrip("/") / name
            d.mkdir()
            dirs[ctl] = d
        _write(dirs["memory"] / "memory.limit_in_bytes", str(limits.memory))
        swap = dirs["memory"] / "memory.memsw.limit_in_bytes"
        if swap.exists():
            with contextlib.suppress(OSError):
                _write(swap, str(limits.memory))
        _write(dirs["pids"] / "pids.max", str(limits.pids))
        if "cpu" in dirs:
            period = int((dirs["cpu"] / "cpu.cfs_period_us").read_text())
            _write(dirs["cpu"] / "cpu.cfs_quota_us", str(int(period * limits.cpus)))
    except OSError:
        Cgroup(dirs, 1).remove()
        return None
    return Cgroup(dirs, 1)


def _create_v2(name: str, limits: Limits) -> Cgroup | None:
    mounts = [Path(m) for m, fstype, _ in _mounts() if fstype == "cgroup2"]
    if not mounts:
        return None
    parent = mounts[0] / _own_paths().get("", "/").lstrip("/")
    try:
        available = set((parent / "cgroup.controllers").read_text().split())
        if not {"memory", "pids"} <= available:
            return None
        # Controllers can only be handed to children of a group with no processes of its
        # own; this works when the grader runs in a delegated, otherwise empty group.
        _write(
            parent / "cgroup.subtree_control",
            "+memory +pids" + (" +cpu" if "cpu" in available else ""),
        )
        d = parent / name
        d.mkdir()
    except OSError:
        return None
    group = Cgroup({"": d}, 2)
    try:
        _write(d / "memory.max", str(limits.memory))
        with contextlib.suppress(OSError):
            _write(d / "memory.swap.max", "0")
        _write(d / "pids.max", str(limits.pids))
        if (d / "cpu.max").exists():
            _write(d / "cpu.max", f"{int(100_000 * limits.cpus)} 100000")
    except OSError:
        group.remove()
        return None
    return group


_counter = 0


def create(limits: Limits) -> Cgroup | None:
    """A fresh cgroup with ``limits`` applied, or None where cgroups cannot be used."""
    global _counter
    _counter += 1
    name = f"{PREFIX}{os.getpid()}-{_counter}-{time.monotonic_ns() % 10**6}"
    sweep_stale()
    return _create_v1(name, limits) or _create_v2(name, limits)


def sweep_stale() -> None:
    """Remove groups left by sandboxes whose owner died without cleaning up (SIGKILL)."""
    own = _own_paths()
    for mount, fstype, opts in _mounts():
        ctl = (
            ""
            if fstype == "cgroup2"
            else next((c for c in ("memory", "pids", "cpu") if c in opts), None)
        )
        if ctl is None:
            continue
        base = Path(mount) / own.get(ctl, "/").lstrip("/")
        with contextlib.suppress(OSError):
            for d in base.glob(PREFIX + "*"):
                owner = int(d.name[len(PREFIX) :].split("-")[0])
                if owner != os.getpid() and not _alive(owner):
                    Cgroup({ctl: d}, 2 if fstype == "cgroup2" else 1).remove()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
