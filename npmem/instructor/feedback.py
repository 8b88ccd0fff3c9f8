"""Feedback that teaches without giving away the hidden tests.

nbgrader's stock feedback is the autograded notebook rendered to HTML: it contains the
hidden tests (they are restored into the test cells for grading) and IPython tracebacks
that quote their source lines (jupyter/nbgrader#917, #1363). :class:`ExerciseFeedback`
is a preprocessor for nbgrader's own ``generate_feedback`` (``nbgrader_config.py`` puts it
after ``GetGrades``): it replaces the notebook's cells with one short section per
exercise: its title, score and points, passed or not, the grader's comment, and for a
failed check only the exception's type and message (``check_equal`` and friends say what
was called, what was expected and what came back). No code cell, source line or
traceback reaches the HTML. When the grader recognised the failure as a catalogued
mistake (``npmem.grading.diagnosis``: the verifier adds one line naming it to the test
cell's error output), that sentence follows the message, with the lesson section to
reread; a passing exercise, or a failure no catalogued mistake explains, gets nothing more.
"""

from __future__ import annotations

import re

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Int

from npmem.grading import diagnosis
from npmem.grading.cells import exercise_of
from npmem.grading.cells import meta as cell_meta
from npmem.grading.rules import ANSI


def exercise_titles(cells) -> dict[str, str]:
    """Solution id -> the title of the exercise it answers (the last heading above it)."""
    titles, heading = {}, ""
    for cell in cells:
        if cell.cell_type == "markdown":
            fenced = False
            for line in cell.source.splitlines():
                if line.lstrip().startswith(("```", "~~~")):
                    fenced = not fenced  # a "# comment" in a code block is no heading
                elif line.startswith("#") and not fenced:
                    heading = line.lstrip("#").strip()
        meta = cell_meta(cell)
        if meta.get("solution") and meta.get("grade_id"):
            titles[meta["grade_id"]] = heading
    return titles


def failure(cell) -> str:
    """The first error's ``Type: message`` of a test cell, without traceback or source."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {ANSI.sub('', out.get('evalue', ''))}".strip()
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return "the check wrote to stderr (nbgrader counts that as a failure)"
    return ""


def diagnosed(cell) -> str:
    """The known mistake the grader named in a test cell's error output, or ""."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return diagnosis.from_traceback(list(out.get("traceback") or []))
    return ""


def fence(text: str) -> str:
    """Text shown verbatim in Markdown: an indented code block cannot be interpreted."""
    return "\n".join("    " + ln for ln in text.splitlines() or [""])


def _plain(text: str) -> str:
    """Text shown as it is in a Markdown paragraph: its markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


class ExerciseFeedback(Preprocessor):
    """Rewrite an autograded notebook (after ``GetGrades``) as per-exercise feedback."""

    enabled = Bool(True)
    max_message = Int(800, help="Longest failure message shown, in characters").tag(config=True)

    def preprocess(self, nb, resources):
        titles = exercise_titles(nb.cells)
        comments = {}
        sections = []
        for cell in nb.cells:
            meta = cell_meta(cell)
            if meta.get("solution") and meta.get("comment"):
                comments[meta["grade_id"]] = meta["comment"]
            if not meta.get("grade") or meta.get("solution"):
                continue
            gid = meta["grade_id"]
            exercise = exercise_of(gid)
            score, points = float(meta.get("score") or 0), float(meta.get("points") or 0)
            passed = score >= points > 0
            title = titles.get(exercise) or exercise
            lines = [
                f"### {title}",
                "",
                f"**{score:g} / {points:g} points**: "
                + ("passed every check." if passed else "not passed."),
            ]
            unanswered = comments.get(exercise) == "No response."
            message = "" if passed or unanswered else failure(cell)
            if unanswered:
                lines += ["", "Not answered: the function still raises `NotImplementedError`."]
            elif message:
                if len(message) > self.max_message:
                    message = message[: self.max_message] + " ..."
                lines += ["", "What the first failing check reported:", "", fence(message)]
                said = diagnosed(cell)
                if said:
                    lines += ["", f"{diagnosis.MARK}{_plain(said)}"]
            elif not passed and score > 0:
                lines += ["", "Partial credit."]
            if comments.get(exercise) and not unanswered:
                lines += ["", "Grader's comment:", "", fence(comments[exercise])]
            sections.append(nbformat.v4.new_markdown_cell("\n".join(lines)))
        intro = nbformat.v4.new_markdown_cell(
            "Each exercise below was checked by the visible tests you saw and by hidden "
            "tests on fresh inputs. A failed check shows its message: what was called, what "
            "was expected and what your function gave."
        )
        nb.cells = [intro, *sections]
        return nb, resources
