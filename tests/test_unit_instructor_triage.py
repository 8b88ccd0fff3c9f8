"""Triage's one-line diagnosis of a submission folder, on folders built in code.

The same outcomes as ``test_bad_input.py`` (corrupt JSON, a renamed, missing or foreign
notebook, extra files, the old format 3), without running nbgrader: each test writes a
small course (two assignments' release notebooks) and one ``submitted/`` folder.
"""

from __future__ import annotations

import copy
import json

import nbformat
import pytest

from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.cells import Kind
from npmem.instructor.triage import Triage, assignment_ids, grade_ids, triage

from helpers import code_cell, exercise, hand_in, markdown_cell, notebook

AID, OTHER = "02-dtypes", "04-views"
NB, OTHER_NB = f"{ASSIGNMENTS[AID]}.ipynb", f"{ASSIGNMENTS[OTHER]}.ipynb"


def release(*exercises: str) -> nbformat.NotebookNode:
    """A release notebook: the set-up cell (its id is the same in every assignment), then
    these exercises."""
    cells = [code_cell("import numpy as np", Kind.READONLY, "setup")]
    for gid in exercises:
        cells += exercise(gid)
    return notebook(*cells)


MINE = release("downcast", "midpoint")
THEIRS = release("view_or_copy", "pick_rows")


@pytest.fixture
def course(tmp_path):
    for aid, nb in ((AID, MINE), (OTHER, THEIRS)):
        folder = tmp_path / "release" / aid
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{ASSIGNMENTS[aid]}.ipynb")
    return tmp_path


def check(course, files: dict, student: str = "s") -> Triage:
    hand_in(course, student, AID, files)
    return triage(course, AID, student)


def test_a_sound_submission_has_no_problem(course):
    t = check(course, {NB: MINE})
    assert (t.gradable, t.problems) == (True, [])


def test_the_files_nbgrader_writes_are_not_extra_files(course):
    t = check(
        course,
        {
            NB: MINE,
            "submission_secret.txt": "abc",
            ".ipynb_checkpoints/strides-checkpoint.ipynb": "{}",
            "__pycache__/x.pyc": b"\0",
            ".DS_Store": b"\0",
        },
    )
    assert (t.gradable, t.problems) == (True, [])  # and timestamp.txt, written by hand_in


def test_corrupt_json_says_where_and_is_not_graded(course):
    t = check(course, {NB: '{\n "nbformat": 4,\n'})
    assert t.problems == [f"{NB} is not valid JSON (line 3, column 1), ask for a resubmission"]
    assert not t.gradable
    text = nbformat.writes(MINE)
    cut = text[: text.index(",\n", 200) + 2]  # an upload cut short after a line
    line, column = cut.count("\n") + 1, 1  # where the text stops
    t = check(course, {NB: cut}, "t")
    assert f"{NB} is not valid JSON (line {line}, column {column})" in t.problems[0]
    assert line > 1 and not t.gradable


def test_a_binary_or_non_notebook_file_is_not_graded(course):
    t = check(course, {NB: b"\xff\xfe\x00binary"})
    assert t.problems == [f"{NB} is not a text file, ask for a resubmission"]
    assert not t.gradable
    t = check(course, {NB: json.dumps({"cells": []})}, "t")
    assert t.problems == [
        f"{NB} is JSON but not a notebook (no nbformat field), ask for a resubmission"
    ]
    assert not t.gradable
    assert (
        check(course, {NB: "[1, 2]"}, "u")
        .problems[0]
        .endswith("(no nbformat field), ask for a resubmission")
    )


def test_a_renamed_notebook_is_found_and_not_graded(course):
    t = check(course, {"Copy1.ipynb": MINE})
    assert t.problems == [
        f"{NB} is missing",
        "found Copy1.ipynb: this assignment's notebook under another name "
        f"(rename it to {NB} and regrade this student)",
    ]
    assert not t.gradable


def test_a_copy_beside_the_right_notebook_is_not_advised_to_replace_it(course):
    t = check(course, {NB: MINE, "Copy1.ipynb": MINE})
    assert t.problems == [
        f"found Copy1.ipynb: another copy of this assignment's notebook (not graded; {NB} is)"
    ]
    assert t.gradable


def test_no_notebook_at_all_is_not_graded(course):
    t = check(course, {"answers.txt": "see email\n"})
    assert t.problems == [
        f"no notebook in the submission (expected {NB})",
        "extra files kept but not graded: answers.txt",
    ]
    assert not t.gradable
    empty = check(course, {}, "t")
    assert empty.problems == [f"no notebook in the submission (expected {NB})"]
    assert not empty.gradable


