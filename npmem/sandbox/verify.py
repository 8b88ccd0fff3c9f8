"""Re-check autograded submissions and correct the gradebook.

    python -m npmem.sandbox.verify ASSIGNMENT [--student ID ...] [--root COURSE_DIR]

Run it after ``nbgrader autograde`` (``python -m npmem.sandbox.grade`` runs both). For each
submission it

1. re-checks every exercise in a fresh sandboxed process (:mod:`.recheck`) with the
   instructor's cells from the gradebook and only the student's solution cells, and
   writes that verdict into the gradebook as the cell's ``auto_score`` (manual grades are
   never touched);
2. compares with what nbgrader scored in the student's own kernel, reads the submission's
   structure against the release (:mod:`.tamper`) and scans the student's code
   (:mod:`.redflags`);
3. flags what a person should look at: the grade is marked "needs manual grading" (the
   formgrader lists it) and the exercise's comment says why; a report is written to
   ``verification/<assignment>.json`` and one line per student is printed.

The function :func:`verify_submission` is the same step for one student, for a runner
that grades submissions one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import determine_grade

from npmem.grading import diagnosis
from npmem.grading.answers import Outcome
from npmem.grading.cells import exercise_of
from npmem.grading.cells import meta as cell_meta
from npmem.grading.progress import counted

from . import redflags, sources, tamper
from .recheck import recheck
from .settings import Limits, for_course

PREFIX = "Grading check: "


@dataclass
class Verification:
    """What the verifier found for one student's notebook."""

    student: str
    assignment: str
    notebook: str
    scores: dict[str, float] = field(default_factory=dict)  # the verified scores
    in_kernel: dict[str, float | None] = field(default_factory=dict)  # nbgrader's own
    max_scores: dict[str, float] = field(default_factory=dict)
    outcomes: list[dict] = field(default_factory=list)
    tampering: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # why a person should look
    warnings: list[str] = field(default_factory=list)  # limits the sandbox could not set
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(self.scores.values())

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    def line(self) -> str:
        total = f"{self.score:g}/{sum(self.max_scores.values()):g}"
        status = "FLAGGED: " + "; ".join(self.flags[:3]) if self.flags else "ok"
        if self.warnings:
            status += " [sandbox: " + "; ".join(dict.fromkeys(self.warnings)) + "]"
        return f"{self.student:<12} {self.assignment}/{self.notebook} {total:>7}  {status}"


def db_url(root: Path) -> str:
    """The gradebook nbgrader uses for the course at ``root`` (its config files decide)."""
    from npmem.grading.gradebook import db_url as nbgrader_db_url

    return nbgrader_db_url(root)


def in_kernel_scores(path: Path) -> dict[str, float | None]:
    """What nbgrader scored each test cell in the autograded notebook (its outputs)."""
    if not path.exists():
        return {}
    nb = nbformat.read(path, as_version=4)
    scores = {}
    for cell in nb.cells:
        meta = cell_meta(cell)
        if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
            scores[meta["grade_id"]] = determine_grade(cell)[0]
    return scores


def verify_submission(
    root: Path,
    assignment: str,
    student: str,
    *,
    url: str | None = None,
    limits: Limits | None = None,
) -> list[Verification]:
    """Verify one student's submission of ``assignment``; update the gradebook. ``limits``:
    the sandbox's settings (default: the course's configuration, then the environment)."""
    root = Path(root).resolve()
    url = url or db_url(root)
    limits = limits or for_course(root)
    with Gradebook(url) as gb:
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
    reports = [_verify_notebook(root, url, assignment, nb, student, limits) for nb in notebooks]
    save(root, assignment, reports)
    return reports


def _verify_notebook(root, url, assignment, notebook, student, limits) -> Verification:
    autograded = root / "autograded" / student / assignment
    report, outcomes, notes, plan = check_notebook(
        root,
        url,
        assignment,
        notebook,
        student,
        root / "submitted" / student / assignment / f"{notebook}.ipynb",
        limits=limits,
        autograded=autograded,
    )
    _write_gradebook(url, assignment, notebook, student, outcomes, notes, solution_map(plan))
    return report


def solution_map(plan: sources.Plan) -> dict[str, str]:
    """Solution id -> the test cell that checks it."""
    return {sid: e.test_id for e in plan.exercises for sid in e.solution_ids}


