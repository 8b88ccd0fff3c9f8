"""Diagnosis where an instructor's grading shows a failure: a catalogued wrong answer,
graded by ``nbgrader autograde`` through the course's sandboxed pipeline, carries the
sentence naming its misconception in its test cell's error output (the formgrader's
view), in the verdict (``verification/<assignment>.json``) and in the feedback page; a
passing answer and an unknown wrong answer carry none, and no score changes."""

from __future__ import annotations

import csv
import json

import nbformat
import pytest

from npmem.dev.samples import fill, mutants, solutions
from npmem.grading import diagnosis
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores
from npmem.instructor.report import misconceptions
from npmem.instructor.report import write as write_report

from helpers import make_course, submit

pytestmark = pytest.mark.slow

AID = "01-strides"
NB = ASSIGNMENTS[AID]
# a catalogued wrong answer whose signature names it alone, and one for another exercise
# that the catalogue does not name (its signature is a crash alone: not telling)
NAMED = ("strides_for", "counts_items_not_bytes")
WRONG_UNNAMED = "diagonal_view"


def _untold() -> str:
    """A wrong answer of WRONG_UNNAMED the catalogue cannot name: it only crashes, which
    tells no misconception from another (``diagnosis.telling``)."""
    return "def diagonal_view(a):\n    raise ValueError('not done')\n"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("diagnosed"))
    nbg.run("generate_assignment", AID, "--force", cwd=course)
    release = nbformat.read(course / "release" / AID / f"{NB}.ipynb", as_version=4)
    answers = solutions(AID)
    answers[NAMED[0]] = mutants(AID)[NAMED[0]][NAMED[1]]
    answers[WRONG_UNNAMED] = _untold()
    submit(course, "dee", AID, fill(release, answers))
    nbg.run("autograde", AID, cwd=course)
    nbg.run("generate_feedback", AID, cwd=course)
    return course


def _test_cells(course) -> dict[str, nbformat.NotebookNode]:
    nb = nbformat.read(course / "autograded" / "dee" / AID / f"{NB}.ipynb", as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    }


def _expected_sentence() -> str:
    sig = next(
        s
        for s, ms in diagnosis.load(AID)[NAMED[0]].items()
        for m in ms
        if m.source.endswith(f"/{NAMED[1]}.py")
    )
    found = diagnosis.diagnose(AID, NAMED[0], sig)
    assert found is not None, "the chosen wrong answer is no longer named alone"
    return diagnosis.sentence(found)


def test_the_error_output_names_the_mistake_and_only_there(graded):
    said = _expected_sentence()
    cells = _test_cells(graded)
    named = cells[f"test_{NAMED[0]}"]
    (error,) = [o for o in named.outputs if o.output_type == "error"]
    assert error.traceback[-1] == diagnosis.traceback_line(said)
    assert diagnosis.from_traceback(error.traceback) == said
    for gid, cell in cells.items():
        if gid == f"test_{NAMED[0]}":
            continue
        lines = [ln for o in cell.outputs for ln in o.get("traceback", [])]
        assert not diagnosis.from_traceback(lines), gid  # passing, or not named
    unnamed = [o for o in cells[f"test_{WRONG_UNNAMED}"].outputs if o.output_type == "error"]
    assert unnamed, "the unknown wrong answer failed"


def test_the_diagnosis_changes_no_score(graded):
    scores = cell_scores(graded, AID, NB, "dee")
    for test_id, score in scores.items():
        failed = test_id in (f"test_{NAMED[0]}", f"test_{WRONG_UNNAMED}")
        assert (score == 0) if failed else score > 0, (test_id, score)


def test_the_verdict_keeps_the_mistake_for_the_class_report(graded):
    data = json.loads((graded / "verification" / f"{AID}.json").read_text())
    outcomes = {o["test_id"]: o for o in data[f"dee/{NB}"]["outcomes"]}
    label = diagnosis.diagnose(AID, NAMED[0], outcomes[f"test_{NAMED[0]}"]["signature"]).label
    assert outcomes[f"test_{NAMED[0]}"]["mistake"] == label
    assert [t for t, o in outcomes.items() if o["mistake"]] == [f"test_{NAMED[0]}"]
    url = f"sqlite:///{graded / 'gradebook.db'}"
    assert misconceptions(graded, url) == {(AID, NAMED[0]): {label: 1}}


def test_the_class_report_lists_the_misconceptions_found(graded, tmp_path):
    url = f"sqlite:///{graded / 'gradebook.db'}"
    label = next(iter(misconceptions(graded, url)[(AID, NAMED[0])]))
    paths = write_report(url, tmp_path, graded / "verification")
    md = paths["md"].read_text()
    assert f"| {AID} | {NAMED[0]} | {label} | 1 |" in md
    rows = {r["exercise"]: r for r in csv.DictReader(paths["csv"].open())}
    assert rows[NAMED[0]]["misconceptions"] == f"{label} (1)"
    assert [e for e, r in rows.items() if r["misconceptions"]] == [NAMED[0]]
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # without the verdicts, no misconception is claimed
    plain = write_report(url, tmp_path / "plain")
    assert "No failing hand-in showed a catalogued mistake." in plain["md"].read_text()


def test_the_feedback_page_shows_it_under_the_failed_exercise(graded):
    import html
    import re

    page = (graded / "feedback" / "dee" / AID / f"{NB}.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page[page.find("<body") :]))
    said = _expected_sentence()
    assert text.count(diagnosis.MARK.strip()) == 1
    shown = text[text.index(diagnosis.MARK.strip()) :].split("\n", 1)[0]
    assert shown == diagnosis.MARK + said
    # under the failed exercise: after its "not passed", before the next exercise
    before = text[: text.index(diagnosis.MARK.strip())]
    assert before.rstrip().splitlines()[-1].strip().startswith("AssertionError")
