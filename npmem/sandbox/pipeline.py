"""The sandboxed, verified run inside nbgrader's own ``Autograde`` pipeline.

``nbgrader_config.py`` replaces the ``Execute`` step of ``Autograde.autograde_preprocessors``
by :class:`VerifiedExecute` and adds :class:`RecordVerdict` after ``SaveAutoGrades``. So
every path that autogrades, ``nbgrader autograde``, the formgrader's *autograde* button
(``NbGraderAPI.autograde``), ``make autograde`` and a regrade, grades in one way:

1. nbgrader sanitizes the submission as usual (``ClearOutput``, ``DeduplicateIds``,
   ``OverwriteKernelspec``, ``OverwriteCells`` with the gradebook's cells);
2. :class:`VerifiedExecute` runs each exercise **once**, in the verifier's sandbox
   (:mod:`.recheck`: a separate user, namespaces, limits, a forked process per exercise,
   no IPython), with the instructor's cells from the gradebook and the student's solution
   cells as nbgrader kept them, and writes each test cell's verdict as that cell's output:
   nothing for full marks, the partial score as the cell's value, or an error whose
   message is the failing check's (or the reason: a crash, a timeout, tampering), with
   one more traceback line naming the known mistake a failing answer shows, when the
   catalogue names one (``npmem.grading.diagnosis``; the failing test cell ran once more,
   in the same sandbox, after its verdict, for its signature);
3. nbgrader's ``SaveAutoGrades`` scores those outputs with its own ``determine_grade``:
   what it records is the verifier's verdict;
4. :class:`RecordVerdict` marks what a person should look at as "needs manual grading"
   with the reason in the exercise's comment, and writes ``verification/<assignment>.json``.

No kernel is started: nothing the student's code does to IPython (input transformers,
exception handlers, display hooks) can reach the verdict, and each exercise costs one
forked process instead of a notebook cell plus a re-check. A crash or a timeout costs its
exercise only; earlier exercises keep their points.

The verdict travels with the graded notebook (its metadata, key ``npmem_verdict``), so
that the parallel autograde's recording step (:mod:`npmem.instructor.record`), which runs
``SaveAutoGrades`` on a worker's graded notebook, records the same flags.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from npmem.grading.answers import Outcome
from npmem.grading.cells import grade_id
from npmem.grading.cells import meta as cell_meta
from npmem.grading.diagnosis import traceback_line

from .settings import Limits

KEY = "npmem_verdict"
ENAMES = {
    "tampered": "Tampered",
    "crashed": "Crashed",
    "timeout": "Timeout",
    "missing": "NoAnswer",
    "error": "Error",
}


def _coursedir(pp):
    """The ``CourseDirectory`` of the converter that runs this preprocessor."""
    node = pp
    while node is not None:
        cd = getattr(node, "coursedir", None)
        if cd is not None:
            return cd
        node = getattr(node, "parent", None)
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=pp.config)


def outputs(outcome: Outcome) -> list:
    """The cell outputs from which nbgrader's ``determine_grade`` reads ``outcome.score``."""
    if outcome.status == "pass":
        if outcome.score == outcome.points:
            return []
        data = {"text/plain": repr(float(outcome.score))}
        return [nbformat.v4.new_output("execute_result", data, execution_count=1)]
    if outcome.status == "fail" and ": " in outcome.detail:
        ename, _, evalue = outcome.detail.partition(": ")
    else:
        ename, evalue = ENAMES.get(outcome.status, "Error"), outcome.detail or outcome.status
    # the traceback is what the formgrader shows under the cell (Manual Grading): the
    # failing check's one-line message, the same as ename/evalue, never the test's code;
    # then the known mistake the answer shows, if the verifier named one (the feedback
    # page reads it from there too). An error output scores 0 whatever its lines say.
    traceback = [f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]
    if outcome.status == "fail" and outcome.diagnosis:
        traceback.append(traceback_line(outcome.diagnosis))
    return [nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=traceback)]


class VerifiedExecute(NbGraderPreprocessor):
    """Grade every exercise once in the sandbox; the verdicts become the test cells' outputs."""

    def preprocess(self, nb, resources):
        from npmem.grading.config import ignore_pattern

        from .verify import check_notebook, solution_map

        info = resources["nbgrader"]
        assignment, notebook, student = info["assignment"], info["notebook"], info["student"]
        cd = _coursedir(self)
        root = Path(cd.root).resolve()
        submitted = (
            Path(cd.format_path(cd.submitted_directory, student, assignment)) / f"{notebook}.ipynb"
        )
        report, outcomes, notes, plan = check_notebook(
            root,
            info["db_url"],
            assignment,
            notebook,
            student,
            submitted,
            answers_from=nb,
            limits=Limits.resolve(self.config),  # c.Sandbox.*, then NPMEM_SANDBOX_*
            ignore=ignore_pattern(self.config),  # nbgrader's own, as this run loaded it
        )
        by_test = {o.test_id: o for o in outcomes}
        for cell in nb.cells:
            meta = cell_meta(cell)
            if cell.cell_type != "code":
                continue
            cell.outputs = []
            cell.execution_count = None
            if meta.get("grade") and not meta.get("solution"):
                outcome = by_test.get(meta.get("grade_id"))
                if outcome is not None:
                    cell.outputs = outputs(outcome)
                    cell.execution_count = 1
        nb.metadata[KEY] = {
            "report": dataclasses.asdict(report),
            "notes": notes,
            "solution_of": solution_map(plan),
        }
        self.log.info("graded in the sandbox: %s", report.line())
        return nb, resources