def check_notebook(
    root: Path,
    url: str,
    assignment: str,
    notebook: str,
    student: str,
    submitted_path: Path,
    *,
    answers_from: dict | None = None,
    limits: Limits | None = None,
    autograded: Path | None = None,
    ignore=sources._COURSE,
) -> tuple[Verification, list[Outcome], dict[str, list[str]], sources.Plan]:
    """Check every exercise of one submitted notebook in the sandbox; nothing is written.

    ``submitted_path`` is the notebook as the student handed it in (its structure and code
    are compared with the release); the answers come from ``answers_from`` when given (the
    notebook after nbgrader's sanitizing, whose solution cells are the ones nbgrader
    keeps), else from the submission. ``autograded`` is a folder where a kernel already
    ran the notebook, whose scores are compared with the verdicts.
    """
    start = time.monotonic()
    report = Verification(student, assignment, notebook)
    folder = Path(submitted_path).parent
    submitted = sources.read_notebook(submitted_path)
    release_path = root / "release" / assignment / f"{notebook}.ipynb"
    release = nbformat.read(release_path, as_version=4) if release_path.exists() else None
    plan = sources.plan(url, root, assignment, notebook, ignore)
    report.max_scores = {e.test_id: e.points for e in plan.exercises}
    if autograded is not None:
        report.in_kernel = in_kernel_scores(autograded / f"{notebook}.ipynb")
    if release is not None:
        report.tampering = [str(f) for f in tamper.check(release, submitted, folder)]
    else:  # a grading copy without release/ (the verdicts do not need it)
        report.warnings.append("no release notebook here: structure and code not scanned")
    source = answers_from if answers_from is not None else submitted
    if source is None:
        outcomes = [
            Outcome(e.test_id, e.points, "missing", 0.0, "unreadable notebook")
            for e in plan.exercises
        ]
    else:
        if submitted is not None and release is not None:
            report.red_flags = [str(f) for f in redflags.scan(submitted, release)]
        answers = sources.student_solutions(source, plan.solution_ids)
        limits = limits or for_course(root)
        outcomes = recheck(plan, answers, limits, report.warnings)
    name_mistakes(assignment, outcomes)
    report.outcomes = [asdict(o) for o in outcomes]
    report.scores = {o.test_id: o.score for o in outcomes}
    notes = _notes(report, outcomes)
    report.flags = list(dict.fromkeys(why for whys in notes.values() for why in whys))
    report.seconds = round(time.monotonic() - start, 2)
    return report, outcomes, notes, plan


def name_mistakes(assignment: str, outcomes: list[Outcome]) -> None:
    """Name the catalogued misconception each failing verdict shows, where its signature
    names exactly one (:func:`npmem.grading.diagnosis.diagnose`); nothing else changes
    (not the score, not the status), and a passing verdict is never named."""
    for o in outcomes:
        o.mistake = o.diagnosis = ""
        if o.status != "fail" or not o.signature:
            continue
        found = diagnosis.diagnose(assignment, exercise_of(o.test_id), o.signature)
        if found is not None:
            o.mistake, o.diagnosis = found.label, diagnosis.sentence(found)


def _notes(report: Verification, outcomes: list[Outcome]) -> dict[str, list[str]]:
    """Test id -> reasons for a person to look ("" for the whole notebook)."""
    notes: dict[str, list[str]] = {}
    for o in outcomes:
        why = []
        if o.status == "tampered":
            why.append(f"{o.test_id}: tampered with the test environment ({o.detail})")
        if o.blocked:
            why.append(f"{o.test_id}: tried {', '.join(sorted(set(o.blocked)))}")
        kernel = report.in_kernel.get(o.test_id)
        if kernel is not None and kernel > o.score:
            why.append(
                f"{o.test_id}: passed in the notebook ({kernel:g}) but not on its own "
                f"({o.score:g}): {o.detail or o.status}"
            )
        if o.dropped:
            why.append(f"{o.test_id}: checked without {', '.join(o.dropped)}")
        if why:
            notes[o.test_id] = why
    whole = [f"changed: {t}" for t in report.tampering]
    whole += [f"red flag: {f}" for f in report.red_flags]
    if whole:
        notes[""] = whole
    return notes


_writing = threading.Lock()  # one gradebook writer at a time (SQLite)


