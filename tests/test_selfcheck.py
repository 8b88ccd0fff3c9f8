"""Check my work, for real: fresh kernels grading saved notebooks, as a learner runs it.

Each test writes a learner's notebook into a scratch work folder laid out like the
course (``<work>/<assignment>/<name>.ipynb``) and checks it: from Python, from the
notebook's own check cell in a running kernel, and from the command line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from npmem.dev.bench import check_seconds
from npmem.dev.samples import build_submission, mutants, test_points
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, source_notebook
from npmem.grading.config import Settings
from npmem.selfcheck import grade, progress

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "tests" / "artifacts"


def save(work: Path, assignment: str, nb: nbformat.NotebookNode) -> Path:
    path = work / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def total(assignment: str) -> int:
    """The assignment's full points, from its source notebook's test cells."""
    return sum(test_points(nbformat.read(source_notebook(assignment), as_version=4)).values())


def points(assignment: str, test_id: str) -> int:
    return test_points(nbformat.read(source_notebook(assignment), as_version=4))[test_id]


def cells_by_id(nb, gid):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid]


def hidden_lines(assignment: str) -> list[str]:
    """Every line of hidden test code long enough to be recognisable."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    lines = []
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            hidden = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1]
            lines += [ln.strip() for ln in hidden.splitlines() if len(ln.strip()) > 20]
    return lines


def test_reference_scores_full_marks_and_the_blank_release_zero(tmp_path):
    ref = grade(
        save(tmp_path / "a", "01-strides", build_submission("01-strides", {"*": "solution"}))
    )
    assert ref.score == ref.max_score == total("01-strides")
    assert all(e.visible == e.hidden == "pass" and not e.message for e in ref.exercises)
    blank = grade(save(tmp_path / "b", "01-strides", build_submission("01-strides", {})))
    assert blank.score == 0 and len(blank.exercises) == 7
    for e in blank.exercises:
        assert (e.status, e.visible, e.hidden) == ("todo", "fail", "not run")
        assert e.message.startswith("NotImplementedError: not answered yet")


def test_a_wrong_answer_fails_with_its_message_and_never_shows_test_code(tmp_path):
    choices = {"*": "solution", "contiguity": "empty_not_special", "windows": "copies"}
    report = grade(save(tmp_path, "01-strides", build_submission("01-strides", choices)))
    by_name = {e.name: e for e in report.exercises}
    hidden_only = by_name["contiguity"]  # passes the visible tests, fails a hidden one
    assert (hidden_only.points, hidden_only.visible, hidden_only.hidden) == (0, "pass", "fail")
    assert hidden_only.message.startswith("AssertionError: contiguity(")
    assert "expected (True, True), got (False, False)" in hidden_only.message
    visible = by_name["windows"]
    assert (visible.visible, visible.hidden, visible.status) == ("fail", "not run", "fail")
    assert "expected a view that shares memory" in visible.message
    lost = points("01-strides", "test_contiguity") + points("01-strides", "test_windows")
    assert report.score == total("01-strides") - lost
    shown = str(report) + report._repr_html_() + json.dumps(report.to_dict())
    for line in hidden_lines("01-strides"):
        assert line not in shown, line
    for marker in ("Traceback", 'File "', "----> ", "BEGIN HIDDEN", "check_equal("):
        assert marker not in shown


def test_editing_or_deleting_test_cells_gains_nothing(tmp_path):
    nb = build_submission("01-strides", {"*": "blank"})
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass  # all good"
    nb.cells.remove(cells_by_id(nb, "test_windows")[0])
    report = grade(save(tmp_path, "01-strides", nb))
    assert report.score == 0 and len(report.exercises) == 7


