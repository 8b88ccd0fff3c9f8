"""Broken submissions: one clear line each, the rest of the class graded, nothing lost.

Also: re-runs are idempotent, a resubmission replaces the earlier one, manual grades
survive a regrade, and the late policy applies to a late submission.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil

import nbformat
import pytest

from npmem.dev.samples import build_submission
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores, max_scores
from npmem.instructor import workflow
from npmem.instructor.autograde import autograde
from npmem.instructor.late import penalty

from helpers import make_course, submit

AID, OTHER = "02-dtypes", "04-views"
NB = ASSIGNMENTS[AID]
DUE = dt.datetime(2026, 3, 2, 17, 0, tzinfo=dt.UTC)


def stamp(course, sid, when: dt.datetime) -> None:
    path = course / "submitted" / sid / AID / "timestamp.txt"
    path.write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))


@pytest.fixture(scope="module")
def bad_class(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("bad"))
    nbg.run("generate_assignment", AID, "--force", cwd=course)
    workflow.due(course, AID, DUE.strftime("%Y-%m-%d %H:%M:%S UTC"))
    good = build_submission(AID, {"*": "solution"})
    folder = course / "submitted"
    # an honest, on-time student; and one a day and an hour late
    submit(course, "ok", AID, good)
    submit(course, "late", AID, good)
    # extra files next to a correct notebook
    submit(course, "extras", AID, good)
    (folder / "extras" / AID / "scratch.csv").write_text("1,2,3\n")
    (folder / "extras" / AID / "helper.py").write_text("X = 1\n")
    # the notebook saved by an old Jupyter (nbformat 3)
    submit(course, "oldformat", AID, good)
    v3 = nbformat.convert(good, 3)
    (folder / "oldformat" / AID / f"{NB}.ipynb").write_text(nbformat.writes(v3, version=3))
    # corrupt JSON (an upload cut short)
    submit(course, "corrupt", AID, good)
    path = folder / "corrupt" / AID / f"{NB}.ipynb"
    path.write_text(path.read_text()[:5000])
    # renamed by the student
    submit(course, "renamed", AID, good)
    (folder / "renamed" / AID / f"{NB}.ipynb").rename(folder / "renamed" / AID / "Copy1.ipynb")
    # nothing but a stray file
    (folder / "missing" / AID).mkdir(parents=True)
    (folder / "missing" / AID / "answers.txt").write_text("see email\n")
    # the notebook of another assignment, under this assignment's name
    nbg.run("generate_assignment", OTHER, "--force", cwd=course)
    submit(course, "wrongnb", AID, build_submission(OTHER, {"*": "solution"}))
    for sid in ("ok", "extras", "oldformat", "corrupt", "renamed", "wrongnb"):
        stamp(course, sid, DUE - dt.timedelta(hours=2))
    stamp(course, "late", DUE + dt.timedelta(days=1, hours=1))
    lines: list[str] = []
    result = autograde(course, [AID], jobs=2, say=lines.append)
    return course, result, lines


@pytest.mark.slow
def test_each_broken_submission_gets_one_clear_line(bad_class):
    _, result, said = bad_class
    # one progress line per graded hand-in ([n/N] ...), the rest are triage lines
    progress = [ln for ln in said if re.match(r"\[\d+/\d+\] ", ln)]
    lines = [ln for ln in said if ln not in progress]
    assert len(progress) == len(result.graded) + len(result.failed), "\n".join(said)
    assert (
        progress[-1].startswith(f"[{len(progress)}/{len(progress)}] ") and "ETA" not in progress[-1]
    )
    by_student = {ln.split(" / ")[0]: ln for ln in lines}
    assert len(by_student) == len(lines), "\n".join(lines)
    assert "is not valid JSON (line" in by_student["corrupt"]
    assert "NOT GRADED" in by_student["corrupt"]
    assert (
        "found Copy1.ipynb: this assignment's notebook under another name"
        in (by_student["renamed"])
    )
    assert f"{NB}.ipynb is missing" in by_student["renamed"]
    assert "NOT GRADED" in by_student["renamed"]
    assert "no notebook in the submission" in by_student["missing"]
    assert f"is the notebook of {OTHER}, not {AID}" in by_student["wrongnb"]
    assert "NOT GRADED" in by_student["wrongnb"]
    assert "extra files kept but not graded: helper.py, scratch.csv" in by_student["extras"]
    assert "old notebook format 3" in by_student["oldformat"]
    assert not {"ok", "late"} & set(by_student), "a sound submission was reported"
    assert sorted(ln.split(" / ")[0] for ln in result.held_back) == [
        "corrupt",
        "missing",
        "renamed",
        "wrongnb",
    ]
    assert not result.failed, [g.problem for g in result.failed]


@pytest.mark.slow
def test_the_rest_of_the_class_is_graded(bad_class):
    course, result, _ = bad_class
    full = max_scores(course, AID, NB)
    for sid in ("ok", "late", "extras", "oldformat"):
        assert cell_scores(course, AID, NB, sid) == full, sid
    for sid in ("corrupt", "renamed", "missing", "wrongnb"):
        assert cell_scores(course, AID, NB, sid) is None
    assert sorted(g.student for g in result.graded) == [
        "extras",
        "late",
        "ok",
        "oldformat",
    ]


@pytest.mark.slow
def test_a_format_3_hand_in_keeps_its_score_after_verification(bad_class):
    # `make autograde` = the parallel autograde above, then the sandboxed re-check
    course, result, _ = bad_class
    flagged = workflow.verify(course, result, jobs=2, say=lambda _: None)
    full = max_scores(course, AID, NB)
    assert cell_scores(course, AID, NB, "oldformat") == cell_scores(course, AID, NB, "ok") == full
    assert flagged == 1  # "extras": files added to the submission


def late_penalty(course, sid):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(NB, AID, sid)
        return nb.late_submission_penalty, nb.score


@pytest.mark.slow
def test_late_policy_takes_ten_percent_per_started_day(bad_class):
    course, *_ = bad_class
    taken, score = late_penalty(course, "late")
    assert score == sum(max_scores(course, AID, NB).values())
    assert taken == pytest.approx(0.2 * score)  # one day and one hour: two started days
    assert late_penalty(course, "ok")[0] in (None, 0)
    with open(workflow.export(course)) as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh) if r["assignment"] == AID}
    assert float(rows["late"]["late_submission_penalty"]) == pytest.approx(0.2 * score)
    assert float(rows["late"]["score"]) == pytest.approx(0.8 * score)
    assert float(rows["ok"]["late_submission_penalty"]) == 0


def test_penalty_rule():
    assert penalty(10, 10 * 60, 10, 15, 7) == 0  # grace
    assert penalty(10, 16 * 60, 10, 15, 7) == 1  # first started day
    assert penalty(10, 86400 + 16 * 60, 10, 15, 7) == 2
    assert penalty(10, 8 * 86400, 10, 15, 7) == 10  # too late: nothing left
    assert penalty(0, 3 * 86400, 10, 15, 7) == 0


@pytest.mark.slow
def test_rerun_is_idempotent_and_keeps_manual_grades(bad_class):
    course, *_ = bad_class
    from nbgrader.api import Gradebook

    url = f"sqlite:///{course / 'gradebook.db'}"
    before = {sid: cell_scores(course, AID, NB, sid) for sid in ("ok", "late", "extras")}
    again = autograde(course, [AID], jobs=2, say=lambda _: None)
    assert again.graded == [] and again.up_to_date == 4
    # a grader overrides one test cell by hand, then the class is regraded from scratch
    with Gradebook(url) as gb:
        grade = gb.find_grade("test_downcast", NB, AID, "late")
        grade.manual_score = 1.5
        gb.db.commit()
    forced = autograde(course, [AID], jobs=2, force=True, say=lambda _: None)
    assert len(forced.graded) == 4
    with Gradebook(url) as gb:
        grade = gb.find_grade("test_downcast", NB, AID, "late")
        assert grade.manual_score == 1.5 and grade.auto_score == 3 and grade.score == 1.5
        assert len(gb.find_assignment(AID).submissions) == 4  # no duplicates
    before["late"]["test_downcast"] = 1.5
    for sid, scores in before.items():
        assert cell_scores(course, AID, NB, sid) == scores


@pytest.mark.slow
def test_a_resubmission_replaces_the_earlier_one(bad_class):
    course, *_ = bad_class
    shutil.rmtree(course / "submitted" / "ok" / AID)
    submit(course, "ok", AID, build_submission(AID, {}))  # blank this time, and newer
    stamp(course, "ok", DUE - dt.timedelta(hours=1))
    result = autograde(course, [AID], jobs=2, say=lambda _: None)
    assert [g.student for g in result.graded] == ["ok"]
    assert set(cell_scores(course, AID, NB, "ok").values()) == {0.0}
