"""Start one program inside the sandbox: the helper behind :meth:`npmem.sandbox.box.Box.popen`.

The grader never runs student code itself. It starts this small helper (as root, in one
thread, so that it may fork safely) with a JSON ``SPEC`` built by :func:`spec`; the helper

1. joins the sandbox's cgroups (so that everything it starts is counted and can be killed);
2. forks a child that applies the resource limits and starts the program through
   bubblewrap (:func:`bwrap_argv`): as root the child first becomes the sandbox's
   unprivileged user (``setpriv``: no groups, no capabilities, ``no_new_privs``), then an
   unprivileged ``bwrap`` builds a private root filesystem that holds only what Python
   needs, read-only (``/usr``, ``/etc``, the Python installation and virtual environment,
   the ``npmem`` package, a minimal ``/dev``, a fresh ``/proc``) and a private,
   size-limited ``/tmp`` (the only writable place), in new user, mount, PID, IPC, UTS,
   cgroup and network namespaces, with nested user namespaces disabled
   (``--disable-userns``) and the program killed when the helper dies
   (``--die-with-parent``). Without root the same happens under the grader's own uid. The
   course directory, the gradebook, the exchange, other students' files, ``/root``,
   ``/run`` and the rest of the machine are simply not there;
3. waits, forwards SIGINT/SIGTERM, kills the program after the wall-clock limit and exits
   with its status (128 + signal number when it was killed).

``isolation="none"`` (only when asked for explicitly, ``NPMEM_SANDBOX_ISOLATION=none``,
where bubblewrap cannot run) keeps what needs no namespaces: resource limits, a scrubbed
environment, a private temporary directory and, as root, the sandbox's own uid.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from npmem.grading.interpreter import python_c

PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38

RLIMITS = {
    "as": resource.RLIMIT_AS,
    "cpu": resource.RLIMIT_CPU,
    "fsize": resource.RLIMIT_FSIZE,
    "nofile": resource.RLIMIT_NOFILE,
    "nproc": resource.RLIMIT_NPROC,
    "core": resource.RLIMIT_CORE,
}

_libc = ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def prctl(option: int, value: int) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


# --------------------------------------------------------------------------- parent side


def spec(
    argv: list[str],
    *,
    mode: str,
    limits,
    uid: int | None = None,
    gid: int | None = None,
    cgroup_procs: Sequence[str] = (),
    network: bool = False,
    rw_binds: Sequence[tuple[str, str]] = (),
    copy_in: Sequence[tuple[str, str]] = (),
    env: dict[str, str] | None = None,
    cwd: str = "/tmp/work",
    wall_seconds: float | None = None,
    private_tmp: str | None = None,
    isolation: str | None = None,
) -> dict:
    """The helper's instructions, as a JSON-able dict."""
    if isolation is None:
        isolation = "bwrap"
    return {
        "argv": list(argv),
        "mode": mode,
        "isolation": isolation,
        "uid": uid,
        "gid": gid,
        "cgroup_procs": list(cgroup_procs),
        "network": network,
        "ro_binds": visible_paths(),
        "rw_binds": [list(b) for b in rw_binds],
        "copy_in": [list(c) for c in copy_in],
        "tmp_size": limits.tmp_size,
        "rlimits": {
            "as": limits.address_space,
            "cpu": limits.cpu_seconds,
            "fsize": limits.file_size,
            "nofile": limits.open_files,
            "nproc": limits.pids,
            "core": 0,
        },
        "env": env or {},
        "cwd": cwd,
        "wall_seconds": wall_seconds,
        "private_tmp": private_tmp,
    }


def command(spec_: dict) -> list[str]:
    """The command line that runs the helper with ``spec_``."""
    return [
        *python_c("from npmem.sandbox.jail import main; sys.exit(main(sys.argv))"),
        json.dumps(spec_),
    ]


