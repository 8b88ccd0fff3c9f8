"""Autograde a class on every core, with exactly the scores of a serial ``nbgrader autograde``.

nbgrader grades one submission after another (jupyter/nbgrader#174). Running several
``nbgrader autograde --student X`` processes at once on one course is unsound: they all
write the same SQLite gradebook (its FAQ: "not threadsafe"; a writer that finds the
database locked aborts nbgrader's whole batch), and each pays nbgrader's ~3 s import. (Kernels
started at the same moment once raced for the same free TCP port; the course's
``nbgrader_config.py`` gives them Unix sockets, ``KernelManager.transport = "ipc"``.)

So here:

1. ``triage`` reads every submission and holds back the ones nbgrader cannot grade;
2. ``JOBS`` worker processes each keep a private copy of the course (config, ``source/``
   and a snapshot of the gradebook) and grade one submission at a time in it with
   :func:`~npmem.instructor.grade_one.grade_one`, i.e. nbgrader's own autograde;
3. this process alone writes the course gradebook: :func:`~npmem.instructor.record.record`
   stores each executed notebook's scores with nbgrader's own ``SaveAutoGrades`` and
   ``AssignLatePenalties`` and puts it in ``autograded/``.

The scores are those of a serial run (same sanitizing, same execution, same scoring
code); the gradebook has a single writer whether it is SQLite or PostgreSQL.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.config import open_course
from npmem.grading.gradebook import cells_gradebook, check_cells
from npmem.grading.progress import counted

from .grade_one import Graded, grade_one
from .record import record
from .triage import assignment_ids, triage

WORK = ".npmem-grading"  # inside the course root: nbgrader only records paths below it


@dataclass
class Result:
    graded: list[Graded] = field(default_factory=list)
    failed: list[Graded] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # triage lines, not graded
    warnings: list[str] = field(default_factory=list)  # triage lines, graded anyway
    up_to_date: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        n = len(self.graded)
        per = f", {self.seconds / n:.1f} s per submission" if n else ""
        return (
            f"autograded {n} submission(s) in {self.seconds:.1f} s{per}; "
            f"{self.up_to_date} already up to date, {len(self.failed)} failed, "
            f"{len(self.held_back)} not gradable"
        )


def submitted_students(root: Path, assignment: str) -> list[str]:
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir())


def _timestamp(folder: Path) -> str | None:
    path = folder / "timestamp.txt"
    return path.read_text().strip() if path.exists() else None


def needs_grading(root: Path, assignment: str, student: str) -> bool:
    """nbgrader's rule: grade if never graded, or if the submission is newer."""
    done = root / "autograded" / student / assignment
    if not done.exists():
        return True
    new, old = _timestamp(root / "submitted" / student / assignment), _timestamp(done)
    if new is None or old is None:
        return False
    from nbgrader.utils import parse_utc

    return parse_utc(new) > parse_utc(old)


def gradebook_url(api) -> str:
    return api.coursedir.db_url


def worker_gradebook(root: Path, db_url: str, assignments: list[str], work: Path) -> Path:
    """A private SQLite gradebook for the workers to copy: the assignments' cells of the
    course gradebook (SQLite or PostgreSQL), checked column by column, and no student's
    data (:func:`npmem.grading.gradebook.cells_gradebook`)."""
    target = work / "gradebook.db"
    check_cells(db_url, cells_gradebook(db_url, assignments, target), assignments)
    return target


# ---- worker processes -------------------------------------------------------------

_worker: dict = {}


def _worker_start(root: str, work: str, template: str) -> None:
    copy = Path(work) / f"w{os.getpid()}"
    copy.mkdir()
    # kernels and nbgrader's database layer chatter on stderr; keep it with the worker
    log = os.open(copy / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 2)
    shutil.copy(Path(root) / "nbgrader_config.py", copy)
    shutil.copytree(Path(root) / "source", copy / "source")
    if (Path(root) / "release").is_dir():  # the sandbox compares submissions with it
        shutil.copytree(Path(root) / "release", copy / "release")
    shutil.copy(template, copy / "gradebook.db")
    _worker["root"], _worker["copy"] = Path(root), copy
    _worker["api"] = open_course(
        copy, f"--CourseDirectory.db_url=sqlite:///{copy / 'gradebook.db'}"
    )


