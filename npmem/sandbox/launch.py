"""The sandboxed kernel: ``python -m npmem.sandbox.launch -f CONNECTION_FILE [kernel args]``.

This is the ``argv`` of the ``npmem-sandbox`` kernelspec (see :mod:`.kernelspec`), so any
Jupyter client that starts that kernel, ``nbgrader autograde`` included, gets a sandboxed
IPython kernel without knowing it. The launcher itself stays outside, as the grader's
user: it sets up a :class:`~.box.Box` (user, cgroup, jail), starts ``ipykernel`` inside it
on Unix sockets, and runs the :class:`~.proxy.Proxy` between the client's ports and those
sockets until the kernel is shut down. Interrupts (SIGINT) are passed on to the kernel.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import jail
from .box import Box
from .proxy import Proxy, kernel_urls
from .settings import Limits

INSIDE = "/run/kernel"  # where the kernel sees the shared socket directory
# A cell that leaves this many processes behind (alive or exited) gets a fresh kernel.
LEFTOVERS_RESTART = 8
LOG_CAP = 64 * 1024  # bytes of the kernel's own stdout/stderr passed to the grader's log


class Kernel:
    """One incarnation after another of ipykernel in the box."""

    def __init__(self, box: Box, connection: dict, extra_args: list[str]):
        self.box = box
        assert box.workdir is not None  # an entered box
        self.sockets = box.workdir / "ipc"
        self.sockets.mkdir(mode=0o700)
        box.chown(self.sockets)
        self.inside = INSIDE if box.private_root else str(self.sockets)
        info = {
            "transport": "ipc",
            "ip": f"{self.inside}/k",
            "key": connection["key"],
            "signature_scheme": connection.get("signature_scheme", "hmac-sha256"),
            "shell_port": 1,
            "iopub_port": 2,
            "stdin_port": 3,
            "control_port": 4,
            "hb_port": 5,
            "kernel_name": connection.get("kernel_name", ""),
        }
        path = self.sockets / "connection.json"
        path.write_text(json.dumps(info))
        os.chmod(path, 0o600)
        box.chown(path)
        # parent_handle=1: no parent polling (PID 1 has no parent to poll) and no banner
        self.argv = [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            f"{self.inside}/connection.json",
            "--IPKernelApp.parent_handle=1",
            *extra_args,
        ]
        self.proc: subprocess.Popen | None = None
        self.logged = 0
        self.oom_seen = 0
        self.vm_peak = 0

    def start(self) -> None:
        for stale in self.sockets.glob("k-*"):
            stale.unlink()
        binds = [(str(self.sockets), INSIDE)] if self.box.private_root else []
        self.proc = self.box.popen(
            self.argv,
            rw_binds=binds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert self.proc.stdout is not None  # stdout=PIPE
        fl = fcntl.fcntl(self.proc.stdout, fcntl.F_GETFL)
        fcntl.fcntl(self.proc.stdout, fcntl.F_SETFL, fl | os.O_NONBLOCK)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """Kill the kernel and everything it started; return once all of it is reaped.

        The program dies first, not the jail helper above it: the helper reaps it (and the
        death of a PID namespace's first process takes every other one with it, reaped),
        then exits. Killing the helper first would leave the kernel's remains to the
        machine's init, to be reaped whenever it gets round to it, and until then they
        count against the process limit of the kernel started next.
        """
        if self.alive():
            assert self.proc is not None
            if self.box.cgroup is not None:
                for pid in self.box.cgroup.pids() - {self.proc.pid}:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, signal.SIGKILL)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(5)
        self.box.kill_all()

    def signal(self, signum: int) -> None:
        if self.alive():
            assert self.proc is not None
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signum)

    def reap(self) -> bool:
        """Processes a cell started do not outlive it: kill all but the kernel itself.

        True when a cell left enough of them behind, alive or exited, that their remains
        (zombies, which the kernel never waits for) would eat into the process limit: the
        kernel is then restarted (see the proxy). One or two, such as the sampling process
        ``memory_profiler`` does not wait long enough for, cost nothing and are only killed.
        """
        if not self.alive() or self.box.cgroup is None:
            return False
        assert self.proc is not None
        if self.box.isolation == "bwrap":  # helper -> bwrap [-> setpriv -> bwrap] -> kernel
            wrappers, kernels = jail.chain(self.proc.pid)
        else:  # helper -> kernel
            wrappers, kernels = [], children(self.proc.pid)
        keep = {self.proc.pid, *wrappers, *kernels}
        for pid in kernels:
            self.vm_peak = max(self.vm_peak, vm_peak(pid))
        strays = self.box.cgroup.pids() - keep
        for pid in strays:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        # Children that exited already are zombies: gone from the cgroup's process list
        # but still held against its process limit until the kernel is replaced.
        zombies = {c for pid in kernels for c in children(pid) if is_zombie(c)}
        return len(strays | zombies) >= LEFTOVERS_RESTART

    def why_dead(self) -> str:
        code = self.proc.returncode if self.proc else None
        ooms = self.box.oom_kills()
        if ooms > self.oom_seen:
            self.oom_seen = ooms
            return f"out of memory: the sandbox allows {self.box.limits.memory / 2**30:g} GiB"
        if code is None:
            return "it stopped"
        if code > 128:
            sig = code - 128
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            if sig == signal.SIGXCPU:
                return f"CPU time limit of {self.box.limits.cpu_seconds} s"
            return f"killed by {name}"
        return f"it exited with status {code}"

    def pump_log(self) -> None:
        """Pass the kernel's own stdout/stderr on to the grader's, up to LOG_CAP bytes."""
        if self.proc is None or self.proc.stdout is None:
            return
        with contextlib.suppress(BlockingIOError, ValueError, OSError, TypeError):
            data = self.proc.stdout.read(1 << 20)
            if data and self.logged < LOG_CAP:
                chunk = data[: LOG_CAP - self.logged]
                self.logged += len(chunk)
                sys.stderr.buffer.write(chunk)
                sys.stderr.flush()


def children(pid: int) -> list[int]:
    """Children of every thread of a process, zombies included."""
    found = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def is_zombie(pid: int) -> bool:
    with contextlib.suppress(OSError, IndexError):
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    return False


def vm_peak(pid: int) -> int:
    """Peak virtual memory of a process, in bytes (what RLIMIT_AS is compared with)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    return 0


def write_report(path: Path, box: Box, kernel: Kernel, proxy: Proxy) -> None:
    """What happened to this kernel, for the verifier's report (next to the notebook)."""
    report = {
        "protections": box.protections,
        "warnings": box.warnings,
        "mode": box.mode,
        "isolation": box.isolation,
        "restarts": proxy.stats.restarts,
        "deaths": proxy.stats.deaths,
        "watchdog_kills": proxy.stats.watchdog_kills,
        "truncated_cells": proxy.stats.truncated_cells,
        "peak_memory": box.cgroup.peak_memory() if box.cgroup else None,
        "kernel_vm_peak": kernel.vm_peak,
        "seconds": round(time.monotonic() - proxy.started, 2),
    }
    with contextlib.suppress(OSError):
        path.write_text(json.dumps(report, indent=1))


REPORT_NAME = ".sandbox-kernel.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m npmem.sandbox.launch")
    parser.add_argument("-f", dest="connection_file", required=True)
    args, extra = parser.parse_known_args(argv)
    connection = json.loads(Path(args.connection_file).read_text())
    limits = Limits.from_env()
    # if the client (nbgrader) dies without shutting us down, we get SIGTERM and clean up
    jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGTERM)
    stopping = []
    with Box(limits) as box:
        kernel = Kernel(box, connection, extra)
        proxy = Proxy(
            connection,
            kernel_urls(str(kernel.sockets)),
            limits,
            start_kernel=kernel.start,
            kernel_alive=kernel.alive,
            kill_kernel=kernel.kill,
            why_dead=kernel.why_dead,
            after_cell=kernel.reap,
        )

        def interrupt(*_):
            kernel.signal(signal.SIGINT)
            proxy.interrupted()

        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGHUP, lambda *_: stopping.append(True))
        kernel.start()
        try:
            proxy.run(stop=lambda: bool(stopping), tick=kernel.pump_log)
        finally:
            kernel.kill()
            proxy.close()
            write_report(Path.cwd() / REPORT_NAME, box, kernel, proxy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