def test_an_answer_leaning_on_a_cell_the_grader_skips_fails_and_the_check_says_why(tmp_path):
    """The grader runs only each exercise's own cell, so an answer that uses the learner's
    own helper cell (which uses a demonstration's function) fails here too, with a note
    naming the cell; run as stock nbgrader would (full), it passes."""
    nb = build_submission("06-leaks", {"*": "solution"})
    [sol] = cells_by_id(nb, "cached_windows")
    sol.source = (
        "def cached_windows(maxsize):\n"
        "    @functools.lru_cache(maxsize=maxsize)\n"
        "    def window(n):\n"
        "        w = gaussian(n)\n"
        "        w.flags.writeable = False\n"
        "        return w\n\n"
        "    return window"
    )
    helper = nbformat.v4.new_code_cell(
        "def gaussian(n):\n    return window_unbounded.__wrapped__(n)"
    )  # the learner's own helper, reusing a demonstration's function
    nb.cells.insert(nb.cells.index(sol), helper)
    path = save(tmp_path, "06-leaks", nb)
    fast, full = grade(path), grade(path, full=True)
    assert full.score == full.max_score
    by_name = {e.name: e for e in fast.exercises}
    assert by_name["cached_windows"].points == 0
    assert "gaussian is defined only in a cell the grader does not run" in (
        by_name["cached_windows"].message
    )
    assert any("cached_windows uses gaussian, which a cell of yours" in n for n in fast.notes)
    others = {k: v for k, v in fast.scores().items() if k != "test_cached_windows"}
    assert others == {k: v for k, v in full.scores().items() if k != "test_cached_windows"}
    assert fast.cells_skipped > 0 and full.cells_skipped == 0
    assert fast.cells_run < full.cells_run


def test_a_runaway_answer_times_out_and_a_crash_costs_its_exercise_only(tmp_path, monkeypatch):
    monkeypatch.setattr("npmem.selfcheck.grader.load", lambda root: Settings(timeout=10))
    answers = {
        "strides_for": "def strides_for(shape, itemsize, order='C'):\n    while True:\n"
        "        pass",
        "contiguity": "import os\n\ndef contiguity(shape, strides, itemsize):\n    os._exit(1)",
    }
    from npmem.dev.samples import fill, solutions

    release = nbformat.read(ROOT / "release/01-strides/strides.ipynb", as_version=4)
    nb = fill(release, {**solutions("01-strides"), **answers})
    report = grade(save(tmp_path, "01-strides", nb))
    by_name = {e.name: e for e in report.exercises}
    assert by_name["strides_for"].message.startswith("CellTimeoutError: the cell ran longer")
    assert by_name["byte_offset"].points == 2  # graded after the interrupted exercise
    assert by_name["contiguity"].points == 0
    assert "the process running the test stopped" in by_name["contiguity"].message
    assert any("Checking contiguity stopped the process" in note for note in report.notes)
    # as in the course's grader, the crash costs that exercise only
    assert by_name["flat_view"].visible == "pass" and by_name["flat_view"].points == 2


def test_stderr_scores_zero_and_course_ignored_warnings_do_not(tmp_path):
    from npmem.dev.samples import solutions

    sols = solutions("01-strides")
    noisy = "import sys\n" + sols["windows"].replace(
        "def windows(x, width):\n",
        "def windows(x, width):\n    print('debug', file=sys.stderr)\n",
    )
    warned = "import warnings\n" + sols["flat_view"].replace(
        "def flat_view(x):\n",
        "def flat_view(x):\n    warnings.warn('just so you know', RuntimeWarning)\n",
    )
    assert "debug" in noisy and "just so you know" in warned
    nb = build_submission("01-strides", {"*": "solution"})
    cells_by_id(nb, "windows")[0].source = noisy
    cells_by_id(nb, "flat_view")[0].source = warned
    report = grade(save(tmp_path, "01-strides", nb))
    by_name = {e.name: e for e in report.exercises}
    assert by_name["windows"].points == 0 and "wrote to stderr" in by_name["windows"].message
    assert by_name["flat_view"].points == 2  # nbgrader_config's IgnorePattern drops it


def _run_cells(nb, cwd: Path, sources: list[str]) -> list:
    """Append cells to ``nb`` and run only those, in one kernel started in ``cwd``."""
    start = len(nb.cells)
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    with client.setup_kernel():
        for i in range(start, len(nb.cells)):
            client.execute_cell(nb.cells[i], i)
    return nb.cells[start:]


