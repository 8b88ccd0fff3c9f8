"""One sandbox: a user id, a cgroup and a jail for a tree of student processes.

``with Box(limits) as box: proc = box.popen([...])`` starts a program through
:mod:`npmem.sandbox.jail`; leaving the block kills whatever is left and frees the uid, the
cgroup and the scratch directories. :func:`mode` says whether the grader is root (a uid
and cgroups of the sandbox's own) or not (``NPMEM_SANDBOX_MODE=plain`` forces the latter,
for comparison and tests); :func:`isolation` is bubblewrap, or refuses.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import cgroups, identity, jail
from .settings import THREAD_ENV, Limits

KERNEL_HOME = "/tmp/home"


def mode(limits: Limits) -> str:
    """``root`` (namespaces, a separate user, cgroups) or ``plain`` (resource limits only)."""
    forced = limits.mode.lower()
    if forced in ("root", "plain"):
        return forced
    return "root" if os.geteuid() == 0 and sys.platform.startswith("linux") else "plain"


class SandboxUnavailable(RuntimeError):
    """Secure grading cannot isolate here, and weaker isolation was not asked for."""


def isolation(limits: Limits) -> str:
    """How the box isolates: ``bwrap``, or ``none`` when ``limits.isolation`` says so.

    bubblewrap is the isolation. Where it cannot run, grading refuses in one line
    (:class:`SandboxUnavailable`) unless ``none`` was asked for explicitly: then student
    code runs with resource limits only (and, as root, a uid of its own), said once,
    loudly, on stderr.
    """
    forced = limits.isolation.lower()
    root = mode(limits) == "root"
    if forced == "none":
        say_once(
            "NO ISOLATION (Sandbox.isolation = 'none'): student code sees this machine's "
            "files and network, limited only by resource limits"
            + (" and a uid of its own" if root else "")
        )
        return "none"
    if forced not in ("", "bwrap"):
        raise SandboxUnavailable(
            f"Sandbox.isolation={forced!r}: expected 'bwrap', 'none' or nothing"
        )
    if bwrap_works(root, limits):
        return "bwrap"
    why = _bwrap_failure or "bubblewrap is not installed (apt-get install bubblewrap)"
    raise SandboxUnavailable(
        f"secure grading needs bubblewrap, which cannot run here ({why}); install it "
        "(apt-get install bubblewrap), enable unprivileged user namespaces, or set "
        "c.Sandbox.isolation = 'none' (or NPMEM_SANDBOX_ISOLATION=none) to grade with "
        "resource limits only"
    )


_bwrap_checked: dict[bool, bool] = {}
_bwrap_failure = ""


def bwrap_works(root: bool, limits: Limits) -> bool:
    """Whether an unprivileged bubblewrap sandbox starts here (tried once per process)."""
    global _bwrap_failure
    if root in _bwrap_checked:
        return _bwrap_checked[root]
    ok = False
    if shutil.which("bwrap") is None:
        _bwrap_failure = "bubblewrap is not installed (apt-get install bubblewrap)"
    else:
        probe = jail.spec(
            ["/bin/true"],
            mode="root" if root else "plain",
            limits=Limits(),
            uid=limits.uid_base + identity.SLOTS if root else None,
            gid=limits.uid_base + identity.SLOTS if root else None,
            env={"PATH": "/usr/bin:/bin"},
            cwd="/tmp/work",
            isolation="bwrap",
        )
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            argv = jail.bwrap_argv(probe, Path(tmp))
            try:
                proc = subprocess.run(argv, capture_output=True, text=True, timeout=30)
                ok = proc.returncode == 0
                _bwrap_failure = "" if ok else (proc.stderr.strip().splitlines() or ["?"])[-1]
            except (OSError, subprocess.TimeoutExpired) as err:
                _bwrap_failure = str(err)
    _bwrap_checked[root] = ok
    return ok


def base_env(home: str) -> dict[str, str]:
    """A clean environment: nothing of the grader's leaks in (no tokens, no DB URLs)."""
    env = {
        "PATH": os.pathsep.join(
            [str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]
        ),
        "HOME": home,
        "TMPDIR": str(Path(home).parent),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "agg",
        "MPLCONFIGDIR": f"{home}/.config/matplotlib",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        **THREAD_ENV,
    }
    # The course's explorers stay idle while a notebook is graded.
    for name in ("NBGRADER_EXECUTION", "NPMEM_HEADLESS"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def matplotlib_cache() -> list[tuple[str, str]]:
    """The grader's font cache, copied in so that matplotlib does not rebuild it each time."""
    dirs = [
        os.environ.get("MPLCONFIGDIR", ""),
        os.path.expanduser("~/.cache/matplotlib"),
        os.path.expanduser("~/.config/matplotlib"),
    ]
    for d in dirs:
        found = sorted(glob.glob(os.path.join(d, "fontlist-*.json"))) if d else []
        if found:
            name = os.path.basename(found[-1])
            return [(found[-1], f"{KERNEL_HOME}/.config/matplotlib/{name}")]
    return []


_said: set[str] = set()


def say_once(text: str) -> None:
    """One line on stderr, once per process."""
    if text not in _said:
        _said.add(text)
        print(f"npmem sandbox: WARNING: {text}", file=sys.stderr, flush=True)


def no_cgroup_warning(limits: Limits) -> str:
    why = cgroups.last_failure() or "no usable cgroup filesystem"
    text = (
        f"no cgroup ({why}): the {limits.memory / 2**30:g} GiB and {limits.pids}-process "
        "limits hold per process (rlimits), not for the whole process tree"
    )
    say_once(text)
    return text


class Box:
    """A sandbox for one student process tree (a kernel, or one verification run)."""

    def __init__(self, limits: Limits, *, network: bool = False):
        self.limits = limits
        self.network = network
        self.mode = mode(limits)
        self.isolation = isolation(limits)
        self.identity: identity.Identity | None = None
        self.cgroup: cgroups.Cgroup | None = None
        self.workdir: Path | None = None
        self.protections: list[str] = []
        self.warnings: list[str] = []  # protections asked for and not had

    def __enter__(self) -> Box:
        base = identity.state_dir(self.limits) if self.mode == "root" else None
        self.workdir = Path(tempfile.mkdtemp(prefix="box-", dir=base))
        if self.mode == "root":
            self.identity = identity.allocate(self.limits)
            self.cgroup = cgroups.create(self.limits)
            self.protections.append("user")
            if self.cgroup:
                self.protections += ["memory", "pids", "cpu"]
            else:
                self.warnings.append(no_cgroup_warning(self.limits))
        (self.workdir / "tmp").mkdir(mode=0o700)
        if self.identity:
            os.chmod(self.workdir, 0o711)  # the program's private /tmp is inside
        if self.private_root:
            self.protections += ["filesystem", "pid", "" if self.network else "network"]
        if self.isolation == "bwrap":
            self.protections.append("no-user-namespaces")
        elif self.isolation == "none":
            self.warnings.append("no isolation: Sandbox.isolation is 'none'")
        self.protections = [p for p in self.protections if p] + ["rlimits"]
        return self

    @property
    def private_root(self) -> bool:
        """Whether the program sees a root filesystem of its own (not the host's)."""
        return self.isolation == "bwrap"

    @property
    def home(self) -> str:
        if self.private_root:
            return KERNEL_HOME
        assert self.workdir is not None  # set by __enter__
        return str(self.workdir / "tmp" / "home")

    def spec(
        self,
        argv: list[str],
        *,
        rw_binds=(),
        copy_in=(),
        env=None,
        wall_seconds: float | None = None,
    ) -> dict:
        ident = self.identity
        assert self.workdir is not None  # set by __enter__
        return jail.spec(
            argv,
            mode=self.mode,
            limits=self.limits,
            uid=ident.uid if ident else None,
            gid=ident.gid if ident else None,
            cgroup_procs=self.cgroup.procs_files if self.cgroup else [],
            network=self.network,
            rw_binds=rw_binds,
            copy_in=list(copy_in),
            env={**base_env(self.home), **(env or {})},
            wall_seconds=wall_seconds,
            private_tmp=str(self.workdir / "tmp"),
            isolation=self.isolation,
        )

    def popen(
        self,
        argv: list[str],
        *,
        rw_binds=(),
        copy_in=(),
        env=None,
        wall_seconds: float | None = None,
        **popen_kwargs,
    ) -> subprocess.Popen:
        s = self.spec(
            argv,
            rw_binds=rw_binds,
            copy_in=[*matplotlib_cache(), *copy_in],
            env=env,
            wall_seconds=wall_seconds,
        )
        return subprocess.Popen(jail.command(s), close_fds=True, **popen_kwargs)

    def chown(self, path: Path) -> None:
        """Hand a host directory (bound into the jail) to the sandbox user."""
        if self.identity:
            os.chown(path, self.identity.uid, self.identity.gid)

    def oom_kills(self) -> int:
        return self.cgroup.oom_kills() if self.cgroup else 0

    def kill_all(self) -> None:
        if self.cgroup:
            self.cgroup.kill_all()

    def __exit__(self, *exc) -> None:
        if self.cgroup:
            self.cgroup.remove()
        if self.identity:
            self.identity.release()
        if self.workdir:
            with contextlib.suppress(OSError):
                shutil.rmtree(self.workdir)
