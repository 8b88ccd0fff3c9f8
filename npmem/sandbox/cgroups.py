"""A control group for one sandboxed process tree: RAM, process count and CPU share.

A cgroup limits the whole tree, whatever its processes do (fork, setsid, change user), and
lets the grader kill every one of them at the end. It is created *inside the grader's own
cgroup*, so the limits of whatever runs the grader still apply on top.

Linux has two layouts. cgroup v1 (one hierarchy per controller: ``memory``, ``pids``,
``cpu``) is used where it is mounted; on cgroup v2 (one unified hierarchy, the default
of current distributions) the grader's own processes move into a leaf so that its cgroup
may hand controllers to the sandboxes' cgroups (:func:`_create_v2`). When neither works
(not root, read-only cgroupfs, controllers not delegated), :func:`create` returns
``None``, :func:`last_failure` says why, and the sandbox falls back on per-process
resource limits; the box warns once and its report says so.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import time
from dataclasses import dataclass
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

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs.values()]

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
        """Kill what is left in the group and remove it. No wait for the process limit's
        count to drain: the group goes, and a killed task still counted (the kernel
        uncharges it a second or so later here) does not keep its directory from going."""
        self.kill_all(settle=0.0)
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
        for ctl, root in roots.items():
            d = root / own.get(ctl, "/").lstrip("/") / name
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


LEAF = "npmem-grader"  # the leaf the grader's cgroup's own processes move into (v2)


def _create_v2(
    name: str, limits: Limits, mount: Path | None = None, own: str | None = None
) -> Cgroup | None:
    """A child of the grader's cgroup with ``limits``, on the unified hierarchy.

    cgroup v2 only lets a cgroup hand controllers to its children (``subtree_control``)
    while it holds no process itself (the "no internal processes" rule): under systemd
    or Docker the grader's cgroup holds the grader. So when enabling them is refused
    (``EBUSY``), the processes of that cgroup move into a leaf child, ``npmem-grader``,
    as container runtimes do with an ``init`` leaf; the limits of the cgroup above still
    apply to all of them. Then the controllers are enabled and the sandbox's cgroup is
    created beside the leaf. ``mount`` and ``own`` (the cgroup2 mount and this process's
    path in it) default to this machine's; tests give a fake cgroupfs.
    """
    if mount is None:
        mounts = [Path(m) for m, fstype, _ in _mounts() if fstype == "cgroup2"]
        if not mounts:
            return None
        mount = mounts[0]
    own = _own_paths().get("", "/") if own is None else own
    parent = mount / own.lstrip("/")
    if parent.name == LEAF:  # this process moved into the leaf already: its parent it is
        parent = parent.parent
    try:
        available = set((parent / "cgroup.controllers").read_text().split())
    except OSError as err:
        return _no_cgroup(f"cgroup v2: cannot read {parent}/cgroup.controllers ({err})")
    if not {"memory", "pids"} <= available:
        return _no_cgroup(
            f"cgroup v2: {parent} was not given the memory and pids controllers "
            f"(it has: {' '.join(sorted(available)) or 'none'})"
        )
    wanted = ["memory", "pids"] + (["cpu"] if "cpu" in available else [])
    try:
        _enable(parent, wanted)
    except OSError as err:
        return _no_cgroup(f"cgroup v2: cannot enable controllers in {parent} ({err})")
    d = parent / name
    try:
        d.mkdir()
    except OSError as err:
        return _no_cgroup(f"cgroup v2: cannot create {d} ({err})")
    group = Cgroup({"": d}, 2)
    try:
        _write(d / "memory.max", str(limits.memory))
        with contextlib.suppress(OSError):
            _write(d / "memory.swap.max", "0")
        _write(d / "pids.max", str(limits.pids))
        if "cpu" in wanted:
            _write(d / "cpu.max", f"{int(100_000 * limits.cpus)} 100000")
    except OSError as err:
        group.remove()
        return _no_cgroup(f"cgroup v2: cannot set limits in {d} ({err})")
    return group


def _enable(parent: Path, wanted: list[str]) -> None:
    """Enable ``wanted`` in ``parent``'s ``subtree_control``, moving its processes into a
    leaf first if the kernel refuses while it holds them."""
    control = parent / "cgroup.subtree_control"
    with contextlib.suppress(OSError):
        if set(wanted) <= set(control.read_text().split()):
            return
    line = " ".join(f"+{c}" for c in wanted)
    try:
        _write(control, line)
        return
    except OSError as err:
        if err.errno != errno.EBUSY:
            raise
    leaf = parent / LEAF
    leaf.mkdir(exist_ok=True)
    for _ in range(5):  # processes may fork while they are being moved
        procs = (parent / "cgroup.procs").read_text().split()
        if not procs:
            break
        for pid in procs:
            with contextlib.suppress(ProcessLookupError, OSError):
                _write(leaf / "cgroup.procs", pid)
    _write(control, line)


_warned: list[str] = []


def _no_cgroup(why: str) -> Cgroup | None:
    """Record why no cgroup could be made (:func:`last_failure`); always ``None``."""
    _warned.append(why)
    return None


def last_failure() -> str | None:
    """Why the last :func:`create` that returned ``None`` failed, if it said."""
    return _warned[-1] if _warned else None


_counter = 0


def create(limits: Limits) -> Cgroup | None:
    """A fresh cgroup with ``limits`` applied, or None where cgroups cannot be used."""
    global _counter
    _counter += 1
    name = f"{PREFIX}{os.getpid()}-{_counter}-{time.monotonic_ns() % 10**6}"
    sweep_stale()
    _warned.clear()
    if any(fstype == "cgroup" for _, fstype, _ in _mounts()):
        group = _create_v1(name, limits)
        if group is not None:
            return group
        _no_cgroup("cgroup v1: the memory and pids hierarchies cannot be used")
    return _create_v2(name, limits)


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
