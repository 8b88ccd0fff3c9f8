"""The grading core's cell rules agree with nbgrader's own predicates on every course cell."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader import utils

from npmem.grading import cells
from npmem.grading.catalogue import ASSIGNMENTS, release_notebook, source_notebook


def _all_cells():
    for aid in ASSIGNMENTS:
        for path in (source_notebook(aid), release_notebook(aid)):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                yield aid, cell


def _nbgrader_kind(cell) -> cells.Kind:
    if utils.is_task(cell):
        return cells.Kind.TASK
    if utils.is_solution(cell):
        return cells.Kind.MANUAL if utils.is_grade(cell) else cells.Kind.SOLUTION
    if utils.is_grade(cell):
        return cells.Kind.TEST
    if utils.is_locked(cell):
        return cells.Kind.READONLY
    return cells.Kind.PLAIN


def test_kind_is_nbgraders_on_every_cell_of_the_course():
    seen = set()
    for aid, cell in _all_cells():
        assert cells.kind(cell) == _nbgrader_kind(cell), (aid, cells.grade_id(cell))
        seen.add(cells.kind(cell))
    # the course uses these kinds (no manually graded cells): the check covers each
    assert {cells.Kind.SOLUTION, cells.Kind.TEST, cells.Kind.READONLY, cells.Kind.PLAIN} <= seen


@pytest.mark.parametrize(
    "flags",
    [{"task": True}, {"solution": True, "grade": True}, {"grade": True}, {"locked": True}, {}],
)
def test_kind_matches_nbgrader_on_each_flag_combination(flags):
    cell = nbformat.v4.new_code_cell("pass")
    cell.metadata["nbgrader"] = {"grade_id": "x", **flags}
    assert cells.kind(cell) == _nbgrader_kind(cell)


def test_meta_and_source_read_nbformat_cells_and_raw_json_alike():
    raw = {"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "g"}}, "source": ["a\n", "b"]}
    node = nbformat.from_dict(raw)
    assert cells.meta(raw) == cells.meta(node) == {"grade_id": "g"}
    assert cells.source(raw) == cells.source(node) == "a\nb"
    assert cells.meta({"metadata": None}) == {} and cells.grade_id({}) is None


def test_every_test_cell_pairs_with_a_solution_cell_by_the_course_rule():
    for aid in ASSIGNMENTS:
        nb = nbformat.read(source_notebook(aid), as_version=4)
        solutions, tests = cells.solution_cells(nb), cells.test_points(nb)
        assert tests, aid
        for test in tests:
            assert cells.exercise_of(test) in solutions, (aid, test)
            assert cells.test_id(cells.exercise_of(test)) == test


def test_the_set_up_is_the_read_only_code_and_not_the_check_cell():
    for aid in ASSIGNMENTS:
        nb = nbformat.read(source_notebook(aid), as_version=4)
        readonly = [cells.grade_id(c) for c in nb.cells if cells.kind(c) is cells.Kind.READONLY]
        assert cells.CHECK_ID in readonly, aid  # read-only, like the set-up...
        setup = [cells.grade_id(c) for c in nb.cells if cells.is_setup(c)]
        assert setup == ["setup"], (aid, setup)  # ...but only the set-up is set-up


def test_a_progress_line_has_the_count_the_time_and_an_eta():
    from npmem.grading.progress import counted

    assert counted(1, 4, "zoe / 01-strides: ok", 10.0, 0) == (
        "[1/4] zoe / 01-strides: ok (10 s, 0 failed, ETA 30 s)"
    )
    assert counted(4, 4, "done", 12.4) == "[4/4] done (12 s)"  # no ETA on the last line


def test_meta_of_a_malformed_hand_in_cell_is_empty_not_an_error():
    for cell in ({"metadata": "x"}, {"metadata": {"nbgrader": ["grade"]}}, "not a cell"):
        assert cells.meta(cell) == {} and cells.kind(cell) is cells.Kind.PLAIN


def test_the_engine_runs_answers_as_a_plain_process_and_reports_data(tmp_path):
    """The one engine, started without a sandbox: a failing line of the test cell, a
    syntax error as the answer cell's own failure, stderr from C code, partial credit."""
    from npmem.grading import answers

    tests = "assert f(1) == 2\n### BEGIN HIDDEN TESTS\nassert f(2) == 4\n"
    plan = answers.Plan(
        [("setup", "import numpy as np")],
        [answers.ExercisePlan("test_f", tests, 2.0, ["f"], [])],
        ["f"],
    )
    cases = {
        "def f(x):\n    return 2 * x": ("pass", 2.0, None, ""),
        "def f(x):\n    return 2 if x == 1 else 0": ("fail", 0.0, 3, ""),
        "def f(x):\n    return 0": ("fail", 0.0, 1, ""),
        "def f(x) return": ("fail", 0.0, 1, "SyntaxError"),
        "import os\ndef f(x):\n    os.write(2, b'!')\n    return 2 * x": ("fail", 0.0, None, ""),
    }
    with answers.Checker(plan, answers.local(tmp_path), 20.0) as checker:
        for code, (status, score, line, own) in cases.items():
            [outcome] = checker.check({"f": code})
            got = (outcome.status, outcome.score, outcome.line, outcome.solution_error)
            assert got[:3] == (status, score, line), (code, outcome)
            assert outcome.solution_error.startswith(own), (code, outcome)
        [noisy] = checker.check({"f": list(cases)[-1]})
        assert noisy.ename == "StderrOutput" and noisy.stderr == "!!"  # f ran twice
        partial = answers.ExercisePlan("test_f", "f(1) / 4", 2.0, ["f"], [])
        outcome = checker.exercise(partial, {"f": "def f(x):\n    return 2 * x"})
        assert (outcome.status, outcome.score) == ("pass", 0.5)
