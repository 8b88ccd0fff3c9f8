"""ExerciseFeedback on notebooks built in code, as ``GetGrades`` leaves them.

``GetGrades`` writes ``score`` and ``points`` into each test cell's nbgrader metadata and
the grader's ``comment`` into each solution cell's; the test cells hold the hidden tests
and the outputs of the graded run. ``test_instructor.py`` checks the rendered feedback of
real submissions; here every rule is checked on one small notebook, without nbgrader.
"""

from __future__ import annotations

import copy

import nbformat
from nbconvert.filters import markdown2html
from traitlets.config import Config, PyFileConfigLoader

from npmem.grading.catalogue import ROOT
from npmem.grading.cells import Kind
from npmem.instructor.feedback import ExerciseFeedback, exercise_titles, failure, fence

from helpers import code_cell, error_output, markdown_cell, notebook, stream_output

HIDDEN = "assert hidden_check(secret_input) == 42  # the hidden test"
TRACEBACK = [
    "\x1b[0;31m---------------------------------------------------------------\x1b[0m",
    "\x1b[0;31mAssertionError\x1b[0m  Traceback (most recent call last)",
    f"Cell \x1b[0;32mIn[7], line 3\x1b[0m\n\x1b[0;32m----> 3\x1b[0m {HIDDEN}",
    "\x1b[0;31mAssertionError\x1b[0m: f(2): expected 4, got 5",
]


def check_cell(gid: str, points: float, score: float | None, outputs=()) -> nbformat.NotebookNode:
    """A graded test cell: visible and hidden tests, its outputs, GetGrades' score."""
    source = f"assert {gid}(1) == 2\n### BEGIN HIDDEN TESTS\n{HIDDEN}\n### END HIDDEN TESTS"
    return code_cell(
        source, Kind.TEST, f"test_{gid}", points, outputs=outputs, score=score, checksum="abc"
    )


def answer(gid: str, comment: str | None = None) -> nbformat.NotebookNode:
    return code_cell(f"def {gid}(x):\n    return x + 1", Kind.SOLUTION, gid, comment=comment)


def graded() -> nbformat.NotebookNode:
    """One of each outcome: passed, failed with a message, failed by writing to stderr,
    partial credit, not answered, commented by a grader."""
    return notebook(
        markdown_cell("# Lesson\n\nSome prose.\n\n## Exercise 1: passes"),
        answer("passes", comment=None),
        check_cell("passes", 2, 2),
        markdown_cell("## Exercise 2: fails"),
        answer("fails"),
        check_cell(
            "fails",
            3,
            0,
            [
                stream_output("partial output\n"),
                error_output(
                    "AssertionError", "\x1b[0;31mf(2): expected 4, got 5\x1b[0m", TRACEBACK
                ),
                error_output("ValueError", "a second error is not shown"),
            ],
        ),
        markdown_cell("## Exercise 3: noisy"),
        answer("noisy"),
        check_cell("noisy", 1, 0, [stream_output("DeprecationWarning: x", "stderr")]),
        markdown_cell("## Exercise 4: partial"),
        answer("partial"),
        check_cell("partial", 4, 1.5),
        markdown_cell("## Exercise 5: blank"),
        answer("blank", comment="No response."),
        check_cell(
            "blank", 1, 0, [error_output("NotImplementedError", "", ["NotImplementedError"])]
        ),
        markdown_cell("## Exercise 6: commented"),
        answer("commented", comment="See **me** <b>after</b> class"),
        check_cell("commented", 2, 2),
        code_cell("print('a plain code cell of the lesson')"),
    )


def feedback(nb=None, **config) -> list[str]:
    """The feedback's cells' sources (every one of them a Markdown cell)."""
    c = Config({"ExerciseFeedback": config})
    out, resources = ExerciseFeedback(config=c).preprocess(nb or graded(), {"x": 1})
    assert resources == {"x": 1}
    assert {cell.cell_type for cell in out.cells} == {"markdown"}
    nbformat.validate(out)
    return [cell.source for cell in out.cells]


def section(title: str, nb=None) -> str:
    found = [s for s in feedback(nb) if s.startswith(f"### {title}\n")]
    assert len(found) == 1, feedback(nb)
    return found[0]


def test_one_section_per_test_cell_in_order_after_one_introduction():
    intro, *sections = feedback()
    assert "hidden tests on fresh inputs" in intro
    titles = [s.splitlines()[0] for s in sections]
    assert titles == [
        f"### Exercise {n}: {t}"
        for n, t in enumerate(["passes", "fails", "noisy", "partial", "blank", "commented"], 1)
    ]


def test_a_passed_exercise_shows_its_points_and_nothing_else():
    assert section("Exercise 1: passes") == (
        "### Exercise 1: passes\n\n**2 / 2 points**: passed every check."
    )