def test_check_cell_shows_the_table_in_the_notebook_and_records_progress(tmp_path):
    choices = {"*": "solution", "byte_offset": "no_bounds_check", "flat_view": "blank"}
    nb = build_submission("01-strides", choices)
    path = save(tmp_path, "01-strides", nb)
    [check_cell] = cells_by_id(nb, "check_my_work")
    ran = _run_cells(
        nb,
        path.parent,
        [
            "def strides_for(shape, itemsize, order='C'):\n    return ()  # not saved",
            check_cell.source,
            'solution("byte_offset")',
            'solution("flat_view")',
            f"from npmem.selfcheck import show_progress\nshow_progress({str(tmp_path)!r})",
        ],
    )
    unsaved, checked, shown, locked, door = ran
    full = total("01-strides")
    got = full - points("01-strides", "test_byte_offset") - points("01-strides", "test_flat_view")
    outputs = checked.outputs
    assert [o.output_type for o in outputs] == ["display_data"], outputs
    html = outputs[0].data["text/html"]
    assert f"Check my work · 01-strides: {got} / {full} points" in html
    assert "class='npmem-fail' data-exercise='byte_offset'" in html
    assert "expected IndexError, got a result" in html
    assert "class='npmem-todo' data-exercise='flat_view'" in html
    assert "different version of strides_for" in html  # ran in the kernel, not saved
    assert f"Best so far: <b>{got} / {full}</b>" in html
    assert "def byte_offset" in shown.outputs[0].data["text/markdown"]
    assert "No checked attempt at flat_view" in locked.outputs[0].data["text/plain"]
    assert f"{got} / {full}" in door.outputs[0].data["text/html"]
    entry = progress.load(tmp_path)["assignments"]["01-strides"]
    assert entry["best"] == got and entry["checks"] == 1
    assert not any(o.get("name") == "stderr" for c in ran for o in c.outputs)


def test_check_cell_explains_when_there_is_nothing_to_check(tmp_path):
    nb = nbformat.read(source_notebook("01-strides"), as_version=4)
    [cell] = _run_cells(nb, tmp_path, [cells_by_id(nb, "check_my_work")[0].source])
    [out] = cell.outputs
    assert "Could not find your saved notebook strides.ipynb" in out.data["text/plain"]
    assert list(tmp_path.iterdir()) == []
    [cell] = _run_cells(nb, source_notebook("01-strides").parent, [cell.source])
    assert "the instructor's version" in cell.outputs[0].data["text/plain"]


def test_command_line(tmp_path):
    path = save(tmp_path, "02-dtypes", build_submission("02-dtypes", {"*": "solution"}))
    proc = subprocess.run(
        [sys.executable, "-m", "npmem.selfcheck", str(path), "--json", "--no-record"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    assert data["score"] == data["max_score"] == 16 and data["assignment"] == "02-dtypes"
    assert not (tmp_path / ".npmem-progress.json").exists()
    missing = subprocess.run(
        [sys.executable, "-m", "npmem.selfcheck", str(tmp_path / "nope.ipynb")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "There is no notebook at" in missing.stderr


def test_the_bench_times_a_check_of_a_complete_notebook():
    """``make bench``'s check timing runs (its figures are the bench's, never asserted here):
    both ways of checking give the complete notebook full marks, or ``check_seconds`` raises."""
    times = check_seconds("01-strides")
    assert set(times) >= {"check_seconds", "check_every_cell_seconds"}, times
    assert times["check_seconds"] > 0 and times["check_every_cell_seconds"] > 0, times


def test_mutants_exist_for_the_exercises_used_here():
    wrong = mutants("01-strides")
    assert {"empty_not_special"} <= set(wrong["contiguity"]) and "copies" in wrong["windows"]


def test_a_name_only_a_test_cell_imports_is_not_there_for_a_later_answer(tmp_path):
    """The grader runs each test in a namespace of its own: an answer that uses what an
    earlier test cell imported (check_equal) fails here too, and the check says why."""
    from npmem.dev.samples import solutions

    nb = build_submission("01-strides", {"*": "solution"})
    [cell] = cells_by_id(nb, "byte_offset")
    cell.source = solutions("01-strides")["byte_offset"].replace(
        "def byte_offset(arr, index):\n",
        "def byte_offset(arr, index):\n    check_equal(1, 1, 'a check of my own')\n",
        1,
    )  # check_equal: imported by the tests only
    report = grade(save(tmp_path, "01-strides", nb))
    by_name = {e.name: e for e in report.exercises}
    assert by_name["byte_offset"].points == 0, by_name["byte_offset"]
    assert "check_equal" in by_name["byte_offset"].message
    assert any("only the tests of strides_for import" in n for n in report.notes), report.notes
    assert by_name["strides_for"].points == by_name["strides_for"].max_points