def visible_paths() -> list[str]:
    """Host directories the sandbox sees, read-only: the system and this Python, nothing else."""
    import npmem

    paths = {"/usr", "/etc"}
    for p in (sys.base_prefix, sys.prefix, *npmem.__path__):
        paths.add(os.path.realpath(p))
    # package directories reached through a .pth file (another environment's packages)
    for p in sys.path:
        if os.path.basename(p) in ("site-packages", "dist-packages") and os.path.isdir(p):
            paths.add(os.path.realpath(p))
    # the directory of the real interpreter, if it lives outside its prefix
    paths.add(os.path.dirname(os.path.realpath(sys.executable)))
    keep = sorted(paths)
    # drop paths already inside another one
    return [p for p in keep if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in keep)]


# ---------------------------------------------------------------------------- jail side


def _prepare_home(s: dict, base: Path, uid: int | None, gid: int | None) -> None:
    """/tmp/home and the working directory, owned by the sandbox user; copied-in files."""
    for sub in ("home", "work"):
        d = base / sub
        d.mkdir(mode=0o700, exist_ok=True)
        if uid is not None:
            assert gid is not None  # spec() is given both or neither
            os.chown(d, uid, gid)
    for src, dst in s["copy_in"]:
        target = base / Path(dst).relative_to("/tmp")  # dst is a path in the jail's /tmp
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        if uid is not None:
            assert gid is not None
            for p in [target, *target.relative_to(base).parents]:
                full = base / p
                if full != base:
                    os.chown(full, uid, gid)


def apply_rlimits(limits: dict[str, int]) -> None:
    for name, value in limits.items():
        if value is None:
            continue
        if name == "nproc" and os.geteuid() != 0:
            # counted per real user: leave room for what this user already runs
            value += _user_process_count()
        _soft, hard = resource.getrlimit(RLIMITS[name])
        # CPU: SIGXCPU (reported as such) at the limit, SIGKILL a few seconds later
        new_hard = value + 5 if name == "cpu" else value
        if hard != resource.RLIM_INFINITY:
            value, new_hard = min(value, hard), min(new_hard, hard)
        resource.setrlimit(RLIMITS[name], (value, new_hard))


def _user_process_count() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return count


SETPRIV = "setpriv"