def test_a_failed_exercise_shows_the_first_error_message_only():
    text = section("Exercise 2: fails")
    assert "**0 / 3 points**: not passed." in text
    assert (
        "What the first failing check reported:\n\n    AssertionError: f(2): expected 4, got 5"
        in (text)
    )
    assert "\x1b" not in text  # colour codes removed
    assert "second error" not in text and "partial output" not in text
    assert "Partial credit" not in text


def test_no_source_line_or_traceback_reaches_the_feedback():
    nb = graded()
    everything = "\n".join(feedback(nb))
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                assert line.strip() not in everything, line
    assert "Traceback" not in everything and "In[7]" not in everything
    assert "BEGIN HIDDEN" not in everything and "hidden_check" not in everything


def test_writing_to_stderr_is_named_as_the_failure():
    text = section("Exercise 3: noisy")
    assert "**0 / 1 points**: not passed." in text
    assert "the check wrote to stderr (nbgrader counts that as a failure)" in text
    assert "DeprecationWarning" not in text


def test_partial_credit_without_a_message():
    assert section("Exercise 4: partial") == (
        "### Exercise 4: partial\n\n**1.5 / 4 points**: not passed.\n\nPartial credit."
    )


def test_an_unanswered_exercise_says_so_instead_of_its_error():
    text = section("Exercise 5: blank")
    assert "**0 / 1 points**: not passed." in text
    assert "Not answered: the function still raises `NotImplementedError`." in text
    assert "What the first failing check" not in text and "No response." not in text


def test_the_graders_comment_is_shown_verbatim():
    text = section("Exercise 6: commented")
    assert text.endswith("Grader's comment:\n\n    See **me** <b>after</b> class")
    html = markdown2html(text)
    assert "&lt;b&gt;after&lt;/b&gt;" in html and "<strong>me</strong>" not in html


def test_a_message_cannot_inject_markup():
    nb = notebook(
        answer("f"),
        check_cell(
            "f",
            1,
            0,
            [error_output("AssertionError", "<script>alert(1)</script>\n# not a heading")],
        ),
    )
    html = markdown2html(section("f", nb))
    assert "<script>" not in html and "<h1>" not in html
    assert (
        "<pre><code>AssertionError: &lt;script&gt;alert(1)&lt;/script&gt;\n# not a heading" in html
    )


def test_a_long_message_is_cut_at_max_message():
    nb = notebook(answer("f"), check_cell("f", 1, 0, [error_output("AssertionError", "x" * 100)]))
    short = feedback(copy.deepcopy(nb), max_message=30)[1]
    kept = 30 - len("AssertionError: ")
    assert short.endswith("\n    AssertionError: " + "x" * kept + " ...")
    full = feedback(nb)[1]
    assert full.endswith("    AssertionError: " + "x" * 100)


def test_score_none_counts_as_zero_and_a_missing_title_is_the_exercise_id():
    nb = notebook(answer("f"), check_cell("f", 2, None))
    assert feedback(nb)[1] == "### f\n\n**0 / 2 points**: not passed."


def test_manually_graded_and_task_cells_get_no_section():
    nb = notebook(
        markdown_cell("## Essay"),
        markdown_cell("My essay", Kind.MANUAL, "essay", 3, score=1),
        markdown_cell("A task", Kind.TASK, "task1", 2, score=2),
        markdown_cell("Read me", Kind.READONLY, "intro"),
    )
    assert len(feedback(nb)) == 1


def test_exercise_titles_take_the_last_heading_above_each_solution():
    nb = notebook(
        markdown_cell("# Course\n## Part A\ntext\n### Exercise 1"),
        answer("one"),
        markdown_cell("#### Exercise 2 ####"),
        markdown_cell("no heading here"),
        answer("two"),
        answer("three"),
        markdown_cell("## After"),
    )
    assert exercise_titles(nb.cells) == {
        "one": "Exercise 1",
        "two": "Exercise 2 ####",
        "three": "Exercise 2 ####",
    }


def test_a_comment_in_a_fenced_code_block_is_not_a_heading():
    nb = notebook(
        markdown_cell("## Exercise 1: strides\n\nFor example:\n\n```python\n# a comment\n```"),
        answer("strides_for"),
    )
    assert exercise_titles(nb.cells) == {"strides_for": "Exercise 1: strides"}


def test_failure_and_fence_helpers():
    cell = code_cell("x", outputs=[stream_output("ok\n")])
    assert failure(cell) == ""
    assert failure({"outputs": [{"output_type": "error"}]}) == "Error:"
    assert fence("a\n\nb") == "    a\n    \n    b"
    assert fence("") == "    "


def test_the_course_runs_it_after_get_grades():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    steps = list(config.GenerateFeedback.preprocessors)
    assert "npmem.instructor.feedback.ExerciseFeedback" in steps
    assert steps.index("nbgrader.preprocessors.GetGrades") < steps.index(
        "npmem.instructor.feedback.ExerciseFeedback"
    )
