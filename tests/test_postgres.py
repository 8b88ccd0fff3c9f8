"""A PostgreSQL gradebook: a real server started here, on localhost, in a temporary folder.

initdb and pg_ctl refuse to run as root, so as root (CI) the server runs as ``nobody``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from npmem.dev.samples import build_submission, mutants
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores
from npmem.instructor.autograde import autograde

from helpers import make_course, submit

pytestmark = pytest.mark.slow

AID = "02-dtypes"
NB = ASSIGNMENTS[AID]


def pg_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """URL of a fresh database on a PostgreSQL server that lives for this module."""
    initdb, pg_ctl = pg_binary("initdb"), pg_binary("pg_ctl")
    if not (initdb and pg_ctl):
        why = "PostgreSQL server not installed (apt-get install postgresql; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(why)  # CI installs it: never skip there
        pytest.skip(why)
    import psycopg

    base = Path(tempfile.mkdtemp(prefix="npmem-pg-"))
    as_user = {}
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(base, nobody.pw_uid, nobody.pw_gid)
        as_user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    env = {"PATH": os.environ["PATH"], "LC_ALL": "C", "HOME": str(base)}
    data, port = base / "data", free_port()

    def pg(*args):
        subprocess.run(args, check=True, env=env, cwd=base, capture_output=True, **as_user)

    pg(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
    pg(pg_ctl, "-D", str(data), "-l", str(base / "server.log"), "-w", "-o",
       f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off", "start")  # fmt: skip
    try:
        admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE numpy_memory")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/numpy_memory"
    finally:
        pg(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_course(postgres, tmp_path_factory):
    """A course whose gradebook is the PostgreSQL database (NPMEM_DB_URL), graded by us."""
    old = os.environ.get("NPMEM_DB_URL")
    os.environ["NPMEM_DB_URL"] = postgres
    try:
        tmp = tmp_path_factory.mktemp("pg")
        course = make_course(tmp)
        nbg.run("generate_assignment", AID, "--force", cwd=course)
        # ben: the first wrong answer of every other exercise, the rest right
        wrong = {gid: sorted(names)[0] for gid, names in sorted(mutants(AID).items())[::2]}
        ben = {"*": "solution", **wrong}
        for sid, choices in {"ada": {"*": "solution"}, "cai": {}, "ben": ben}.items():
            submit(course, sid, AID, build_submission(AID, choices))
        (tmp / "stock").mkdir()
        stock = make_course(tmp / "stock")  # the same class, stock serial nbgrader, SQLite
        shutil.rmtree(stock / "submitted", ignore_errors=True)
        shutil.copytree(course / "submitted", stock / "submitted")
        yield course, stock, postgres
    finally:
        if old is None:
            del os.environ["NPMEM_DB_URL"]
        else:
            os.environ["NPMEM_DB_URL"] = old


def test_parallel_autograde_into_postgres_gives_the_serial_scores(pg_course):
    course, stock, url = pg_course
    env = {"NPMEM_DB_URL": ""}  # the stock course keeps its SQLite gradebook
    nbg.run("generate_assignment", AID, "--force", cwd=stock, env=env)
    nbg.run("autograde", AID, cwd=stock, env=env)
    result = autograde(course, [AID], jobs=2, say=lambda _: None)
    assert not result.failed and len(result.graded) == 3
    assert not (course / "gradebook.db").exists(), "grades went to SQLite, not PostgreSQL"
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        rows = conn.execute("SELECT count(*) FROM grade WHERE auto_score IS NOT NULL").fetchone()
    assert rows[0] == 3 * len(mutants(AID))
    for sid in ("ada", "ben", "cai"):
        want = cell_scores(stock, AID, NB, sid)
        assert want is not None
        assert scores_in(url, sid) == want, sid
    assert sum(scores_in(url, "ada").values()) > sum(scores_in(url, "ben").values()) > 0


def scores_in(url: str, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        nb = gb.find_submission_notebook(NB, AID, student)
        return {g.name: float(g.score) for g in nb.grades if g.max_score}


MANUAL_GRADER = """
import sys, time
from nbgrader.api import Gradebook
url, nb, aid, stop = sys.argv[1:]
n = 0
while True:
    with Gradebook(url) as gb:
        for g in gb.find_submission_notebook(nb, aid, "ben").grades:
            g.extra_credit = 0.5
        c = gb.find_comment("downcast", nb, aid, "ben")
        c.manual_comment = f"pass {n}"
        gb.db.commit()
    n += 1
    import os
    if os.path.exists(stop):
        break
    time.sleep(0.05)
print(n)
"""


def test_a_second_grader_writes_while_the_class_is_regraded(pg_course, tmp_path):
    """PostgreSQL takes concurrent writers: a grader's manual edits and a regrade at once."""
    course, _, url = pg_course
    if cell_scores(course, AID, NB, "ben") is None:
        autograde(course, [AID], jobs=2, say=lambda _: None)
    before = scores_in(url, "ada")
    stop = tmp_path / "stop"
    grader = subprocess.Popen(
        [sys.executable, "-c", MANUAL_GRADER, url, NB, AID, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        result = autograde(course, [AID], jobs=2, force=True, say=lambda _: None)
    finally:
        stop.touch()
        out, err = grader.communicate(timeout=120)
    assert grader.returncode == 0, err[-2000:]
    assert int(out) > 5, "the second grader barely ran"
    assert not result.failed and len(result.graded) == 3
    assert scores_in(url, "ada") == before
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        grades = gb.find_submission_notebook(NB, AID, "ben").grades
        assert all(g.extra_credit == 0.5 for g in grades)
        assert gb.find_comment("downcast", NB, AID, "ben").manual_comment.startswith("pass ")
