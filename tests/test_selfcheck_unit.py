"""The self-check's parts, without a kernel: nbgrader's rules, the merge, the cell
selection, progress, solutions, the report and the authoring of hints and check cells."""

from __future__ import annotations

import json
import logging
import re

import nbformat
import pytest

from npmem.authoring.build import AuthoringError, parse
from npmem.grading import rules as score
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, content_file, source_notebook
from npmem.grading.config import Settings, literal_assignments, load
from npmem.selfcheck import bindings, locate, plan, progress, reveal
from npmem.selfcheck.report import Exercise, Report

# ---- nbgrader's rules ------------------------------------------------------------------


def _out(kind, **kw):
    return nbformat.NotebookNode({"output_type": kind, **kw})


OUTPUT_CASES = [
    [],
    [_out("stream", name="stdout", text="hello\n")],
    [_out("stream", name="stderr", text="careful\n")],
    [_out("error", ename="AssertionError", evalue="f(): expected 1, got 2", traceback=[])],
    [_out("execute_result", data={"text/plain": "1.5"}, metadata={}, execution_count=1)],
    [_out("execute_result", data={"text/plain": "-3"}, metadata={}, execution_count=1)],
    [_out("execute_result", data={"text/plain": "'text'"}, metadata={}, execution_count=1)],
    [_out("execute_result", data={"text/plain": ["0.5"]}, metadata={}, execution_count=1)],
    [_out("display_data", data={"text/plain": "0.0"}, metadata={})],
    [
        _out("stream", name="stdout", text="x\n"),
        _out("execute_result", data={"text/plain": "0"}, metadata={}, execution_count=1),
    ],
]


@pytest.mark.parametrize("outputs", OUTPUT_CASES)
def test_score_is_nbgraders_determine_grade(outputs):
    from nbgrader.utils import determine_grade

    cell = nbformat.v4.new_code_cell("pass")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 3, "solution": False}
    cell.outputs = outputs
    expected, _ = determine_grade(cell, logging.getLogger("test"))
    assert score.score(outputs, 3) == expected


def test_a_value_above_the_points_is_refused_as_nbgrader_refuses_it():
    from nbgrader.utils import determine_grade

    outputs = [_out("execute_result", data={"text/plain": "7"}, metadata={}, execution_count=1)]
    cell = nbformat.v4.new_code_cell("pass")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 3, "solution": False}
    cell.outputs = outputs
    with pytest.raises(ValueError):
        determine_grade(cell, logging.getLogger("test"))
    with pytest.raises(ValueError):
        score.score(outputs, 3)


def test_ignore_stderr_is_nbgraders_ignore_pattern():
    from nbgrader.preprocessors import IgnorePattern

    outputs = [
        _out("stream", name="stderr", text="/x.py:3: RuntimeWarning: overflow\n  y = x\n"),
        _out("stream", name="stderr", text="something else\n"),
        _out("stream", name="stdout", text="RuntimeWarning: in stdout stays\n"),
    ]
    cell = nbformat.v4.new_code_cell("pass")
    cell.outputs = [nbformat.NotebookNode(dict(o)) for o in outputs]
    ours = score.ignore_stderr(outputs, r"\w*Warning: ")
    theirs, _ = IgnorePattern(pattern=r"\w*Warning: ", enabled=True).preprocess_cell(cell, {}, 0)
    assert ours == theirs.outputs
    assert [o["text"] for o in ours] == ["something else\n", "RuntimeWarning: in stdout stays\n"]
    assert score.ignore_stderr(outputs, None) == outputs