class RecordVerdict(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: review flags and reasons in the gradebook, and the report."""

    def preprocess(self, nb, resources):
        from .verify import _write_gradebook, report_from, save

        verdict = nb.metadata.get(KEY)
        if not verdict:
            return nb, resources
        info = resources["nbgrader"]
        report = report_from(verdict["report"])
        outcomes = [Outcome(**o) for o in report.outcomes]
        _write_gradebook(
            info["db_url"],
            info["assignment"],
            info["notebook"],
            info["student"],
            outcomes,
            verdict["notes"],
            verdict["solution_of"],
            scores=False,
        )
        save(Path(_coursedir(self).root).resolve(), info["assignment"], [report])
        return nb, resources


class RestoreInstructorCells(NbGraderPreprocessor):
    """Sanitizing, before nbgrader's own: the release's instructor cells, whatever the
    submission did to them, so that nbgrader grades any notebook it can read.

    ``OverwriteCells`` stops with a traceback on a test cell whose flags were flipped
    ("Inconsistent checksums"), duplicated, or given an id the gradebook does not know
    (``KeyError: 'grade_id'``), and nbgrader then records no grade at all. Here every
    cell carrying an instructor cell's id (read-only or test) becomes the release's copy
    (only the last copy, the one ``DeduplicateIds`` would keep), an answer cell gets back
    its flags and type with the student's code, and an unknown id is dropped. The
    verifier never grades the submitted test cells anyway; what the student changed is
    read from the submitted file itself and flagged for the instructor.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        cd = _coursedir(self)
        path = Path(cd.root) / "release" / info["assignment"] / f"{info['notebook']}.ipynb"
        quiet = _checksum_filter(self.log)
        quiet.untouched = {}
        if not path.exists():
            return nb, resources
        release = nbformat.read(path, as_version=4)
        released = {}
        for cell in release.cells:
            gid = grade_id(cell)
            if gid:
                released[gid] = cell
        quiet.untouched = _untouched(nb, released)
        last = {}
        for n, cell in enumerate(nb.cells):
            gid = grade_id(cell)
            if gid:
                last[gid] = n
        kept = []
        for n, cell in enumerate(nb.cells):
            meta = cell_meta(cell)
            gid = meta.get("grade_id")
            if not gid:
                kept.append(cell)
                continue
            original = released.get(gid)
            if original is None:  # an id the assignment does not have
                del cell.metadata["nbgrader"]
                kept.append(cell)
                continue
            omine = original.metadata["nbgrader"]
            instructor = omine.get("locked") or (omine.get("grade") and not omine.get("solution"))
            if instructor:
                if last[gid] == n:
                    kept.append(nbformat.from_dict(_copy(original)))
                continue  # earlier copies of an instructor cell are dropped
            cell.cell_type = original.cell_type
            cell.metadata["nbgrader"] = _copy(omine)
            if cell.cell_type == "code":
                cell.setdefault("outputs", [])
                cell.setdefault("execution_count", None)
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
            kept.append(cell)
        nb.cells = kept
        return nb, resources


class ChecksumNotice:
    """A logging filter for nbgrader's ``OverwriteCells``: drops its "Attribute 'checksum'
    for cell test_… has changed!" warning for a locked cell the student left as released.

    The release copy of a test cell with hidden tests has them removed, so its checksum is
    never the gradebook's and nbgrader warns for every such cell of every honest hand-in.
    ``untouched`` maps each locked cell the submission holds exactly as released (source,
    type, flags, id, points: nbgrader's own checksum) to that checksum; the warning of any
    other cell (the student changed it) passes, as do all of nbgrader's other warnings.
    """

    MESSAGE = "Attribute '%s' for cell %s has changed! (should be: %s, got: %s)"

    def __init__(self) -> None:
        self.untouched: dict[str, str] = {}

    def filter(self, record) -> bool:
        if record.msg != self.MESSAGE or not isinstance(record.args, tuple):
            return True
        if len(record.args) != 4 or record.args[0] != "checksum":
            return True
        _, gid, _, got = record.args
        return self.untouched.get(gid) != got


def _checksum_filter(log) -> ChecksumNotice:
    """The :class:`ChecksumNotice` on ``log`` (the logger nbgrader's sanitizing steps share:
    that of their converter), installed once."""
    for f in log.filters:
        if isinstance(f, ChecksumNotice):
            return f
    notice = ChecksumNotice()
    log.addFilter(notice)
    return notice


def _untouched(nb, released: dict) -> dict[str, str]:
    """Locked cells of ``nb`` identical to their release copy (every copy of the id): id ->
    the checksum nbgrader computes for it."""
    from nbgrader.utils import compute_checksum

    def checksum(cell) -> str | None:
        try:
            return compute_checksum(cell)
        except Exception:  # flags or points nbgrader cannot read: not as released
            return None

    found: dict[str, str | None] = {}
    for cell in nb.cells:
        gid = grade_id(cell)
        original = released.get(gid) if gid else None
        if not gid or original is None or not cell_meta(original).get("locked"):
            continue
        mine, theirs = checksum(cell), checksum(original)
        same = mine is not None and mine == theirs and cell.cell_type == original.cell_type
        found[gid] = theirs if same and (gid not in found or found[gid] == theirs) else None
    return {gid: c for gid, c in found.items() if c is not None}


def _copy(node):
    import copy

    return copy.deepcopy(node)
