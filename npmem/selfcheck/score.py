"""nbgrader's scoring rules, and the one-line messages a learner sees.

A test cell scores 0 when it shows an error or anything on stderr (after the course's
``IgnorePattern`` has dropped matching stderr outputs); otherwise a value it displays
last is taken as partial credit, clamped to its points; otherwise it scores full points
(``nbgrader.utils.determine_grade``; ``tests/test_selfcheck_unit.py`` compares the
two on every kind of output). The visible part of a split test cell is not the
end of the cell, so a value it displays does not count, as in the whole cell.

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


def _partial(output: dict, points: float) -> float:
    """nbgrader.utils.get_partial_grade: a displayed number between 0 and the points is
    the score; anything else that is displayed leaves full points (nbgrader warns)."""
    text = output.get("data", {}).get("text/plain", "")
    if isinstance(text, list):
        if len(text) != 1:
            return float(points)
        text = text[0]
    try:
        value = float(text)
    except (TypeError, ValueError):
        return float(points)
    if value < 0:
        return float(points)
    return min(value, float(points))  # above the points nbgrader refuses to grade at all


def score(outputs: list, points: float) -> float:
    """What nbgrader gives a test cell with these outputs (after IgnorePattern)."""
    for out in outputs:
        kind = out.get("output_type")
        if kind == "error" or (kind == "stream" and out.get("name") == "stderr"):
            return 0.0
        if kind == "execute_result":
            return _partial(out, points)
    return float(points)


def clean(text: str) -> str:
    text = ANSI.sub("", str(text))
    text = TEMP_FILE.sub(r"(line \1)", text)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    return text.strip()


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
