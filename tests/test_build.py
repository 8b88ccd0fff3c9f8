"""Source notebooks are built from content/, clean, and carry valid nbgrader metadata."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from npmem.authoring.build import AuthoringError, build, parse
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, source_notebook

IDS = list(ASSIGNMENTS)


def test_course_has_assignments_in_order():
    assert IDS == sorted(IDS)
    assert "01-strides" in IDS
    for aid in IDS:
        assert re.fullmatch(r"\d\d-[a-z]+", aid), aid


@pytest.mark.parametrize("assignment", IDS)
def test_source_notebook_is_built_from_content(assignment):
    assert build(assignment, check=True), (
        f"source/{assignment} is stale: run `make source` (python -m npmem.authoring.build)"
    )


@pytest.mark.parametrize("assignment", IDS)
def test_source_is_stripped_and_valid(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


@pytest.mark.parametrize("assignment", IDS)
def test_nbgrader_cells_pair_up(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    solutions, tests, ids = [], {}, []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        assert meta["schema_version"] == 3
        assert re.fullmatch(r"[a-zA-Z0-9_\-]+", meta["grade_id"])
        ids.append(meta["grade_id"])
        if meta["solution"]:
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
            assert not meta["locked"] and not meta["grade"]
            solutions.append(meta["grade_id"])
        if meta["grade"]:
            assert meta["locked"] and meta["points"] > 0
            assert "### BEGIN HIDDEN TESTS" in cell.source, meta["grade_id"]
            tests[meta["grade_id"]] = meta["points"]
    assert len(ids) == len(set(ids)), "duplicate grade ids"
    # the pairing, the number of exercises and the hints are the build's rules (below)
    assert sorted(tests) == sorted(f"test_{s}" for s in solutions)


RULE_SOL = (
    "# %% solution id={0}\ndef {0}():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
)
RULE_TESTS = (
    "# %% tests id={0} points=1\nassert True\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\n"
)
RULE_HINT = "# %% hint id={0}\n# Try harder.\n"


def _rule_exercise(name: str) -> str:
    return RULE_SOL.format(name) + RULE_TESTS.format(f"test_{name}") + RULE_HINT.format(name)


def test_the_build_enforces_the_authoring_rules_with_file_and_line():
    name = "content/07-demo.py"
    whole = "".join(_rule_exercise(f"e{k}") for k in range(6))
    assert len(parse(whole, name, whole=True).cells) == 18  # six exercises pass
    cases = {
        # a solution cell that is no function
        "# %% solution id=f\n### BEGIN SOLUTION\nf = 1\n### END SOLUTION\n"
        + RULE_TESTS.format("test_f"): (
            "content/07-demo.py:1: solution cell 'f' defines no function"
        ),
        # a tests cell that does not test the exercise above it
        RULE_SOL.format("f") + RULE_TESTS.format("test_g"): (
            "content/07-demo.py:6: tests cell 'test_g' after exercise 'f': its id must be 'test_f'"
        ),
        RULE_TESTS.format(
            "test_f"
        ): "content/07-demo.py:1: tests cell 'test_f' follows no exercise",
    }
    for text, message in cases.items():
        with pytest.raises(AuthoringError) as err:
            parse(text, name)
        assert str(err.value).startswith(message), str(err.value)
    whole_cases = {
        "".join(_rule_exercise(f"e{k}") for k in range(5)): (
            "content/07-demo.py:1: 5 exercise(s); an assignment has at least 6"
        ),
        whole.replace(RULE_HINT.format("e2"), ""): (
            "content/07-demo.py:23: exercise 'e2' has no hint cell after its tests"
        ),
        whole.replace(
            RULE_TESTS.format("test_e5") + RULE_HINT.format("e5"),
            RULE_HINT.format("e5") + RULE_TESTS.format("test_e5"),
        ): ("content/07-demo.py:61: the hint for 'e5' comes before its tests"),
    }
    for text, message in whole_cases.items():
        with pytest.raises(AuthoringError) as err:
            parse(text, name, whole=True)
        assert str(err.value).startswith(message), str(err.value)


@pytest.mark.parametrize("assignment", IDS)
def test_test_cells_do_not_end_in_a_bare_expression(assignment):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            body = ast.parse(cell.source).body
            last = body[-1]
            assert not (isinstance(last, ast.Expr) and not isinstance(last.value, ast.Call)), (
                f"{cell.id} ends in a bare expression: nbgrader would take it as a score"
            )


def test_parser_rejects_malformed_cells():
    with pytest.raises(AuthoringError, match="unknown cell kind"):
        parse("# %% sollution id=x\ndef f(): pass\n")
    with pytest.raises(AuthoringError, match="points"):
        parse("# %% tests id=t\nassert True\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\n")
    with pytest.raises(AuthoringError, match="BEGIN SOLUTION"):
        parse("# %% solution id=f\ndef f():\n    return 1\n")
    with pytest.raises(AuthoringError, match="duplicate"):
        parse("# %% readonly id=a\nx = 1\n# %% readonly id=a\ny = 2\n")
    with pytest.raises(AuthoringError, match="bare expression"):
        parse("# %% tests id=t points=1\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\nx = 1\nx\n")
    with pytest.raises(AuthoringError, match="markdown line"):
        parse("# %% [markdown]\nnot a comment\n")


def test_parser_builds_nbgrader_metadata():
    nb = parse(
        "# %% [markdown]\n# # Title\n#\n# text\n"
        "# %% solution id=f\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n"
        "    ### END SOLUTION\n"
        "# %% tests id=test_f points=3\nassert f() == 1\n### BEGIN HIDDEN TESTS\n"
        "assert f() + 1 == 2\n### END HIDDEN TESTS\n"
    )
    md, sol, test = nb.cells
    assert md.source == "# Title\n\ntext"
    assert sol.metadata.nbgrader == {
        "grade": False,
        "grade_id": "f",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    assert test.metadata.nbgrader["points"] == 3 and test.metadata.nbgrader["locked"]


def test_release_and_source_notebooks_exist_for_every_assignment():
    for aid, name in ASSIGNMENTS.items():
        assert (ROOT / "source" / aid / f"{name}.ipynb").exists()
        assert (ROOT / "release" / aid / f"{name}.ipynb").exists()


def test_front_door_lists_every_assignment_and_is_up_to_date():
    from npmem.authoring import index

    assert index.build(check=True), "notebooks/index.ipynb is stale: run `make source`"
    text = index.INDEX.read_text()
    for aid, name in ASSIGNMENTS.items():
        assert f"../my-work/{aid}/{name}.ipynb" in text


@pytest.mark.parametrize("assignment", IDS)
def test_test_cells_are_tagged_and_announce_a_pass(assignment):
    """Run All goes on past a failing test cell (``raises-exception``), and a test cell's
    visible part ends by printing the pass line, just above the hidden tests."""
    from npmem.authoring.build import PASS_LINE, RAISES

    nb = nbformat.read(source_notebook(assignment), as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert tests
    for cell in tests:
        assert cell.metadata.get("tags") == [RAISES], cell.id
        visible = cell.source.split("### BEGIN HIDDEN TESTS")[0].rstrip()
        assert visible.endswith(f"print({PASS_LINE!r})"), cell.id
    others = [c for c in nb.cells if c not in tests]
    assert not any(RAISES in c.metadata.get("tags", []) for c in others)


def test_pass_line_goes_above_the_hidden_tests_only_when_there_are_visible_tests():
    from npmem.authoring.build import PASS_LINE, with_pass_line

    src = "check(1)\n\n### BEGIN HIDDEN TESTS\ncheck(2)\n### END HIDDEN TESTS"
    assert with_pass_line(src) == (
        f"check(1)\nprint({PASS_LINE!r})\n\n### BEGIN HIDDEN TESTS\ncheck(2)\n### END HIDDEN TESTS"
    )
    hidden_only = "# visible: none\n### BEGIN HIDDEN TESTS\ncheck(2)\n### END HIDDEN TESTS"
    assert with_pass_line(hidden_only) == hidden_only


@pytest.mark.parametrize("assignment", IDS)
def test_notebooks_carry_the_kernels_own_metadata(assignment):
    """Kernel and language metadata as the kernel reports them: JupyterLab has nothing to
    add on opening (which would mark the notebook modified and let autosave rewrite it)."""
    from ipykernel.ipkernel import IPythonKernel

    from npmem.authoring import index

    for path in (source_notebook(assignment), index.INDEX):
        meta = nbformat.read(path, as_version=4).metadata
        assert meta["language_info"] == IPythonKernel.language_info, path
        assert meta["kernelspec"] == {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        }


@pytest.mark.slow
def test_a_failing_tagged_test_cell_still_scores_zero_under_nbgrader(graded):
    """nbgrader keeps the tag in release/, and autograde scores the blank's failing,
    tagged test cells 0, each with its error output."""
    from npmem.authoring.build import RAISES

    g = graded("01-strides")
    release = nbformat.read(g.course / "release/01-strides/strides.ipynb", as_version=4)
    tagged = [c for c in release.cells if RAISES in c.metadata.get("tags", [])]
    assert len(tagged) == 7 and all(c.metadata["nbgrader"]["grade"] for c in tagged)
    blank = g.scores("blank")
    assert blank and len(blank) == 7 and set(blank.values()) == {0.0}
    for cell in g.autograded("blank").cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert RAISES in cell.metadata.get("tags", [])
            assert any(o.output_type == "error" for o in cell.outputs), cell.id


SOLUTION = (
    "# %% solution id=f\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
)
TESTS = (
    "# %% tests id=test_f points=2\nassert f() == 1\n"
    "### BEGIN HIDDEN TESTS\nassert f() + 1 == 2\n### END HIDDEN TESTS\n"
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# %% [markdown]\n# a\n\n# %% sollution id=x\ndef f(): pass\n", 4, "unknown cell kind"),
        ("# %% [markdown]\n# a\n# %% readonly setup\nx = 1\n", 3, "expected key=value"),
        ("# %% [markdown]\n# a\n# %% solution\nx = 1\n", 3, "solution cell needs id="),
        ("# %%\nx = 1\n# %% tests id=t\nassert True\n", 3, "points=<positive integer>"),
        ("# %%\nx = 1\n# %% check now\n", 3, "a check cell takes no attributes"),
        ("# a comment\n\nimport os\n# %%\nx = 1\n", 3, "code before the first '# %%'"),
        ("# %% [markdown]\n# a\n# %% hint id=f\n# try\n", 3, "which is no exercise above"),
        (SOLUTION + TESTS + "# %% hint id=f\n# a\n# %% hint id=f\n# b\n", 13, "second hint"),
        (SOLUTION + TESTS + "# %% hint id=f\n\n#\n", 11, "empty hint"),
        ("# %% readonly id=a\nx = 1\n# %% readonly id=a\ny = 2\n", 3, "duplicate id 'a'"),
        ("# %% [markdown]\n# a\n# %%\n\n\n# %%\nx = 1\n", 3, "empty cell"),
        ("# %%\nx = 1\n# %% [markdown]\n#\n\n# %%\nx = 1\n", 3, "empty cell"),
        ("# %%\nx = 1\n# %% solution id=f\ndef f():\n    return 1\n", 3, "BEGIN SOLUTION"),
        (SOLUTION + "# %% tests id=test_f points=2\nassert f() == 1\n", 6, "without hidden tests"),
        (
            SOLUTION + "# %% tests id=t points=1\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\nx",
            6,
            "bare expression",
        ),
        ("# %%\nx = 1\n# %% [markdown]\n# ok\nnot a comment\n", 5, "markdown line must start"),
        ("# %% [markdown]\n# ok\n#no space\n", 3, "markdown line must start"),
        (SOLUTION + TESTS + "# %% hint id=f\n# ok\ncode\n", 13, "markdown line must start"),
        ("# %%\nx = 1\n# %% check\nprint(1)\n", 3, "a check cell has no body"),
        ("# %%\nx = 1\n# %% check\n" + SOLUTION, 4, "solution cell after the check cell"),
        ("# %%\nx = 1\n\n# cd into the folder\ny = 2\n", 4, "jupytext reads this comment as code"),
        ("# %%\nx = 1\n# np.ones?\n", 3, "jupytext reads this comment as code ('np.ones?')"),
    ],
)
def test_authoring_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(AuthoringError) as err:
        parse(text, "content/07-demo.py")
    assert str(err.value).startswith(f"content/07-demo.py:{line}: "), str(err.value)
    assert message in str(err.value)


def test_jupytext_uncomments_the_magics_of_code_cells_only():
    """Commented magics (``# %name``, ``# x = %name``) are magics in a code cell, and text in
    a markdown cell; a comment that only starts with % (``# % of``), or is escaped with a
    second ``# ``, stays a comment."""
    nb = parse(
        "# %% [markdown]\n# # Why?\n#\n# `%memit` measures\n# %memit x\n"
        "# %%\n# %load_ext memory_profiler\n# run = %memit -o x + 1\n    # %time f()\n"
        "# % of the buffer\n# 50% of it\n# # %memit is not run\n# # cd is not run\n"
        "print('# %memit')\n"
    )
    md, code = nb.cells
    assert md.source == "# Why?\n\n`%memit` measures\n%memit x"
    assert code.source.splitlines() == [
        "%load_ext memory_profiler",
        "run = %memit -o x + 1",
        "    %time f()",
        "# % of the buffer",
        "# 50% of it",
        "# %memit is not run",
        "# cd is not run",
        "print('# %memit')",
    ]


def test_cells_are_split_where_jupytext_splits_them():
    """A ``# %%`` line inside a string is no marker; ``#%%`` is one, as in jupytext."""
    nb = parse('# %%\ntext = """\n# %% not a cell\n"""\n#%% readonly id=a\nx = 1\n')
    first, second = nb.cells
    assert first.source == 'text = """\n# %% not a cell\n"""'
    assert second.id == "a" and second.source == "x = 1"


def test_content_files_are_python_with_their_magics_commented():
    """Every authoring file parses as Python (ruff lints them all): a magic is written
    ``# %name``, the form jupytext uncomments."""
    for path in sorted((ROOT / "content").glob("[0-9]*-*.py")):
        ast.parse(path.read_text(), str(path))
