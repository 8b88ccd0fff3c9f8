"""Grading on a real Dask cluster (scheduler + 2 workers on 127.0.0.1), losing a worker
and then the scheduler mid-run (npmem/cluster)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from test_postgres import postgres  # noqa: F401 (a fixture: a PostgreSQL server)
from test_sandbox_nonroot import grader_python, user

from npmem.cluster.dask_grade import bundle, dashboard, unpack
from npmem.dev.samples import fill, mutants, solutions
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores, check_cells
from npmem.instructor.autograde import autograde as local_autograde
from npmem.sandbox import box
from npmem.sandbox.settings import Limits

from helpers import make_course, mutant_rounds, submit

pytestmark = pytest.mark.slow

AID = "02-dtypes"  # one of the quickest notebooks to execute
DASK = str(Path(sys.executable).with_name("dask"))
LINE = re.compile(r"^\[(\d+)/(\d+)\] (\S+) / (\S+): ")


class Cluster:
    """``dask scheduler`` and ``dask worker`` processes, each in its own process group."""

    def __init__(
        self,
        tmp: Path,
        workers: int = 2,
        nanny: bool = False,
        env: dict | None = None,
        dashboard: bool = True,
    ):
        self.file = tmp / f"scheduler-{time.monotonic_ns()}.json"
        self.procs: list[subprocess.Popen] = []
        self.log = open(tmp / "cluster.log", "ab")  # noqa: SIM115
        try:
            self._begin(tmp, workers, nanny, env, dashboard)
        except BaseException:  # no scheduler or worker outlives a cluster that failed to start
            self.close()
            raise

    def _begin(self, tmp: Path, workers: int, nanny: bool, env, dashboard: bool) -> None:
        board = ["--dashboard-address", "127.0.0.1:0"] if dashboard else ["--no-dashboard"]
        self.scheduler = self._start(
            env, "scheduler", "--host", "127.0.0.1", "--port", "0", *board,
            "--scheduler-file", str(self.file),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        worker = ["worker", "--scheduler-file", str(self.file), "--nworkers", "1"]
        worker += ["--nthreads", "1", "--host", "127.0.0.1"]
        worker += ["--nanny" if nanny else "--no-nanny"]
        worker += ["--local-directory", str(tmp / "dask-worker-space")]
        self.workers = [self._start(None, *worker) for _ in range(workers)]
        from distributed import Client

        self.client = Client(scheduler_file=str(self.file), timeout=30)
        if workers:
            self.client.wait_for_workers(workers, timeout=60)
        self.pids = self.client.run(os.getpid)  # worker address -> pid

    def _start(self, env: dict | None, *args: str) -> subprocess.Popen:
        p = subprocess.Popen(
            [DASK, *args], stdout=self.log, stderr=self.log, start_new_session=True,
            env={**os.environ, **(env or {})},
        )  # fmt: skip
        self.procs.append(p)
        return p

    def busy_worker(self, timeout: float = 120) -> int:
        """The pid of a worker once it is processing a task."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for addr, keys in self.client.processing().items():
                if keys:
                    return self.pids[addr]
            time.sleep(0.1)
        raise AssertionError("no worker started a task")

    def close(self) -> None:
        try:
            self.client.close(timeout=2)
        except Exception:  # also when there is no client yet
            pass
        for p in self.procs:  # the whole group: kernels a worker started die with it
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)
        self.log.close()


