"""The jail around every student process: what it hides, what it forbids, what it limits.

Each test starts a real program in a real :class:`~npmem.sandbox.box.Box` (namespaces, an
unprivileged user, cgroups, resource limits) and looks at what happened from the outside.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from npmem.grading.catalogue import ROOT
from npmem.sandbox.box import Box
from npmem.sandbox.settings import Limits, MiB

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as on CI")


def run_in_box(code: str, limits: Limits | None = None, timeout: float = 60, env=None):
    with Box(limits or Limits()) as box:
        proc = box.popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err, box.oom_kills(), box.protections


@root_only
def test_student_code_runs_as_nobody_in_a_private_filesystem(tmp_path):
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    (course / "gradebook.db").write_text("secret")
    paths = [
        str(p)
        for p in (
            course / "source",
            course / "gradebook.db",
            ROOT / "content",
            ROOT / "source",
            ROOT / "gradebook.db",
            ROOT / "exchange",
        )
    ]
    paths += ["/root/.cache", "/root/.gitconfig", "/work/shared", "/run/postgresql"]
    code = """
        import json, os
        paths = PATHS
        print(json.dumps({
            "uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(),
            "pid": os.getpid(), "cwd": os.getcwd(),
            "visible": [p for p in paths if os.path.exists(p)],
            "home": os.environ["HOME"], "env": sorted(os.environ),
            "tmp": os.access("/tmp", os.W_OK), "usr": os.access("/usr", os.W_OK),
            "numpy": __import__("numpy").ones(3).sum().item(),
            "npmem": __import__("npmem.checks").__name__,
        }))
    """.replace("PATHS", repr(paths))
    rc, out, err, _, protections = run_in_box(code)
    assert rc == 0, err
    seen = json.loads(out)
    assert seen["uid"] >= 1_000_000 and seen["uid"] == seen["gid"] and seen["groups"] == []
    assert seen["pid"] <= 3  # its own PID namespace: no other process to see or signal
    assert seen["visible"] == []
    assert seen["tmp"] and not seen["usr"]
    assert seen["numpy"] == 3.0 and seen["npmem"] == "npmem"
    assert not [k for k in seen["env"] if "TOKEN" in k or "DB" in k or k.startswith("JPY")]
    assert set(protections) >= {"user", "filesystem", "pid", "network", "memory", "pids"}


@root_only
def test_no_network_at_all():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        rc, out, err, *_ = run_in_box(f"""
            import socket
            for host in ("127.0.0.1", "1.1.1.1"):
                try:
                    socket.create_connection((host, {port}), timeout=2)
                    print(host, "connected")
                except OSError as e:
                    print(host, "refused", e.errno)
        """)
    finally:
        server.close()
    assert rc == 0, err
    assert "connected" not in out and out.count("refused") == 2


@root_only
def test_a_memory_bomb_is_stopped_and_reported():
    rc, out, err, ooms, _ = run_in_box("""
        import numpy as np
        blocks = []
        try:
            while True:
                blocks.append(np.ones(10**8))  # 800 MB, touched
        except MemoryError:
            print("MemoryError after", len(blocks))
    """)
    # the address-space limit answers first (MemoryError), or the cgroup kills it
    assert ("MemoryError" in out and rc == 0) or (rc == 137 and ooms >= 1), (rc, out, err)


@root_only
def test_a_fork_bomb_hits_the_process_limit():
    rc, out, err, *_ = run_in_box(
        """
        import os, time
        n = 0
        try:
            while True:
                if os.fork() == 0:
                    time.sleep(60)
                    os._exit(0)
                n += 1
        except OSError as e:
            print("stopped after", n, "forks:", e.errno)
    """,
        limits=Limits(pids=32),
        timeout=60,
    )
    assert rc == 0, err
    assert "stopped after" in out and int(out.split()[2]) < 32


@root_only
def test_disk_writes_stop_at_the_file_size_and_tmp_size_limits():
    rc, out, err, *_ = run_in_box(
        """
        import os
        chunk = b"x" * 2**20
        for name, limit in (("/tmp/one", 2000), ("/tmp/a", 60), ("/tmp/b", 60)):
            n = 0
            try:
                with open(name, "wb") as f:
                    for n in range(limit):
                        f.write(chunk)
                        f.flush()
            except OSError as e:
                print(name, "stopped at", n, "MiB", e.strerror)
        try:
            open(os.path.expanduser("~/../../etc/passwd-x"), "w")
        except OSError as e:
            print("etc", e.strerror)
    """,
        limits=Limits(file_size=64 * MiB, tmp_size=100 * MiB),
    )
    assert rc == 0, err
    assert "/tmp/one stopped at 64 MiB File too large" in out, out
    assert "/tmp/b stopped at" in out and "No space left" in out, out
    assert "etc Read-only file system" in out or "etc Permission denied" in out, out


@root_only
def test_cpu_time_is_limited():
    rc, out, err, *_ = run_in_box("while True: pass", limits=Limits(cpu_seconds=2), timeout=30)
    assert rc in (128 + 24, 137), (rc, err)  # SIGXCPU, or SIGKILL at the hard limit


def test_the_fallback_without_root_still_limits_and_isolates_tmp():
    # not root and no user namespaces (so no bubblewrap): resource limits only
    rc, out, err, _, protections = run_in_box(
        """
        import json, os, resource, tempfile
        print(json.dumps({
            "as": resource.getrlimit(resource.RLIMIT_AS)[0],
            "fsize": resource.getrlimit(resource.RLIMIT_FSIZE)[0],
            "tmp": tempfile.gettempdir(), "cwd": os.getcwd(), "home": os.environ["HOME"],
        }))
    """,
        Limits(mode="plain", isolation="none"),
    )
    assert rc == 0, err
    seen = json.loads(out)
    limits = Limits()
    assert (seen["as"], seen["fsize"]) == (limits.address_space, limits.file_size)
    assert seen["tmp"] != "/tmp" and seen["cwd"].startswith(seen["tmp"])
    assert seen["home"].startswith(seen["tmp"])
    assert protections == ["rlimits"]


PEEK = """
    import ctypes, json, os
    st = open("/proc/self/status").read()
    libc = ctypes.CDLL(None, use_errno=True)
    nested = libc.unshare(0x10000000) == 0  # CLONE_NEWUSER
    print(json.dumps({
        "uid": os.getuid(), "pid": os.getpid(),
        "procs": sum(p.isdigit() for p in os.listdir("/proc")),
        "cap": st.split("CapEff:")[1].split()[0], "nnp": st.split("NoNewPrivs:")[1].split()[0],
        "nested_userns": nested, "visible": [p for p in PATHS if os.path.exists(p)],
        "tmp": os.access("/tmp", os.W_OK), "home": os.access(os.environ["HOME"], os.W_OK),
        "usr": os.access("/usr", os.W_OK), "root": sorted(os.listdir("/")),
    }))