def test_settings_read_what_traitlets_loads(monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("NPMEM_SANDBOX", "off")
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    ours = load(ROOT)
    assert ours.timeout == cfg.Execute.timeout
    assert ours.interrupt_on_timeout == cfg.Execute.interrupt_on_timeout
    assert ours.ignore_pattern == (cfg.IgnorePattern.pattern if cfg.IgnorePattern.enabled else None)
    assert ours.add_missing_cells == cfg.OverwriteCells.add_missing_cells
    assert list(ours.ignore) == list(cfg.CourseDirectory.ignore)


def test_settings_take_literals_only_and_default_to_nbgrader(tmp_path):
    text = (
        "import os\nc = get_config()\nc.Execute.timeout = 7\n"
        "c.Exchange.root = os.environ.get('X', '/x')\n"
        "if True:\n    c.Execute.timeout = 99\n"
    )
    assert literal_assignments(text) == {("Execute", "timeout"): 7}
    (tmp_path / "nbgrader_config.py").write_text(text)
    assert load(tmp_path) == Settings(timeout=7)
    assert load(tmp_path / "nowhere") == Settings()


def test_messages_are_type_and_message_only():
    err = {"ename": "AssertionError", "evalue": "\x1b[0;31mf(): expected 1, got 2\x1b[0m"}
    assert score.error_message(err) == "AssertionError: f(): expected 1, got 2"
    syntax = {"ename": "SyntaxError", "evalue": "invalid syntax (3361614093.py, line 4)"}
    assert score.error_message(syntax) == "SyntaxError: invalid syntax (line 4)"
    assert "not answered yet" in score.error_message({"ename": "NotImplementedError"})
    timeout = score.error_message({"ename": "CellTimeoutError", "evalue": ""}, 60)
    assert "longer than 60 s" in timeout
    assert len(score.error_message({"ename": "E", "evalue": "x" * 5000})) <= 604
    warned = [_out("stream", name="stderr", text="/t.py:9: RuntimeWarning: overflow\n  a = b\n")]
    note = score.stderr_message(warned)
    assert "RuntimeWarning: overflow" in note and "a = b" not in note


# ---- what runs: the merge and the cell selection ---------------------------------------


def _release(assignment="01-strides"):
    from npmem.grading.catalogue import release_notebook

    return nbformat.read(release_notebook(assignment), as_version=4)


def _source(assignment="01-strides"):
    return nbformat.read(source_notebook(assignment), as_version=4)


def _by_id(cells, gid):
    return [c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid]


def test_merge_restores_edited_and_deleted_tests_like_overwrite_cells():
    learner, source = _release(), _source()
    [edited] = _by_id(learner.cells, "test_byte_offset")
    edited.source = "pass  # no tests here"
    edited.metadata["nbgrader"]["points"] = 100
    learner.cells.remove(_by_id(learner.cells, "test_windows")[0])
    merged = plan.merge(learner, source, add_missing=True)
    [ref] = _by_id(source.cells, "test_byte_offset")
    [restored] = _by_id(merged, "test_byte_offset")
    assert restored.source == ref.source and "BEGIN HIDDEN TESTS" in restored.source
    assert restored.metadata["nbgrader"]["points"] == 2
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in merged]
    assert ids.index("test_windows") == ids.index("windows") + 1
    without = plan.merge(learner, source, add_missing=False)
    assert not _by_id(without, "test_windows")


def test_merge_keeps_the_last_duplicate_and_drops_unknown_ids():
    learner, source = _release(), _source()
    [sol] = _by_id(learner.cells, "strides_for")
    copy = nbformat.v4.new_code_cell("def strides_for(shape, itemsize, order='C'):\n    return 1")
    copy.metadata["nbgrader"] = dict(sol.metadata["nbgrader"])
    learner.cells.insert(learner.cells.index(sol) + 1, copy)
    stray = nbformat.v4.new_code_cell("x = 1")
    stray.metadata["nbgrader"] = {"grade": True, "grade_id": "mine", "points": 9, "locked": True}
    learner.cells.append(stray)
    merged = plan.merge(learner, source, add_missing=True)
    [kept] = _by_id(merged, "strides_for")
    assert kept.source == copy.source
    cells = plan.classify(merged, source)
    assert [c.source for c in cells if c.kind == "learner"] == [sol.source, "x = 1"]
    assert not any(c.grade_id == "mine" for c in cells)


def test_merge_restores_a_test_cell_turned_into_markdown():
    learner, source = _release(), _source()
    [cell] = _by_id(learner.cells, "test_strides_for")
    md = nbformat.v4.new_markdown_cell("gone")
    md.metadata = cell.metadata
    learner.cells[learner.cells.index(cell)] = md
    merged = plan.merge(learner, source, add_missing=True)
    [back] = _by_id(merged, "test_strides_for")
    assert back.cell_type == "code" and "BEGIN HIDDEN TESTS" in back.source


