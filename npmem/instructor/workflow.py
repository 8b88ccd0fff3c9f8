"""The instructor's commands, each one or two of nbgrader's own, run from the course root."""

from __future__ import annotations

from pathlib import Path

from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.config import open_course

from . import autograde as parallel
from .report import write as write_report
from .triage import assignment_ids, triage


def ensure_exchange(root: Path) -> Path:
    """Make the exchange the course's config names (``c.Exchange.root``: ``exchange/`` in
    the course, or ``NPMEM_EXCHANGE``) if it is missing, as ``release_assignment`` makes it
    (nbgrader's own code and permissions); its path.

    Without it the formgrader says the exchange "does not exist and could not be created"
    and shows no Release or Collect buttons. ``SystemExit`` with nbgrader's reason when it
    cannot be made (a shared folder this user may not write).
    """
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeFactory
    from nbgrader.exchange.abc import ExchangeError

    from npmem.grading.config import chdir

    root = Path(root).resolve()
    with chdir(root):  # configured as nbgrader run from the course (not open_course: its
        app = NbGrader()  # API would first log a missing exchange as CRITICAL)
        app.initialize([f"--CourseDirectory.root={root}", "--log-level=WARN"])
    maker = ExchangeFactory(parent=app).ReleaseAssignment(
        coursedir=app.coursedir, authenticator=Authenticator(parent=app), parent=app
    )
    where = getattr(maker, "root", "")
    if not where or not hasattr(maker, "ensure_root"):  # an exchange that is no folder
        return Path(where)
    if not Path(where).is_dir():
        try:
            maker.ensure_root()
        except (ExchangeError, OSError) as err:
            raise SystemExit(f"the exchange {where} could not be created: {err}") from None
    return Path(where)


def lab_command(root: Path, extra: list[str]) -> list[str]:
    """``make lab-instructor``'s ``jupyter lab``: every nbgrader tool, on the course."""
    import os
    import sys

    return [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        f"--ServerApp.root_dir={root}",
        "--LabApp.default_url=/lab/tree/notebooks/index.ipynb",
        *(["--allow-root"] if os.geteuid() == 0 else []),
        *extra,
    ]


def release(root: Path, assignment: str) -> None:
    """source/ -> release/ (+ gradebook), then release/ -> the exchange's outbound."""
    ensure_exchange(root)
    nbg.run("generate_assignment", assignment, "--force", cwd=root)
    nbg.run("release_assignment", assignment, "--force", cwd=root)


def collect(root: Path, assignment: str, student: str | None = None) -> None:
    """The exchange's inbound -> submitted/: each student's latest submission."""
    who = [f"--student={student}"] if student else []
    nbg.run("collect", assignment, "--update", *who, cwd=root)


def feedback(root: Path, assignment: str, student: str | None = None) -> int:
    """autograded/ -> feedback/ (per exercise, no hidden tests) -> the exchange."""
    who = [f"--student={student}"] if student else []
    nbg.run("generate_feedback", assignment, "--force", *who, cwd=root)
    nbg.run("release_feedback", assignment, *who, cwd=root)
    return len(list((root / "feedback").glob(f"*/{assignment}/*.html")))


def export(root: Path) -> Path:
    nbg.run("export", cwd=root)
    return root / "grades.csv"


def report(root: Path) -> dict[str, Path]:
    return write_report(open_course(root).coursedir.db_url, root / "reports", root / "verification")


def due(root: Path, assignment: str, when: str) -> None:
    """Set an assignment's due date in the gradebook (e.g. "2026-03-02 17:00:00 UTC")."""
    nbg.run("db", "assignment", "add", assignment, f"--duedate={when}", cwd=root)


def regrade(root: Path, assignment: str, student: str, say=print) -> parallel.Result:
    """Collect one student's latest submission and grade it again (manual grades stay)."""
    collect(root, assignment, student)
    return parallel.autograde(root, [assignment], jobs=1, students=[student], force=True, say=say)


def verify(root: Path, result: parallel.Result, jobs: int | None = None, say=print) -> int:
    """Re-check what ``result`` graded in fresh sandboxed processes; the number flagged.

    Autograde already grades in the sandbox (npmem.sandbox.pipeline); this is the
    separate re-check, ``python -m npmem.sandbox.verify``, for a gradebook filled by
    another pipeline. The gradebook gets the verifier's scores and flags; manual grades
    are never touched.
    """
    from npmem.sandbox.verify import verify_assignment

    flagged = 0
    by_assignment: dict[str, list[str]] = {}
    for g in result.graded:
        by_assignment.setdefault(g.assignment, []).append(g.student)
    for aid, students in by_assignment.items():
        for r in verify_assignment(root, aid, sorted(students), workers=jobs):
            if r.flagged:
                flagged += 1
                say(f"{aid}: {r.line()}")
    return flagged


def verdicts(root: Path, result: parallel.Result) -> list[dict]:
    """The sandbox's verdict on each notebook ``result`` graded (verification/*.json)."""
    import json

    found = []
    for aid in sorted({g.assignment for g in result.graded}):
        path = root / "verification" / f"{aid}.json"
        data = json.loads(path.read_text()) if path.exists() else {}
        students = {g.student for g in result.graded if g.assignment == aid}
        found += [v for v in data.values() if v.get("student") in students]
    return found


def check(root: Path, assignments: list[str]) -> list[str]:
    """Triage lines for every submitted notebook with a problem."""
    known = assignment_ids(root)
    lines = []
    for aid in assignments:
        for sid in parallel.submitted_students(root, aid):
            t = triage(root, aid, sid, known)
            if t.problems:
                lines.append(t.line())
    return lines


def all_or(assignments: list[str]) -> list[str]:
    unknown = set(assignments) - set(ASSIGNMENTS)
    if unknown:
        raise SystemExit(f"unknown assignment(s): {', '.join(sorted(unknown))}")
    return assignments or list(ASSIGNMENTS)