def bwrap_argv(s: dict, stage: Path) -> list[str]:
    """The command that runs the program in a private root built by bubblewrap.

    Without root: one unprivileged ``bwrap`` in new user, mount, PID, IPC, UTS, cgroup and
    network namespaces, nested user namespaces disabled. As root: ``bwrap`` builds the
    private root (as root, so that it can bind an interpreter that lives in a directory
    the sandbox's user may not enter, such as ``/root/.pyenv``), then ``setpriv`` becomes
    the sandbox's user (no groups, no capabilities, ``no_new_privs``) and an inner,
    unprivileged ``bwrap`` adds a user namespace in which further user namespaces are
    disabled. ``stage`` is a host directory holding the files to copy in (bound read-only
    at their place in the private ``/tmp``).
    """
    bwrap = shutil.which("bwrap") or "bwrap"
    as_root = s["uid"] is not None
    argv = [bwrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if not as_root:  # (--cap-drop: a root caller would otherwise keep its capabilities)
        argv += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
    if not s["network"]:
        argv.append("--unshare-net")
    argv += ["--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if not as_root:
        argv.append("--as-pid-1")
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / name
        if host.is_symlink():
            argv += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            argv += ["--ro-bind", str(host), f"/{name}"]
    # the private /tmp first: a course or virtual environment that itself lives under the
    # host's /tmp is then bound inside it instead of hidden by it
    argv += ["--size", str(s["tmp_size"]), "--perms", "1777", "--tmpfs", "/tmp"]
    made = {"/", "/tmp"}

    def parents(path: str) -> list[str]:
        """``--dir`` for each missing parent: traversable, whatever the host's say."""
        dirs = []
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                dirs += ["--perms", "0755", "--dir", str(parent)]
        return dirs

    for path in s["ro_binds"]:
        argv += [*parents(path), "--ro-bind", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    perms = "1777" if as_root else "0700"  # made by root, used by the sandbox's user
    argv += ["--perms", perms, "--dir", "/tmp/home", "--perms", perms, "--dir", "/tmp/work"]
    for n, (_src, dst) in enumerate(s["copy_in"]):
        argv += ["--ro-bind", str(stage / str(n)), dst]
    for src, dst in s["rw_binds"]:
        argv += [*parents(dst), "--bind", src, dst]
    argv += ["--chdir", s["cwd"], "--"]
    if as_root:
        argv += [
            SETPRIV,
            f"--reuid={s['uid']}",
            f"--regid={s['gid']}",
            "--clear-groups",
            "--no-new-privs",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--",
            bwrap,
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--dev-bind",
            "/",
            "/",
            "--chdir",
            s["cwd"],
            "--",
        ]
    return argv + list(s["argv"])


def _stage(s: dict, stage: Path) -> None:
    """Copies of the files to copy in (bubblewrap binds them read-only)."""
    stage.mkdir(mode=0o700, exist_ok=True)
    for n, (src, _dst) in enumerate(s["copy_in"]):
        shutil.copyfile(src, stage / str(n))
        os.chmod(stage / str(n), 0o644)


def _bwrap_child(s: dict) -> None:
    """In the helper's child: limits, then ``[setpriv] bwrap``; never returns."""
    stage = Path(s["private_tmp"]) / "stage"
    _stage(s, stage)
    apply_rlimits(s["rlimits"])
    prctl(PR_SET_NO_NEW_PRIVS, 1)  # bubblewrap is not set-uid; nothing here may gain rights
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    argv = bwrap_argv(s, stage)
    path = shutil.which(argv[0]) or argv[0]
    os.execve(path, argv, s["env"])


def program_pids(pid: int) -> list[int]:
    """The program's processes under a bubblewrap started as ``pid``: its descendants that
    are neither ``setpriv`` nor ``bwrap`` (signals for the program go to these)."""
    return chain(pid)[1]


def chain(pid: int) -> tuple[list[int], list[int]]:
    """(the ``bwrap``/``setpriv`` processes below ``pid``, the first other processes below
    them: the program)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    wrappers, found, todo = [], [], list(children.get(pid, []))
    while todo:
        p = todo.pop()
        try:
            comm = Path(f"/proc/{p}/comm").read_text().strip()
        except OSError:
            continue
        if comm in ("bwrap", "setpriv"):
            wrappers.append(p)
            todo += children.get(p, [])
        else:
            found.append(p)
    return wrappers, found


def _child(s: dict) -> None:
    """Without isolation (asked for explicitly): limits, the sandbox's uid; never returns."""
    uid, gid = s["uid"], s["gid"]
    _prepare_home(s, Path(s["private_tmp"]), uid, gid)
    apply_rlimits(s["rlimits"])
    if uid is not None:
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    os.chdir(str(Path(s["private_tmp"]) / "work"))
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    os.execve(s["argv"][0], s["argv"], s["env"])


def run(s: dict) -> int:
    for path in s["cgroup_procs"]:
        with open(path, "w") as fh:
            fh.write(str(os.getpid()))
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    bwrap = s.get("isolation") == "bwrap"
    pid = os.fork()
    if pid == 0:
        try:
            _bwrap_child(s) if bwrap else _child(s)
        except BaseException as err:  # the program never started
            os.write(2, f"npmem sandbox: cannot start {s['argv'][:3]}: {err}\n".encode())
        os._exit(127)

    def forward(signum, _frame):
        # bubblewrap does not pass signals on: an interrupt goes to the program itself
        targets = program_pids(pid) if bwrap and signum == signal.SIGINT else [pid]
        for target in targets or [pid]:
            try:
                os.kill(target, signum)
            except ProcessLookupError:
                pass

    def expire(_signum, _frame):
        forward(signal.SIGKILL, None)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(sig, forward)
    if s.get("wall_seconds"):
        signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, float(s["wall_seconds"]))
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            return 127
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def main(argv: list[str]) -> int:
    return run(json.loads(argv[1]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