def test_split_test_keeps_every_line_in_order():
    for assignment in ASSIGNMENTS:
        for cell in _source(assignment).cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                visible, hidden = plan.split_test(cell.source)
                assert hidden is not None and hidden.startswith("### BEGIN HIDDEN TESTS")
                assert "HIDDEN" not in visible
                rebuilt = (visible + "\n" + hidden).split()
                assert rebuilt == cell.source.split()


def test_names_of_a_cell():
    n = bindings.names(
        "import numpy as np\nrng = np.random.default_rng()\n"
        "for label, view in _views(rng):\n    print(label, view, outer)\n"
        "total += 1\ndef f(a):\n    return helper(a) + a\n"
    )
    assert {"np", "rng", "label", "view", "total", "f"} <= n.binds
    assert {"_views", "outer", "total", "helper"} <= n.reads
    assert not {"np", "rng", "label", "view", "a"} & n.reads
    assert not n.dynamic
    assert bindings.names("%timeit f(2)").dynamic
    assert bindings.names("from os import *").dynamic
    assert bindings.names("y = eval('x')").dynamic
    assert bindings.names("def broken(:\n") == bindings.Names()
    # bound on both branches of an if, or in a loop that surely runs: not read from outside
    both = bindings.names("if c:\n    d = 1\nelse:\n    d = 2\nprint(d)")
    assert "d" not in both.reads
    one = bindings.names("if c:\n    d = 1\nprint(d)")
    assert "d" in one.reads
    loop = bindings.names("for k in [1, 2]:\n    a = k\ndel a")
    assert "a" not in loop.reads
    maybe = bindings.names("for k in items:\n    a = k\ndel a")
    assert "a" in maybe.reads


def test_the_check_runs_what_the_grader_runs_and_nothing_else():
    """Set-up, each exercise's own solution cell and the tests run; demonstrations and the
    learner's own cells do not (npmem.sandbox grades only those), for every assignment."""
    from npmem.dev.samples import build_submission
    from npmem.selfcheck.grader import graded_by_the_grader

    for assignment in ASSIGNMENTS:
        source = _source(assignment)
        learner = build_submission(assignment, {"*": "solution"})
        learner.cells.insert(3, nbformat.v4.new_code_cell("mine = 1"))
        cells = plan.classify(plan.merge(learner, source, add_missing=True), source)
        kinds = {c.kind for c in cells}
        assert {"readonly", "solution", "tests", "course", "learner"} <= kinds, assignment
        ran = [c for c in cells if graded_by_the_grader(c)]
        assert [c.grade_id for c in ran if c.kind == "readonly"] == ["setup"], assignment
        assert not any(c.source == "mine = 1" for c in ran)


# ---- progress and solutions ------------------------------------------------------------


def _report(points, answered=True, assignment="01-strides"):
    exercises = [
        Exercise(1, "strides_for", points[0], 2.0, "pass", "pass", "", answered),
        Exercise(2, "byte_offset", points[1], 2.0, "pass", "fail", "AssertionError: x", True),
    ]
    return Report(assignment, ROOT / "x.ipynb", 0.0, exercises)


def test_progress_keeps_the_best_and_the_last(tmp_path):
    assert progress.load(tmp_path) == {"version": 1, "assignments": {}}
    progress.record(tmp_path, _report([0.0, 0.0], answered=False))
    entry = progress.record(tmp_path, _report([2.0, 0.0]))
    entry = progress.record(tmp_path, _report([0.0, 2.0]))
    assert entry["checks"] == 3 and entry["best"] == 2.0 and entry["last"] == 2.0
    ex = entry["exercises"]
    assert ex["strides_for"] == {"best": 2.0, "max": 2.0, "attempted": True}
    data = json.loads((tmp_path / ".npmem-progress.json").read_text())
    assert data["assignments"]["01-strides"]["max"] == 4.0
    (tmp_path / ".npmem-progress.json").write_text("{not json")
    assert progress.load(tmp_path)["assignments"] == {}


def test_front_door_table_before_and_after_a_check(tmp_path):
    empty = progress.show(tmp_path)
    assert "Nothing checked yet" in str(empty) and "Nothing checked yet" in empty._repr_html_()
    html = empty._repr_html_()
    for aid, name in ASSIGNMENTS.items():
        assert f"href='{tmp_path}/{aid}/{name}.ipynb'" in html
    progress.record(tmp_path, _report([2.0, 0.0]))
    shown = progress.show(tmp_path)
    row = shown.rows()[0]
    assert (row["best"], row["max"], row["passed"], row["exercises"]) == (2.0, 4.0, 1, 2)
    assert "2 / 4" in str(shown) and "class='npmem-checked'" in shown._repr_html_()
    assert "not checked yet" in shown._repr_html_()


