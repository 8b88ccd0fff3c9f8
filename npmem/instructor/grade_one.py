"""The per-submission grading step: nbgrader's own autograde for one student.

Everything that checks a graded submission afterwards runs after :func:`grade_one`,
on the course directory it graded in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EXCEPTION = re.compile(r"^[A-Za-z_.]*(Error|Exception|Interrupt)\b:?")


@dataclass
class Graded:
    """The outcome of grading one submission."""

    assignment: str
    student: str
    ok: bool
    problem: str = ""  # one line, for the instructor, when not ok
    log: str = field(default="", repr=False)


def grade_one(api, assignment: str, student: str) -> Graded:
    """Autograde ``submitted/<student>/<assignment>`` of ``api``'s course with nbgrader.

    ``api`` is an ``nbgrader.apps.NbGraderAPI`` (see ``course.open_course``); this is
    the call nbgrader's formgrader makes for its "autograde" button, so the notebook is
    sanitized, executed and scored exactly as ``nbgrader autograde`` does.
    """
    result = api.autograde(assignment, student, force=True, create=True)
    log = result.get("log", "") + result.get("error", "")
    if result["success"] and "There was an error processing assignment" not in log:
        return Graded(assignment, student, True, log=log)
    return Graded(assignment, student, False, problem=log_problem(log), log=log)


def log_problem(log: str) -> str:
    """The most telling line of nbgrader's log for a failed submission."""
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    for marker in ("DeadKernelError", "CellTimeoutError", "Kernel died", "NotJSONError"):
        for ln in lines:
            if marker in ln:
                return ln.removeprefix("[ERROR] ")
    raised = [ln for ln in lines if EXCEPTION.match(ln)]
    if raised:  # the last line of the innermost traceback names what went wrong
        return "nbgrader failed: " + raised[-1][:300]
    errors = [ln for ln in lines if ln.startswith("[ERROR]")]
    skip = ("There was an error processing", "Traceback", "Please see the error log")
    useful = [ln for ln in errors if not any(s in ln for s in skip)]
    if useful:
        return useful[0].removeprefix("[ERROR] ")
    # the last line of a traceback names the exception
    return (lines[-1] if lines else "nbgrader autograde failed without a message")[:300]
