"""Check my work gives exactly the scores ``nbgrader autograde`` gives.

The same submissions go through both: the reference solutions, the blank release and
the first round of wrong answers (one per exercise) of every assignment (graded once
by real nbgrader in the shared ``graded`` fixture), the sample class, and learners who
tamper with test cells, write helpers, lean on demonstrations, print to stderr or use
magics. The check skips
demonstrations the tests do not need; a few submissions are also checked running every
cell, to show that skipping changes no score.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from npmem.dev.samples import build_submission, expected_scores, solutions, students
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores
from npmem.selfcheck import grade

from helpers import make_course, submit

pytestmark = pytest.mark.slow


def _check(work: Path, assignment: str, nb: nbformat.NotebookNode, full: bool = False):
    path = work / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return grade(path, assignment, full=full)


def _submitted(g, student: str) -> nbformat.NotebookNode:
    path = g.course / "submitted" / student / g.assignment / f"{g.notebook}.ipynb"
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_same_scores_as_nbgrader_on_reference_blank_and_wrong_answers(graded, assignment, tmp_path):
    g = graded(assignment)
    # the first round of wrong answers fails every exercise; the later rounds prove the
    # same rule again (the grader's own tests cover every wrong answer)
    rounds = {"mutants0": g.rounds[0]}
    choices = {"reference": {"*": "solution"}, "blank": {"*": "blank"}}
    choices |= {sid: {"*": "solution", **chosen} for sid, chosen in rounds.items()}
    differ = []
    for student in ["reference", "blank", *rounds]:
        report = _check(tmp_path / student, assignment, _submitted(g, student))
        by_nbgrader = g.scores(student)
        assert by_nbgrader is not None, f"{student} was not graded by nbgrader"
        if report.scores() != by_nbgrader:
            differ.append(f"{student}: check {report.scores()} nbgrader {by_nbgrader}")
        assert report.scores() == expected_scores(assignment, choices[student]), student
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("assignment", ["01-strides", "06-leaks"])
def test_skipping_demonstrations_changes_no_score(graded, assignment, tmp_path):
    g = graded(assignment)
    for student in ["reference", "mutants0"]:
        nb = _submitted(g, student)
        fast = _check(tmp_path / "fast" / student, assignment, nb)
        full = _check(tmp_path / "full" / student, assignment, nb, full=True)
        assert fast.cells_skipped > 0 and full.cells_skipped == 0
        assert fast.scores() == full.scores() == g.scores(student), student


@pytest.mark.parametrize("assignment", ["01-strides", "04-views"])
def test_the_sample_class_gets_its_expected_scores(assignment, tmp_path):
    for sid, student in students().items():
        choices = student["answers"].get(assignment)
        if choices is None:
            continue
        report = _check(tmp_path / sid, assignment, build_submission(assignment, choices))
        assert report.scores() == expected_scores(assignment, choices), sid


def _cell(nb, gid):
    [cell] = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid]
    return cell


def _learners() -> dict[str, nbformat.NotebookNode]:
    """01-strides as learners really leave it: each notebook differs from the release in
    ways the check must treat exactly as nbgrader does."""
    sols = solutions("01-strides")
    out = {}

    # edits every test cell, deletes one, changes points: graded against the real tests
    nb = build_submission("01-strides", {"*": "blank", "byte_offset": "solution"})
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass"
            cell.metadata["nbgrader"]["points"] = 50
    nb.cells.remove(_cell(nb, "test_windows"))
    out["tamperer"] = nb

    # own helper cells, a solution that uses a demonstration's variable
    nb = build_submission("01-strides", {"*": "solution"})
    flat = _cell(nb, "flat_view")
    flat.source = "def flat_view(x):\n    return _flatten(x)"
    helper = nbformat.v4.new_code_cell("def _flatten(x):\n    return np.reshape(x, -1, copy=False)")
    nb.cells.insert(nb.cells.index(flat), helper)
    contig = _cell(nb, "contiguity")
    contig.source = sols["contiguity"].replace(
        "    if 0 in shape:",
        "    assert m.ndim == 2  # m: the demonstration's array\n    if 0 in shape:",
    )
    out["helper"] = nb

    # output on stderr, a warning the course ignores, a skipped test cell, a magic
    nb = build_submission("01-strides", {"*": "solution", "slice_layout": "blank"})
    _cell(nb, "windows").source = "import sys\n" + sols["windows"].replace(
        "def windows(x, width):\n", "def windows(x, width):\n    print('debug', file=sys.stderr)\n"
    )
    _cell(nb, "flat_view").source = "import warnings\n" + sols["flat_view"].replace(
        "def flat_view(x):\n", "def flat_view(x):\n    warnings.warn('note', RuntimeWarning)\n"
    )
    _cell(nb, "test_slice_layout").metadata["tags"] = ["skip-execution"]
    timing = nbformat.v4.new_code_cell("%time strides_for((2, 3), 8)")
    nb.cells.insert(nb.cells.index(_cell(nb, "test_strides_for")), timing)
    out["noisy"] = nb
    return out


def test_same_scores_as_the_grader_for_learners_who_change_the_notebook(tmp_path):
    """The check grades as the course's grader does (each exercise's own cell, tags
    ignored); run with ``full`` it grades as stock nbgrader does (every cell, tags)."""
    course = make_course(tmp_path)
    nbg.run("generate_assignment", "01-strides", "--force", cwd=course)
    learners = _learners()
    for sid, nb in learners.items():
        submit(course, sid, "01-strides", nb)
    nbg.run(
        "autograde", "01-strides", "--force", cwd=course, check=False, env={"NPMEM_SANDBOX": "off"}
    )
    stock = {sid: cell_scores(course, "01-strides", "strides", sid) for sid in learners}
    nbg.run("autograde", "01-strides", "--force", cwd=course, check=False)  # the course's
    for sid, nb in learners.items():
        secure = cell_scores(course, "01-strides", "strides", sid)
        assert secure is not None and stock[sid] is not None, f"{sid} was not graded"
        fast = _check(tmp_path / "work" / sid, "01-strides", nb)
        full = _check(tmp_path / "full" / sid, "01-strides", nb, full=True)
        assert fast.scores() == secure, (sid, fast.scores(), secure)
        assert full.scores() == stock[sid], (sid, full.scores(), stock[sid])
    tamperer = _check(tmp_path / "again", "01-strides", learners["tamperer"])
    assert tamperer.score == 2  # only byte_offset, the one answered exercise
    helper = {e.name: e for e in _check(tmp_path / "h", "01-strides", learners["helper"]).exercises}
    assert helper["flat_view"].points == 0 and "_flatten" in helper["flat_view"].message
    report = _check(tmp_path / "n", "01-strides", learners["noisy"])
    noisy = {e.name: e for e in report.exercises}
    assert noisy["windows"].points == 0 and noisy["flat_view"].points == 2
    # a test cell tagged skip-execution runs all the same (the grader ignores tags): the
    # blank answer scores 0 here, where stock nbgrader would give full points
    assert noisy["slice_layout"].points == 0 and stock["noisy"]["test_slice_layout"] == 3