"""


def peek(paths: list[str], limits: Limits | None = None) -> dict:
    rc, out, err, _, protections = run_in_box(PEEK.replace("PATHS", repr(paths)), limits)
    assert rc == 0, err
    return {**json.loads(out), "protections": protections}


@root_only
def test_as_root_bubblewrap_runs_a_separate_uid_without_privileges(tmp_path):
    from npmem.sandbox.box import isolation

    if isolation(Limits()) != "bwrap":
        pytest.skip("bubblewrap cannot run here (see the warning)")
    secret = tmp_path / "gradebook.db"
    secret.write_text("x")
    paths = [str(secret), str(ROOT / "source"), "/root/.cache", "/root/.bashrc", "/work/shared"]
    seen = peek(paths)
    assert seen["uid"] >= 1_000_000 and seen["cap"] == "0000000000000000" and seen["nnp"] == "1"
    assert not seen["nested_userns"] and seen["visible"] == []
    assert seen["procs"] <= 3 and seen["tmp"] and seen["home"] and not seen["usr"]
    assert "no-user-namespaces" in seen["protections"] and "user" in seen["protections"]


def test_without_root_bubblewrap_still_gives_a_private_root(tmp_path):
    """An ordinary user (``plain`` mode) gets an unprivileged bubblewrap sandbox."""
    from npmem.sandbox import box

    plain = Limits(mode="plain")
    if not box.bwrap_works(root=False, limits=plain):
        pytest.skip(f"no user namespaces for bubblewrap here: {box._bwrap_failure}")
    secret = tmp_path / "gradebook.db"
    secret.write_text("x")
    paths = [str(secret), str(ROOT / "source"), str(ROOT / "gradebook.db"), "/work/shared"]
    seen = peek(paths, plain)
    assert seen["uid"] == os.getuid() and seen["cap"] == "0000000000000000"
    assert seen["nnp"] == "1" and not seen["nested_userns"] and seen["visible"] == []
    assert seen["procs"] <= 2 and seen["tmp"] and not seen["usr"]
    assert set(seen["protections"]) >= {"filesystem", "pid", "network", "no-user-namespaces"}