def test_another_assignments_notebook_under_this_name_is_not_graded(course):
    t = check(course, {NB: THEIRS})
    assert t.problems == [f"{NB} is the notebook of {OTHER}, not {AID}, ask for the right notebook"]
    assert not t.gradable


def test_notebooks_beside_the_right_one_are_named_and_it_is_graded(course):
    stranger = notebook(markdown_cell("# my notes"), code_cell("1 + 1"))
    t = check(course, {NB: MINE, OTHER_NB: THEIRS, "notes.ipynb": stranger, "bad.ipynb": "{"})
    assert t.gradable
    assert t.problems == [
        "bad.ipynb is not valid JSON (line 1, column 2), ask for a resubmission",
        "found notes.ipynb: not a notebook of this course (not graded)",
        f"found {OTHER_NB}: the notebook of {OTHER} (not graded)",
    ]


def test_a_notebook_without_this_assignments_exercises_is_graded_with_a_warning(course):
    t = check(course, {NB: notebook(code_cell("print('hello')"))})
    assert t.problems == [f"{NB} has none of this assignment's exercises"]
    assert t.gradable  # nbgrader restores the missing test cells and scores 0


def test_extra_files_are_listed_sorted_and_cut_after_five(course):
    t = check(course, {NB: MINE, "scratch.csv": "1,2\n", "helper.py": "X = 1\n"})
    assert t.problems == ["extra files kept but not graded: helper.py, scratch.csv"]
    assert t.gradable
    many = {f"f{i}.txt": "" for i in range(7)}
    t = check(course, {NB: MINE, **many}, "t")
    assert t.problems == [
        "extra files kept but not graded: f0.txt, f1.txt, f2.txt, f3.txt, f4.txt and 2 more"
    ]


def test_the_old_format_3_is_graded_and_its_exercises_are_recognised(course):
    v3 = nbformat.convert(copy.deepcopy(MINE), 3)  # convert() changes its argument
    assert v3.nbformat == 3 and "worksheets" in v3
    assert grade_ids(json.loads(nbformat.writes(v3, version=3))) == grade_ids(MINE)
    t = check(course, {NB: v3})
    assert t.problems == [
        f"{NB} is in the old notebook format 3 (nbgrader converts it to format 4)"
    ]
    assert t.gradable


def test_the_line_names_the_student_the_assignment_and_the_verdict():
    t = Triage(AID, "zoe", gradable=False, problems=["one", "two"])
    assert t.line() == f"zoe / {AID}: one; two [NOT GRADED]"
    assert Triage(AID, "zoe", problems=["one"]).line() == f"zoe / {AID}: one [graded]"


def test_grade_ids_read_from_plain_json_of_any_shape():
    nb = json.loads(nbformat.writes(MINE))
    assert grade_ids(nb) == {"setup", "downcast", "test_downcast", "midpoint", "test_midpoint"}
    nb["cells"] += ["not a cell", {"metadata": None}, {"metadata": {"nbgrader": {}}}]
    assert grade_ids(nb) == grade_ids(MINE)
    assert grade_ids({"nbformat": 4}) == set()


def test_assignment_ids_read_the_release_first_then_the_source(tmp_path):
    for step, nb in (("release", MINE), ("source", THEIRS)):
        folder = tmp_path / step / AID
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / NB)
    folder = tmp_path / "source" / OTHER
    folder.mkdir(parents=True)
    nbformat.write(THEIRS, folder / OTHER_NB)
    found = assignment_ids(tmp_path)
    assert found == {AID: grade_ids(MINE), OTHER: grade_ids(THEIRS)}


def test_the_course_shares_grade_ids_between_assignments():
    """What the next test relies on: every release has the same set-up cell id."""
    known = assignment_ids(ROOT)
    assert len(known) == len(ASSIGNMENTS) > 1
    assert "setup" in set.intersection(*known.values())


def test_a_notebook_with_only_shared_cells_is_not_called_another_assignments(course):
    first = next(iter(ASSIGNMENTS))
    assert first != AID
    folder = course / "release" / first
    folder.mkdir(parents=True)
    nbformat.write(release("strides_for"), folder / f"{ASSIGNMENTS[first]}.ipynb")
    # the student deleted every exercise cell: only the course's set-up cell is left
    t = check(course, {NB: release()})
    assert not any(f"the notebook of {first}" in p for p in t.problems), t.problems
    assert t.gradable


@pytest.mark.parametrize("version", [None, "four"])
def test_a_notebook_with_a_nonsense_format_number_is_held_back(course, version):
    data = json.loads(nbformat.writes(MINE))
    data["nbformat"] = version
    t = check(course, {NB: json.dumps(data)})
    assert not t.gradable and t.problems