def _worker_grade(task: tuple[str, str]) -> tuple[Graded, str]:
    assignment, student = task
    root, copy = _worker["root"], _worker["copy"]
    mine = copy / "submitted" / student / assignment
    shutil.rmtree(mine, ignore_errors=True)
    shutil.rmtree(copy / "autograded" / student / assignment, ignore_errors=True)
    shutil.copytree(root / "submitted" / student / assignment, mine)
    return grade_one(_worker["api"], assignment, student), str(copy)


# ---- the class ----------------------------------------------------------------------


def pending(
    root: Path, assignments: list[str], students, force: bool, result: Result, say=print
) -> list[tuple[str, str]]:
    """The (assignment, student) pairs to grade: submitted, not yet graded (unless
    ``force``), and gradable. Up-to-date, held-back and warned-about hand-ins are counted
    in ``result`` and each said in one line. Every pipeline (local, Dask) decides so."""
    known = assignment_ids(root)
    tasks = []
    for aid in assignments:
        for sid in submitted_students(root, aid):
            if students and sid not in students:
                continue
            if not force and not needs_grading(root, aid, sid):
                result.up_to_date += 1
                continue
            t = triage(root, aid, sid, known)
            if not t.gradable:
                result.held_back.append(t.line())
                say(t.line())
                continue
            if t.problems:
                result.warnings.append(t.line())
                say(t.line())
            tasks.append((aid, sid))
    return tasks


def progress(result: Result, total: int, graded: Graded, elapsed: float, where: str = "") -> str:
    """One line per graded submission, with the count, failures so far and an ETA."""
    done = len(result.graded) + len(result.failed)
    state = "ok" if graded.ok else f"{graded.problem} [FAILED]"
    on = f" on {where}" if where else ""
    what = f"{graded.student} / {graded.assignment}: {state}{on}"
    return counted(done, total, what, elapsed, len(result.failed))


def autograde(
    root: Path,
    assignments: list[str] | None = None,
    *,
    jobs: int | None = None,
    students: list[str] | None = None,
    force: bool = False,
    say=print,
) -> Result:
    """Autograde every (or the given) student's submission of each assignment."""
    root = Path(root).resolve()
    assignments = assignments or list(ASSIGNMENTS)
    jobs = max(1, jobs or os.cpu_count() or 1)
    start = time.perf_counter()
    result = Result()
    tasks = pending(root, assignments, students, force, result, say)
    if not tasks:
        result.seconds = time.perf_counter() - start
        return result
    course = open_course(root)
    (root / WORK).mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=root / WORK))
    try:
        to_grade = sorted({aid for aid, _ in tasks})  # others may not be generated yet
        template = worker_gradebook(root, gradebook_url(course), to_grade, work)
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(
            min(jobs, len(tasks)), _worker_start, (str(root), str(work), str(template))
        ) as pool:
            for graded, copy in pool.imap_unordered(_worker_grade, tasks):
                if graded.ok:
                    graded = record(course, Path(copy) / "autograded", *_key(graded))
                (result.graded if graded.ok else result.failed).append(graded)
                say(progress(result, len(tasks), graded, time.perf_counter() - start))
                for step in ("submitted", "autograded"):
                    shutil.rmtree(
                        Path(copy) / step / graded.student / graded.assignment, ignore_errors=True
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        try:
            (root / WORK).rmdir()
        except OSError:
            pass
    result.seconds = time.perf_counter() - start
    return result


def _key(graded: Graded) -> tuple[str, str]:
    return graded.assignment, graded.student