def _write_gradebook(
    url, assignment, notebook, student, outcomes, notes, solution_of, *, scores=True
) -> None:
    """The verdicts (``scores``: as auto scores too), review flags and reasons, in the db.

    A notebook with anything to look at also gets nbgrader's own flag
    (``SubmittedNotebook.flagged``, the formgrader's *Flagged?* column). A clean verdict
    lifts the flag only where an earlier verdict of this course set it (its comment
    starts with ``PREFIX``): a flag an instructor set by hand stays.
    """
    by_test = {o.test_id: o for o in outcomes}
    with _writing, Gradebook(url) as gb:
        try:
            nb = gb.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:
            gb.update_or_create_student(student)
            gb.add_submission(assignment, student)
            nb = gb.find_submission_notebook(notebook, assignment, student)
        ours = any((c.auto_comment or "").startswith(PREFIX) for c in nb.comments)
        if notes:
            nb.flagged = True
        elif ours:
            nb.flagged = False
        first = min(
            (g for g in nb.grades if g.name in by_test),
            key=lambda g: list(by_test).index(g.name),
            default=None,
        )
        for grade in nb.grades:
            outcome = by_test.get(grade.name)
            if outcome is None:
                continue
            if scores:
                grade.auto_score = outcome.score
            if grade.manual_score is None:  # not reviewed yet: flag it for review, or not
                grade.needs_manual_grade = grade.name in notes or (grade is first and "" in notes)
        for comment in nb.comments:
            test = solution_of.get(comment.name)
            if test is None:
                continue
            reasons = list(notes.get(test, []))
            if first is not None and test == first.name:
                reasons += notes.get("", [])
            outcome = by_test[test]
            if outcome.status not in ("pass", "fail", "missing") and outcome.detail:
                reasons.insert(0, f"{test}: {outcome.status}: {outcome.detail}")
            old = comment.auto_comment or ""
            if old.startswith(PREFIX):
                old = ""
            if reasons:
                comment.auto_comment = PREFIX + " | ".join(dict.fromkeys(reasons))[:2000]
            else:
                comment.auto_comment = old or None
        gb.db.commit()


def verify_assignment(
    root: Path,
    assignment: str,
    students: list[str] | None = None,
    *,
    url: str | None = None,
    workers: int | None = None,
    say=None,
) -> list[Verification]:
    """Verify every submission (or ``students``), ``workers`` sandboxes at a time; ``say``
    gets one progress line per verified notebook."""
    root = Path(root).resolve()
    url = url or db_url(root)
    if not students:
        students = sorted(
            p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir()
        )
    limits = for_course(root)  # read once for the whole class
    workers = workers or limits.workers or 2
    start, out = time.perf_counter(), []
    with ThreadPoolExecutor(max_workers=min(workers, os.cpu_count() or 1)) as pool:
        jobs = [pool.submit(_verify_or_report, root, assignment, s, url, limits) for s in students]
        for k, job in enumerate(as_completed(jobs), start=1):
            reports = job.result()
            out += reports
            if say is not None:
                for r in reports:
                    say(counted(k, len(jobs), r.line(), time.perf_counter() - start))
    return sorted(out, key=lambda r: (r.student, r.notebook))


def _verify_or_report(
    root: Path, assignment: str, student: str, url: str, limits: Limits
) -> list[Verification]:
    """One student's verification; if it fails, a flagged report and the rest go on."""
    try:
        return verify_submission(root, assignment, student, url=url, limits=limits)
    except Exception as err:  # one student's problem never stops the class
        import traceback

        traceback.print_exc(file=sys.stderr)
        why = f"the re-check failed ({type(err).__name__}: {err}); nbgrader's score stands"
        return [Verification(student, assignment, "?", flags=[why])]


def report_from(data: dict) -> Verification:
    """A :class:`Verification` back from its saved form (``verification/*.json``)."""
    import dataclasses

    return Verification(
        **{f.name: data[f.name] for f in dataclasses.fields(Verification) if f.name in data}
    )


def save(root: Path, assignment: str, reports: list[Verification]) -> Path:
    """Merge ``reports`` into ``verification/<assignment>.json`` (one entry per student)."""
    with _writing:
        return _save(root, assignment, reports)


def _save(root: Path, assignment: str, reports: list[Verification]) -> Path:
    out = Path(root) / "verification" / f"{assignment}.json"
    out.parent.mkdir(exist_ok=True)
    data = json.loads(out.read_text()) if out.exists() else {}
    for r in reports:
        data[f"{r.student}/{r.notebook}"] = {**asdict(r), "score": r.score, "flagged": r.flagged}
    out.write_text(json.dumps(data, indent=1, sort_keys=True))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m npmem.sandbox.verify", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("assignment")
    parser.add_argument(
        "--student",
        action="append",
        default=[],
        help="only this student (repeatable); default: every submission",
    )
    parser.add_argument("--root", default=".", help="course directory (default: here)")
    parser.add_argument(
        "--workers", type=int, default=None, help="submissions verified at once (default 2)"
    )
    args = parser.parse_args(argv)
    reports = verify_assignment(
        Path(args.root), args.assignment, args.student, workers=args.workers, say=print
    )
    flagged = sum(r.flagged for r in reports)
    print(
        f"{len(reports)} notebook(s) verified, {flagged} flagged for review; "
        f"report: {Path(args.root) / 'verification' / (args.assignment + '.json')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