def test_solution_needs_a_checked_attempt_or_confirmation(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    notebook = tmp_path / "01-strides" / "strides.ipynb"
    notebook.parent.mkdir()
    nbformat.write(_release(), notebook)
    locked = reveal.solution("byte_offset", path=notebook)
    assert "No checked attempt at byte_offset" in str(locked)
    assert "def byte_offset" not in locked._repr_html_()
    progress.record(tmp_path, _report([0.0, 0.0], answered=False))
    assert "No checked attempt" in str(reveal.solution("strides_for", path=notebook))
    shown = reveal.solution("byte_offset", path=notebook)
    assert "def byte_offset(arr, index):" in shown._repr_markdown_()
    assert "BEGIN SOLUTION" not in shown.code
    assert "solution_shown" in progress.exercise(tmp_path, "01-strides", "byte_offset")
    forced = reveal.solution("strides_for", confirm=True, path=notebook)
    assert "def strides_for(" in forced.code
    assert "no exercise called" in str(reveal.solution("nonsense", path=notebook))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert "not shown while nbgrader" in str(reveal.solution("byte_offset", path=notebook))


def test_check_does_nothing_under_nbgrader(monkeypatch, capsys):
    from npmem.selfcheck import check

    for mode in ("validate", "autograde"):
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
        assert check("01-strides", path="/nonexistent.ipynb") is None
    assert capsys.readouterr() == ("", "")


def test_locate_explains_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(locate.SelfCheckError, match="Could not find your saved notebook"):
        locate.learner_notebook("01-strides")
    with pytest.raises(locate.SelfCheckError, match="no assignment '99-nothing'"):
        locate.learner_notebook("99-nothing")
    monkeypatch.setattr("npmem.grading.catalogue.ROOT", tmp_path)
    with pytest.raises(locate.SelfCheckError, match="source/ folder"):
        locate.source_notebook("01-strides")


def test_locate_prefers_the_notebook_jupyter_started_the_kernel_for(tmp_path, monkeypatch):
    renamed = tmp_path / "strides-Copy1.ipynb"
    renamed.write_text("{}")
    monkeypatch.setenv("JPY_SESSION_NAME", str(renamed))
    assert locate.learner_notebook("01-strides") == renamed.resolve()
    assert locate.is_course_file(source_notebook("01-strides"))
    assert not locate.is_course_file(renamed)


def test_instructor_copies_are_never_checked(tmp_path):
    from npmem.grading.catalogue import release_notebook

    solved = tmp_path / "solution" / "strides.ipynb"  # as nbgrader generate_solution runs it
    solved.parent.mkdir()
    solved.write_text(source_notebook("01-strides").read_text())
    learner = tmp_path / "strides.ipynb"
    learner.write_text(release_notebook("01-strides").read_text())
    assert locate.is_instructor_copy(solved) and locate.is_instructor_copy(
        source_notebook("01-strides")
    )
    assert not locate.is_instructor_copy(learner)


# ---- the report --------------------------------------------------------------------------


def test_report_table_states_and_markup():
    report = _report([2.0, 0.0])
    report.exercises.append(
        Exercise(3, "slice_layout", 0.0, 3.0, "fail", "not run", "NotImplementedError", False)
    )
    html = report._repr_html_()
    assert [e.status for e in report.exercises] == ["pass", "fail", "todo"]
    assert "class='npmem-pass' data-exercise='strides_for'" in html
    assert "class='npmem-fail' data-exercise='byte_offset'" in html
    assert "data-score='2' data-max-score='7'" in html
    assert 'solution("byte_offset")' in html
    text = str(report)
    assert re.search(r"2\s+byte_offset\s+✘ failed\s+0/2\s+pass\s+fail\s+AssertionError: x", text)
    assert re.search(r"3\s+slice_layout\s+○ not attempted\s+0/3\s+–\s+–$", text)
    assert report.scores() == {
        "test_strides_for": 2.0,
        "test_byte_offset": 0.0,
        "test_slice_layout": 0.0,
    }


# ---- authoring: hints and the check cell -------------------------------------------------

SOURCE = (
    "# %% solution id=f\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
    "# %% tests id=test_f points=1\nassert f() == 1\n### BEGIN HIDDEN TESTS\n"
    "### END HIDDEN TESTS\n"
)


def test_hint_cells_open_on_click_one_step_at_a_time():
    nb = parse(SOURCE + "# %% hint id=f\n# Think *small*.\n# ---\n# Return `1`.\n")
    hint = nb.cells[-1]
    assert hint.cell_type == "markdown" and hint.id == "hint-f"
    assert hint.source.count('<details class="npmem-hint">') == 2
    assert "Hint 1 of 2" in hint.source and "Think *small*." in hint.source
    assert '`solution("f")`' in hint.source
    single = parse(SOURCE + "# %% hint id=f\n# One hint.\n").cells[-1].source
    assert "<b>Hint</b> for <code>f</code>" in single


def test_check_cell_is_generated_locked_and_last():
    nb = parse(SOURCE + "# %% check\n", assignment="07-extra")
    intro, code = nb.cells[-2:]
    assert intro.source.startswith("## Check my work")
    assert code.source.endswith('check("07-extra")')
    assert code.metadata["nbgrader"]["locked"] and not code.metadata["nbgrader"]["grade"]
    with pytest.raises(AuthoringError, match="after the check cell"):
        parse("# %% check\n" + SOURCE, assignment="07-extra")
    with pytest.raises(AuthoringError, match="no body"):
        parse(SOURCE + "# %% check\nx = 1\n", assignment="07-extra")
    with pytest.raises(AuthoringError, match="assignment id"):
        parse(SOURCE + "# %% check\n")


def test_hint_authoring_errors():
    with pytest.raises(AuthoringError, match="no exercise above"):
        parse("# %% hint id=f\n# too early\n" + SOURCE)
    with pytest.raises(AuthoringError, match="second hint"):
        parse(SOURCE + "# %% hint id=f\n# a\n# %% hint id=f\n# b\n")
    with pytest.raises(AuthoringError, match="empty hint"):
        parse(SOURCE + "# %% hint id=f\n#\n")


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_exercise_has_a_hint_after_its_tests_and_the_notebook_ends_in_a_check(assignment):
    nb = _source(assignment)
    ids = [c.id for c in nb.cells]
    solutions = [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    ]
    for name in solutions:
        assert ids[ids.index(f"test_{name}") + 1] == f"hint-{name}", name
    assert ids[-2:] == ["check-intro", "check_my_work"]
    assert nb.cells[-1].source.endswith(f'check("{assignment}")')
    text = content_file(assignment).read_text()
    assert text.count("# %% hint id=") == len(solutions)


def test_grade_stays_a_function_after_a_check_imported_its_module():
    """``npmem.selfcheck.grade`` is the function, before and after its module is loaded."""
    import importlib

    import npmem.selfcheck as selfcheck

    importlib.import_module("npmem.selfcheck.grader")
    assert callable(selfcheck.grade) and selfcheck.grade.__module__ == "npmem.selfcheck"


def test_a_notebook_with_no_answer_is_reported_at_once_and_counts_no_attempt(tmp_path, monkeypatch):
    """Run All on a fresh copy runs the check cell: every exercise is 'not attempted',
    as the grader scores the blank release, with no engine started and no check counted."""
    import shutil

    import nbformat

    from npmem.grading.catalogue import ASSIGNMENTS, ROOT
    from npmem.selfcheck import grader, progress

    def no_engine(*args, **kwargs):
        raise AssertionError("the engine was started for a notebook with no answer")

    monkeypatch.setattr(grader, "in_engine", no_engine)
    name = ASSIGNMENTS["01-strides"]
    path = tmp_path / "01-strides" / f"{name}.ipynb"
    path.parent.mkdir()
    shutil.copy(ROOT / "release" / "01-strides" / f"{name}.ipynb", path)
    report = grader.grade(path, "01-strides")
    assert report.score == 0 and report.max_score > 0
    assert {e.status for e in report.exercises} == {"todo"} and len(report.exercises) == 7
    entry = progress.record(tmp_path, report)
    assert entry["checks"] == 0 and entry["best"] is None
    # one answer is an attempt: the engine runs
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source = first.source.replace("raise NotImplementedError()", "return ()")
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="the engine was started"):
        grader.grade(path, "01-strides")
