"""The learner's path outside the browser: stubs from source/, the three states of an
exercise, the learner's own copy of the course (my-work/), the learner's Lab, and test
failures whose traceback leaves out the course's own frames (in a real kernel)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from npmem.dev.samples import fill, mutants, solution_cells, solutions
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, source_notebook
from npmem.selfcheck import lab, workspace
from npmem.selfcheck.grader import grade, stub_sources
from npmem.selfcheck.report import COLOUR, STATUS, Exercise, Report


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_stubs_come_from_source_through_nbgrader(assignment):
    """Each exercise's stub keeps its signature and docstring and raises
    NotImplementedError, as generate_assignment makes it; no solution is left in it."""
    source = nbformat.read(source_notebook(assignment), as_version=4)
    stubs = stub_sources(source)
    assert set(stubs) == set(solution_cells(source))
    for name, stub in stubs.items():
        assert "raise NotImplementedError()" in stub, name
        assert "BEGIN SOLUTION" not in stub and "END SOLUTION" not in stub, name
        assert f"def {name}(" in stub, name
        assert stub != solution_cells(source)[name].source


def _course_copy(tmp_path: Path, assignment: str = "01-strides") -> Path:
    """A release notebook as a learner leaves it, at a path the course never reads."""
    nb = nbformat.read(ROOT / "release" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb", 4)
    path = tmp_path / "work" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
    path.parent.mkdir(parents=True)
    right = solutions(assignment)["strides_for"]
    wrong = mutants(assignment)["byte_offset"]["assumes_c_order"]
    nbformat.write(fill(nb, {"strides_for": right, "byte_offset": wrong}), path)
    return path


def test_attempted_is_judged_without_reading_any_released_notebook(tmp_path, monkeypatch):
    """The bug: "attempted" compared the learner's cell with the released file the learner
    edits. The check must work when release/ is unreadable."""
    import npmem.grading.catalogue

    def no_release(*args, **kwargs):
        raise AssertionError("the check read a released notebook")

    monkeypatch.setattr(npmem.grading.catalogue, "release_notebook", no_release)
    path = _course_copy(tmp_path)
    report = grade(path, "01-strides")
    states = {e.name: e.status for e in report.exercises}
    assert states["strides_for"] == "pass"
    assert states["byte_offset"] == "fail"
    assert [s for s in states.values()].count("todo") == 5
    answered = {e.name: e.answered for e in report.exercises}
    assert answered["strides_for"] and answered["byte_offset"]
    assert sum(answered.values()) == 2


def test_solution_unlocks_after_a_checked_attempt(tmp_path):
    from npmem.selfcheck import progress, solution

    path = _course_copy(tmp_path)
    report = grade(path, "01-strides")
    progress.record(path.parent.parent, report)
    for name in ("strides_for", "byte_offset"):  # passed, failed: both checked attempts
        shown = solution(name, path=path)
        assert f"Worked solution of {name}" in str(shown), shown
    locked = str(solution("contiguity", path=path))
    assert "No checked attempt at contiguity" in locked
    saved = json.loads((path.parent.parent / ".npmem-progress.json").read_text())
    flags = {k: v["attempted"] for k, v in saved["assignments"]["01-strides"]["exercises"].items()}
    assert flags == {name: name in ("strides_for", "byte_offset") for name in flags}


def test_the_table_tells_passed_failed_and_not_attempted_apart():
    exercises = [
        Exercise(1, "a", 2.0, 2.0, "pass", "pass", "", True),
        Exercise(2, "b", 0.0, 2.0, "pass", "fail", "AssertionError: b(1): expected 1, got 2"),
        Exercise(3, "c", 0.0, 2.0, "fail", "not run", "NotImplementedError: not…", False),
    ]
    report = Report("01-strides", Path("x.ipynb"), 0.0, exercises)
    assert [e.status for e in exercises] == ["pass", "fail", "todo"]
    assert len({STATUS[s] for s in ("pass", "fail", "todo")}) == 3
    assert len({COLOUR[s] for s in ("pass", "fail", "todo")}) == 3
    html = report._repr_html_()
    rows = re.findall(r"<tr class='npmem-(\w+)'.*?</tr>", html)
    assert rows == ["pass", "fail", "todo"]
    todo_row = re.search(r"<tr class='npmem-todo'.*?</tr>", html)[0]
    fail_row = re.search(r"<tr class='npmem-fail'.*?</tr>", html)[0]
    assert "not&nbsp;attempted" in todo_row and COLOUR["todo"] in todo_row
    assert "NotImplementedError" not in todo_row and "✘" not in todo_row
    assert "✘&nbsp;failed" in fail_row and "expected 1, got 2" in fail_row
    text = str(report)
    assert "○ not attempted" in text and "✘ failed" in text and "✔ passed" in text
    assert "NotImplementedError" not in text


def _fake_course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(ROOT / "release", root / "release")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    return root


def test_the_working_copy_is_made_once_and_never_overwritten(tmp_path):
    from npmem.grading.notebook import notebook_metadata

    root = _fake_course(tmp_path)
    copied = workspace.ensure(root)
    work = root / workspace.WORKDIR
    assert copied == [*ASSIGNMENTS, "index.ipynb"]
    for aid, name in ASSIGNMENTS.items():
        nb = nbformat.read(work / aid / f"{name}.ipynb", 4)
        release = nbformat.read(root / "release" / aid / f"{name}.ipynb", 4)
        assert [c.source for c in nb.cells] == [c.source for c in release.cells]
        assert {k: nb.metadata[k] for k in notebook_metadata()} == notebook_metadata()
    # the learner answers; a later start and a rebuilt release/ change nothing of it
    mine = work / "01-strides" / "strides.ipynb"
    mine.write_text(mine.read_text().replace("raise NotImplementedError()", "return 42", 1))
    before = mine.read_bytes()
    shutil.rmtree(root / "release" / "01-strides")
    shutil.copytree(ROOT / "release" / "01-strides", root / "release" / "01-strides")
    assert workspace.ensure(root) == []
    assert mine.read_bytes() == before
    # a new assignment (here: one the learner deleted) is copied on the next start
    shutil.rmtree(work / "02-dtypes")
    assert workspace.ensure(root) == ["02-dtypes"]
    assert mine.read_bytes() == before


def test_the_working_copy_is_ignored_by_git(tmp_path):
    root = _fake_course(tmp_path)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    subprocess.run([*git, "-C", str(root), "add", "release", "notebooks"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-qm", "course"], check=True)
    workspace.ensure(root)
    status = subprocess.run(
        [*git, "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status == "", status


def test_the_front_door_copy_follows_the_course(tmp_path):
    root = _fake_course(tmp_path)
    workspace.ensure(root)
    door = root / workspace.WORKDIR / "index.ipynb"
    nb = nbformat.read(door, 4)
    nb.cells[0].source += "\n\nchanged by the course"
    nbformat.write(nb, root / "notebooks" / "index.ipynb")
    assert workspace.ensure(root) == ["index.ipynb"]
    assert "changed by the course" in door.read_text()
    assert workspace.ensure(root) == []  # outputs alone (a run progress cell) do not count


def test_the_learners_lab_switches_off_instructor_tools_for_that_server_only():
    argv, env = lab.command(ROOT, ["--no-browser"])
    prefix = "--ServerApp.jpserver_extensions="
    off = dict(a.removeprefix(prefix).split("=") for a in argv if a.startswith(prefix))
    assert set(off) == set(lab.SERVER_EXTENSIONS_OFF) and set(off.values()) == {"False"}
    assert "nbgrader.server_extensions.validate_assignment" not in off
    assert "--LabApp.default_url=/lab/tree/my-work/index.ipynb" in argv
    assert argv[-1] == "--no-browser"
    config = Path(env["JUPYTER_CONFIG_PATH"].split(":")[0])
    page = json.loads((config / "labconfig" / "page_config.json").read_text())
    assert set(page["disabledExtensions"]) == set(lab.LAB_EXTENSIONS_OFF)
    # the ids exist in this nbgrader, and the environment itself keeps them enabled
    static = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static"
    shipped = set()
    for js in static.glob("*.js"):
        shipped |= set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', js.read_text(errors="ignore")))
    assert set(lab.LAB_EXTENSIONS_OFF) <= shipped
    env_page = Path(sys.prefix) / "etc/jupyter/labconfig/page_config.json"
    if env_page.is_file():
        disabled = json.loads(env_page.read_text()).get("disabledExtensions", {})
        assert not any(disabled.get(x) for x in lab.LAB_EXTENSIONS_OFF)


KERNEL_CELLS = [
    "from npmem.checks import check_does_not_use, check_equal\nimport numpy as np\n"
    "def f(x):\n    return x + 1",
    "check_equal(f(1), 3, 'f(1)')",
    "def g(a):\n    return np.sum(a)\ncheck_does_not_use(g, ['sum'], why='is not allowed here')",
    "try:\n    check_equal(1, 2, 'x')\nexcept AssertionError as e:\n    print(type(e).__name__)",
]


def test_a_failed_check_shows_no_course_frame_in_a_real_kernel():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in KERNEL_CELLS]
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    (err,) = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    assert (err.ename, err.evalue) == ("AssertionError", "f(1): expected 3, got 2")
    text = ansi.sub("", "\n".join(err.traceback))
    assert "checks.py" not in text and "check_equal(f(1), 3, 'f(1)')" in text
    assert text.rstrip().endswith("AssertionError: f(1): expected 3, got 2")
    (err,) = [o for o in nb.cells[2].outputs if o.output_type == "error"]
    text = ansi.sub("", "\n".join(err.traceback))
    assert "checks.py" not in text and "contextlib" not in text
    assert "g refers to np.sum, which is not allowed here" in text
    assert nb.cells[3].outputs[0].text == "AssertionError\n"  # still an AssertionError