def grade(course: Path, scheduler: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "npmem.cluster", "autograde", AID,
         "--root", str(course), "--scheduler", str(scheduler)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def mixed_class(course: Path) -> list[str]:
    """reference, blank, one round of wrong answers and a hand-in that kills its kernel."""
    nbg.run("generate_assignment", AID, "--force", cwd=course)
    release = nbformat.read(course / "release" / AID / f"{ASSIGNMENTS[AID]}.ipynb", as_version=4)
    sols, wrong = solutions(AID), mutants(AID)
    submit(course, "reference", AID, fill(release, sols))
    submit(course, "blank", AID, release)
    chosen = mutant_rounds(AID)[0]
    submit(
        course,
        "mutants0",
        AID,
        fill(release, {**sols, **{g: wrong[g][n] for g, n in chosen.items()}}),
    )
    first = sorted(sols)[0]
    crash = {**sols, first: "import os\nos._exit(1)"}
    submit(course, "crasher", AID, fill(release, crash))
    return ["blank", "crasher", "mutants0", "reference"]


@pytest.fixture(scope="module")
def classes(tmp_path_factory):
    """The same class twice: one copy graded locally with 2 processes, one left to grade."""
    tmp = tmp_path_factory.mktemp("cluster")
    course = make_course(tmp)
    students = mixed_class(course)
    twin = tmp / "local"
    shutil.copytree(course, twin)
    local = local_autograde(twin, [AID], jobs=2, say=lambda _: None)
    scores = {s: cell_scores(twin, AID, ASSIGNMENTS[AID], s) for s in students}
    return tmp, course, students, local, scores


def _finish(proc: subprocess.Popen, timeout: float = 600) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return proc.returncode, out, err


def _rows(db_url: str) -> dict:
    """Every row of every table of a gradebook, by table (alembic's bookkeeping aside)."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(db_url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted(tuple(map(str, r)) for r in conn.execute(table.select()))
                for name, table in meta.tables.items()
                if name != "alembic_version"
            }
    finally:
        engine.dispose()


def _workers_gradebook(course: Path, tmp: Path) -> str:
    work = tmp / "work"
    work.mkdir()
    unpack(bundle(course, [AID], work), tmp / "bundle")
    return f"sqlite:///{tmp / 'bundle' / 'gradebook.db'}"


STUDENTS_TABLES = ("student", "submitted_assignment", "submitted_notebook", "grade", "comment")
CELL_TABLES = ("assignment", "notebook", "base_cell", "grade_cells", "solution_cells",
               "task_cells", "source_cell")  # fmt: skip


def test_the_workers_gradebook_is_the_courses_cells_and_no_student(classes, tmp_path):
    """Copied out of a graded course's SQLite gradebook: the same rows of the assignment's
    tables (ids included), not one of its students, submissions or scores."""
    tmp, course, students, local, scores = classes
    graded = tmp / "local"  # the twin graded locally: its gradebook holds the class
    course_url = f"sqlite:///{graded / 'gradebook.db'}"
    ours = _workers_gradebook(graded, tmp_path)
    theirs, mine = _rows(course_url), _rows(ours)
    assert len(theirs["student"]) == len(students) and theirs["grade"]
    for table in CELL_TABLES:
        assert mine[table] == theirs[table], table
    # the assignment's course, not the others nbgrader's tools may have added
    assert mine["course"] == [("numpy-memory",)] and ("numpy-memory",) in theirs["course"]
    for table in STUDENTS_TABLES:
        assert mine[table] == [], table
    # the check bundle() runs fails on a changed cell and on anything of a student
    import sqlite3

    db = sqlite3.connect(ours.removeprefix("sqlite:///"))
    ((name, source),) = db.execute("SELECT name, source FROM source_cell WHERE rowid = 1")
    with db:
        db.execute("UPDATE source_cell SET source = ? WHERE rowid = 1", (source + " ",))
    with pytest.raises(RuntimeError, match=f"course's: SourceCell {name} \\(source\\)$"):
        check_cells(course_url, ours, [AID])
    with db:
        db.execute("UPDATE source_cell SET source = ? WHERE rowid = 1", (source,))
    check_cells(course_url, ours, [AID])
    with db:
        db.execute("INSERT INTO student (id) VALUES ('eve')")
    with pytest.raises(RuntimeError, match="holds more"):
        check_cells(course_url, ours, [AID])
    db.close()


@pytest.mark.filterwarnings("ignore:.*not in session")  # nbgrader's add_submission
def test_the_workers_gradebook_from_a_postgresql_course(postgres, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("NPMEM_DB_URL", postgres)
    course = make_course(tmp_path)
    nbg.run("generate_assignment", AID, "--force", cwd=course, env={"NPMEM_DB_URL": postgres})
    from nbgrader.api import Gradebook

    with Gradebook(postgres) as gb:  # a student with a submission: it must not travel
        gb.add_student("ada")
        gb.add_submission(AID, "ada")
    ours = _workers_gradebook(course, tmp_path)
    theirs, mine = _rows(postgres), _rows(ours)
    assert theirs["student"] and theirs["grade"]
    for table in CELL_TABLES:
        assert mine[table] == theirs[table], table
    for table in STUDENTS_TABLES:
        assert mine[table] == [], table
    assert not (course / "gradebook.db").exists()


def test_a_killed_worker_loses_nothing(classes):
    tmp, course, students, local, scores = classes
    work = tmp / "kill-worker"
    shutil.copytree(course, work)
    cluster = Cluster(tmp)
    try:
        link = cluster.client.dashboard_link
        proc = grade(work, cluster.file)
        victim = cluster.busy_worker()
        time.sleep(2)  # inside nbgrader's autograde of that submission
        os.kill(victim, signal.SIGKILL)
        code, out, err = _finish(proc)
    finally:
        cluster.close()
    lines = [LINE.match(ln) for ln in out.splitlines()]
    done = [m.group(3) for m in lines if m]
    assert sorted(done) == students, out + err  # every submission recorded, once each
    assert all(int(m.group(2)) == len(students) for m in lines if m)
    assert "lost the scheduler" not in out
    # the scheduler serves a dashboard: its address comes first, once
    assert link.startswith("http://127.0.0.1:"), link
    assert out.splitlines()[0] == f"Dask dashboard: {link}", out
    for s in students:
        assert cell_scores(work, AID, ASSIGNMENTS[AID], s) == scores[s], s
    assert scores["reference"] and sum(scores["reference"].values()) > 0
    assert sum(scores["blank"].values()) == 0
    # the local run and the cluster run fail the same hand-ins (if any)
    assert code == (1 if local.failed else 0), out + err
    autograded = {p.name for p in (work / "autograded").iterdir()}
    assert autograded >= {g.student for g in local.graded}


def test_losing_the_scheduler_stops_in_one_line_and_a_rerun_grades_the_rest(classes):
    tmp, course, students, local, scores = classes
    work = tmp / "kill-scheduler"
    shutil.copytree(course, work)
    cluster = Cluster(tmp)
    try:
        proc = grade(work, cluster.file)
        first = proc.stdout.readline()
        while first and not LINE.match(first):
            first = proc.stdout.readline()
        assert LINE.match(first), first + proc.stderr.read()
        os.killpg(cluster.scheduler.pid, signal.SIGKILL)
        code, out, err = _finish(proc, timeout=120)
    finally:
        cluster.close()
    lost = [ln for ln in out.splitlines() if "lost the scheduler" in ln]
    assert code == 3 and len(lost) == 1, out + err
    assert "Traceback" not in err, err
    # graded and recorded: the first line and every later line that is not a failure
    rest = [ln for ln in out.splitlines() if LINE.match(ln)]
    assert not any("[FAILED]" in ln for ln in rest), out  # losing it fails no hand-in
    recorded = 1 + len(rest)
    assert f"{recorded} submission(s) recorded" in lost[0]

    cluster = Cluster(tmp)
    try:
        code, out, err = _finish(grade(work, cluster.file))
    finally:
        cluster.close()
    again = [LINE.match(ln).group(3) for ln in out.splitlines() if LINE.match(ln)]
    assert len(again) == len(students) - recorded, out
    assert f"{recorded} already up to date" in out, out
    for s in students:
        assert cell_scores(work, AID, ASSIGNMENTS[AID], s) == scores[s], s


def test_a_hand_in_that_kills_every_worker_is_stopped_after_allowed_failures(classes):
    """Whichever worker runs "poison" dies (SIGKILL, as a fatal crash would do); with
    allowed-failures=1 the scheduler gives up after 2 deaths, and the class is graded."""
    tmp, course, students, local, scores = classes
    work = tmp / "poison"
    shutil.copytree(course, work)
    shutil.copytree(work / "submitted" / "reference", work / "submitted" / "poison")
    env = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
    cluster = Cluster(tmp, nanny=True, env=env)  # nannies restart killed workers
    kills = 0
    try:
        proc = grade(work, cluster.file)
        while proc.poll() is None and kills < 5:
            for addr, keys in cluster.client.processing().items():
                if any("-poison-" in str(k) for k in keys):
                    try:
                        pid = cluster.client.run(os.getpid, workers=[addr])[addr]
                    except Exception:
                        continue  # that worker is just going away
                    os.kill(pid, signal.SIGKILL)
                    kills += 1
                    time.sleep(1)
            time.sleep(0.1)
        code, out, err = _finish(proc)
    finally:
        cluster.close()
    assert kills == 2, out + err
    poison = [ln for ln in out.splitlines() if " poison / " in ln]
    assert len(poison) == 1 and "took down 2 worker(s)" in poison[0], out
    assert "[FAILED]" in poison[0] and code == 1
    done = [LINE.match(ln).group(3) for ln in out.splitlines() if LINE.match(ln)]
    assert sorted(done) == sorted([*students, "poison"]), out
    for s in students:
        assert cell_scores(work, AID, ASSIGNMENTS[AID], s) == scores[s], s
    assert not (work / "autograded" / "poison").exists()


def test_the_dashboard_is_named_only_when_the_scheduler_serves_one(tmp_path):
    """Every scheduler reports its HTTP server's port as "dashboard"; with --no-dashboard
    that server has no /status page, and no address is given."""
    for serves in (True, False):
        cluster = Cluster(tmp_path, workers=0, dashboard=serves)
        try:
            link = cluster.client.dashboard_link
            assert link and cluster.client.scheduler_info()["services"].get("dashboard")
            assert dashboard(cluster.client) == (link if serves else None)
        finally:
            cluster.close()


def test_a_worker_run_by_an_ordinary_user_grades_in_the_sandbox(classes):
    """A `dask worker` started as an ordinary user (useradd, as Slurm or Kubernetes run
    their workers) grades the class through --scheduler with bubblewrap's unprivileged
    sandbox: the local run's scores, every notebook verified in the sandbox."""
    if os.geteuid() != 0:
        pytest.skip("creates a user with useradd and starts its worker: needs root, as on CI")
    missing = [cmd for cmd in ("useradd", "setpriv", "bwrap") if shutil.which(cmd) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install passwd util-linux bubblewrap)")
    tmp, course, students, local, scores = classes
    work = tmp / "ordinary-user"
    shutil.copytree(course, work)
    pw = user()
    scratch = Path(tempfile.mkdtemp(prefix="npmem-nonroot-dask-"))  # pytest's is closed
    os.chmod(scratch, 0o711)
    home = scratch / "home"
    home.mkdir()
    os.chown(home, pw.pw_uid, pw.pw_gid)
    log = tmp / "ordinary-worker.log"
    try:
        python = grader_python(pw, scratch)
        cluster = Cluster(tmp, workers=0, dashboard=False)
        try:
            address = cluster.client.scheduler_info()["address"]
            env = {
                "HOME": str(home),
                "PATH": f"{Path(python).parent}:/usr/bin:/bin",
                "NPMEM_SANDBOX": "on",
            }
            argv = [
                "setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups",
                "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                python, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                "--no-nanny", "--host", "127.0.0.1", "--local-directory", str(home / "dask"),
            ]  # fmt: skip
            with open(log, "wb") as fh:
                cluster.procs.append(
                    subprocess.Popen(argv, stdout=fh, stderr=fh, start_new_session=True)
                )
            cluster.client.wait_for_workers(1, timeout=120)
            uids = cluster.client.run(os.geteuid)
            assert set(uids.values()) == {pw.pw_uid}, uids
            (how,) = cluster.client.run(
                box.isolation, Limits()
            ).values()  # what the sandbox will use
            code, out, err = _finish(grade(work, cluster.file))
        finally:
            cluster.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    worker_log = log.read_text(errors="replace")
    assert how == "bwrap", worker_log[-3000:]
    lines = [m for m in map(LINE.match, out.splitlines()) if m]
    assert sorted(m.group(3) for m in lines) == students, out + err
    (worker,) = uids
    assert all(f" on {worker} (" in m.string for m in lines), out
    for s in students:
        assert cell_scores(work, AID, ASSIGNMENTS[AID], s) == scores[s], (
            s,
            out,
            worker_log[-3000:],
        )
    assert code == (1 if local.failed else 0), out + err
    # the verdict lines: every graded notebook was verified in the sandbox, isolated
    assert f"graded in the sandbox: {len(local.graded)} notebook(s)" in out, out
    assert "no isolation" not in out.lower() and "NO ISOLATION" not in worker_log, out
    assert "Dask dashboard" not in out  # this scheduler serves none
