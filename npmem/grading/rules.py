"""nbgrader's grading rules, shared by every grader of the course, and the one-line
messages a learner sees.

A test cell scores 0 when it shows an error or anything on stderr (after the course's
``IgnorePattern`` has dropped matching stderr outputs); otherwise a value it displays
is partial credit, by nbgrader's own ``get_partial_grade`` (a number above the points
is refused by nbgrader, which then fails the notebook: :func:`score` raises as it does);
otherwise it scores full points (``nbgrader.utils.determine_grade``;
``tests/test_selfcheck_unit.py`` compares :func:`score` with it on every kind of
output). The visible part of a split test cell is not the end of the cell, so a value it
displays does not count, as in the whole cell. The learner's check, the verifier and the
nbgrader plug-ins all score through this module.

Messages carry the exception's type and message only: never a traceback, whose lines
would show the test's source.
"""

from __future__ import annotations

import re

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TEMP_FILE = re.compile(r"\((?:<[^>]+>|[^()\s]*\.py), line (\d+)\)")
MAX_MESSAGE = 600


def ignore_stderr(outputs: list, pattern: str | None) -> list:
    """nbgrader's IgnorePattern: drop every stderr output in which ``pattern`` is found."""
    if not pattern:
        return list(outputs)
    return [
        o
        for o in outputs
        if not (
            o.get("output_type") == "stream"
            and o.get("name") == "stderr"
            and re.search(pattern, o.get("text", ""))
        )
    ]


def partial_grade(output: dict, points: float) -> float:
    """The points a displayed value gives, by ``nbgrader.utils.get_partial_grade``.

    A number in [0, points] is the score; anything else displayed (text, a negative
    number) leaves full points (nbgrader logs a warning); a number above the points
    raises ``ValueError``, as in nbgrader.
    """
    from nbgrader.utils import get_partial_grade

    return float(get_partial_grade(output, points))


def failed(outputs: list) -> bool:
    """nbgrader's first rule: an error or anything on stderr scores 0."""
    return any(
        o.get("output_type") == "error"
        or (o.get("output_type") == "stream" and o.get("name") == "stderr")
        for o in outputs
    )


def score(outputs: list, points: float) -> float:
    """What nbgrader gives a test cell with these outputs (after IgnorePattern)."""
    for out in outputs:
        kind = out.get("output_type")
        if kind == "error" or (kind == "stream" and out.get("name") == "stderr"):
            return 0.0
        if kind == "execute_result":
            return partial_grade(out, points)
    return float(points)


def clean(text: str) -> str:
    text = ANSI.sub("", str(text))
    text = TEMP_FILE.sub(r"(line \1)", text)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    return text.strip()


def first_error(outputs: list):
    """The error to report: a timeout above the interrupt it caused, else the first one."""
    errors = [o for o in outputs if o.get("output_type") == "error"]
    timeout = [o for o in errors if o.get("ename") == "CellTimeoutError"]
    return (timeout or errors or [None])[0]


def error_message(error: dict, timeout: int | None = None) -> str:
    """``Type: message`` of an error output, for a learner."""
    ename, evalue = error.get("ename", "Error"), clean(error.get("evalue", ""))
    if ename == "CellTimeoutError":
        limit = f"{timeout} s" if timeout else "the time limit"
        return f"CellTimeoutError: the cell ran longer than {limit} and was stopped"
    if ename == "NotImplementedError" and not evalue:
        return "NotImplementedError: not answered yet (replace raise NotImplementedError())"
    return f"{ename}: {evalue}" if evalue else ename


def stderr_message(outputs: list) -> str | None:
    """Why a cell without an error still scores 0: it wrote to stderr."""
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            found = re.search(r"(\w+(?:Warning|Error)): (.*)", ANSI.sub("", out.get("text", "")))
            what = f" ({clean(found[1] + ': ' + found[2])})" if found else ""
            return f"wrote to stderr{what}: nbgrader gives 0 to a test cell that does"
    return None
