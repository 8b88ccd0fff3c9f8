"""Grading as an ordinary user: bubblewrap's unprivileged sandbox, checked from outside.

As root (CI), the test creates a user with ``useradd``, hands it a course directory and
runs ``nbgrader autograde`` as that user, with the course's config. Among the hand-ins,
one student's answers are correct only if the code could open the course's ``source/``
notebook, the gradebook or another student's submission; a memory bomb, a fork bomb and an
infinite loop come from the adversarial suite. The Python that runs the grader must be
one that user may execute: when this machine's lives in a directory closed to others
(``/root/.pyenv``), a throw-away environment over the system's ``python3.11`` with this
environment's packages is used instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from npmem.dev.samples import fill, solutions, test_points
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores

from helpers import make_course, submit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="creates a user: needs root, as on CI"),
]
USER = "npmem-grader"
AID = "01-strides"
NB = ASSIGNMENTS[AID]
# each answer is the reference one if the file it names could be read, else None
PEEK = """
import os as _os
def _peek(path):
    try:
        with open(path, "rb") as fh:
            return len(fh.read(10)) > 0
    except OSError:
        return False
_SEEN = _peek({path!r})
{solution}
if not _SEEN:
    def {name}(*args, **kwargs):
        return None
"""


def user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            check=True,
        )
        return pwd.getpwnam(USER)


def as_user(pw, argv, **kw) -> subprocess.CompletedProcess:
    drop = [
        "setpriv",
        f"--reuid={pw.pw_uid}",
        f"--regid={pw.pw_gid}",
        "--clear-groups",
        "--",
    ]
    return subprocess.run(drop + argv, capture_output=True, text=True, **kw)


def runs(pw, python: str, cwd: Path) -> subprocess.CompletedProcess:
    argv = ["env", "-i", f"HOME={cwd}", python, "-c", "import nbgrader, numpy, npmem"]
    return as_user(pw, argv, cwd=cwd)


def open_to_others(path: str) -> bool:
    """Every directory above the real file lets others through."""
    return all(p.stat().st_mode & 0o001 for p in Path(os.path.realpath(path)).parents)


def grader_python(pw, tmp: Path) -> str:
    """A Python the user may run, with this environment's packages."""
    home = tmp / "home"
    if open_to_others(sys.executable) and runs(pw, sys.executable, home).returncode == 0:
        return sys.executable
    found = [p for p in ("/usr/bin/python3.11", "/usr/local/bin/python3.11") if Path(p).exists()]
    system = next((p for p in found if open_to_others(p)), None)
    if system is None:
        pytest.skip("no Python 3.11 that an unprivileged user may run")
    env = tmp / "venv"
    subprocess.run([system, "-m", "venv", "--without-pip", str(env)], check=True)
    (site,) = (env / "lib").glob("python3.11/site-packages")
    here = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    lines = [f"import site; site.addsitedir({p!r})" for p in here]  # their .pth files too
    (site / "npmem-grader.pth").write_text("\n".join(lines) + "\n")
    for path in [env, *env.rglob("*")]:  # whatever this process's umask
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    python = str(env / "bin" / "python")
    check = runs(pw, python, home)
    if check.returncode != 0:
        pytest.skip(f"no usable Python for {USER}: {check.stderr[-600:]}")
    return python


@pytest.fixture
def scratch():
    """A directory the grader's user can reach (pytest's own is closed to others)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="npmem-nonroot-"))
    os.chmod(path, 0o711)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_grading_as_an_ordinary_user_keeps_the_course_out_of_reach(scratch):
    import test_adversarial as adv

    tmp_path = scratch
    pw = user()
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, pw.pw_uid, pw.pw_gid)
    python = grader_python(pw, tmp_path)
    course = make_course(tmp_path)
    nbg.run("generate_assignment", AID, "--force", cwd=course)
    release = nbformat.read(course / "release" / AID / f"{NB}.ipynb", as_version=4)
    ref = solutions(AID, ROOT)
    submit(course, "alice", AID, fill(release, ref))
    targets = {
        "strides_for": course / "source" / AID / f"{NB}.ipynb",
        "byte_offset": course / "gradebook.db",
        "slice_layout": course / "submitted" / "alice" / AID / f"{NB}.ipynb",
    }
    peeks = {
        gid: PEEK.format(path=str(path), solution=ref[gid], name=gid)
        for gid, path in targets.items()
    }
    submit(course, "mallory", AID, fill(release, peeks))
    bombs = [adv.by_name(n) for n in ("memory_bomb", "fork_bomb", "infinite_loop")]
    for attack in bombs:
        submit(course, attack.student, AID, adv.build(attack, release, 9))
    # the course belongs to the grader; nothing of it is world-readable
    for path in [course, home, *course.rglob("*")]:
        os.chown(path, pw.pw_uid, pw.pw_gid)
    os.chmod(course, 0o700)
    env = {
        "HOME": str(home),
        "PATH": f"{Path(python).parent}:/usr/bin:/bin",
        "NPMEM_SANDBOX": "on",
        "NPMEM_SANDBOX_VERIFY_TIMEOUT": "10",
    }
    common = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), python, "-m", "nbgrader"]
    proc = as_user(pw, [*common, "autograde", AID, "--force"], cwd=course, timeout=1200)
    log = proc.stdout[-2000:] + proc.stderr[-4000:]
    assert "NO ISOLATION" not in log, log
    points = {k: float(v) for k, v in test_points(release).items()}
    assert cell_scores(course, AID, NB, "alice") == points, log
    # none of the three files could be read: those answers were never defined
    got = cell_scores(course, AID, NB, "mallory")
    assert got is not None, log
    for gid in targets:
        assert got[f"test_{gid}"] == 0, (gid, got)
    for attack in bombs:
        assert cell_scores(course, AID, NB, attack.student) == attack.expected("OURS", points), (
            attack.name,
            log,
        )
