"""Write one graded submission's scores into the course gradebook, with nbgrader's autograde.

A submission graded in a worker's private copy of the course comes back as an executed
notebook. Recording it runs nbgrader's own ``Autograde`` on the course, reading that
executed notebook instead of the raw submission and with the execution steps left out:
``SaveAutoGrades`` scores the very outputs the worker produced (``utils.determine_grade``,
as in a serial run), ``RecordVerdict`` the sandbox's review flags and reasons (if the
worker graded in the sandbox, see :mod:`npmem.sandbox.pipeline`), ``AssignLatePenalties``
applies the course's late policy against the course gradebook's due date, manual grades
are left alone, and ``autograded/`` receives the same files. Only the process that
records writes to the course gradebook.
"""

from __future__ import annotations

import os
from pathlib import Path

from .grade_one import Graded, log_problem

SANITIZE = ["nbgrader.preprocessors.CheckCellMetadata"]
SAVE = [
    "nbgrader.preprocessors.SaveAutoGrades",
    "npmem.sandbox.pipeline.RecordVerdict",  # the sandbox's review flags, if it graded
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]


def record(api, graded_dir: Path, assignment: str, student: str) -> Graded:
    """Record ``graded_dir/<student>/<assignment>`` (an autograded folder) in ``api``'s course.

    ``graded_dir`` must lie inside the course root (nbgrader matches paths below it).
    """
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log, temp_attrs

    coursedir = api.coursedir
    relative = os.path.relpath(graded_dir, coursedir.root)
    if relative.startswith(".."):
        raise ValueError(f"{graded_dir} is not inside the course {coursedir.root}")
    with temp_attrs(
        coursedir, assignment_id=assignment, student_id=student, submitted_directory=relative
    ):
        app = Autograde(coursedir=coursedir, parent=api)
        app.force = True
        app.create_student = True
        app.sanitize_preprocessors = SANITIZE
        app.autograde_preprocessors = SAVE
        result = capture_log(app)
    log = result.get("log", "") + result.get("error", "")
    if result["success"] and "There was an error processing assignment" not in log:
        return Graded(assignment, student, True, log=log)
    return Graded(assignment, student, False, problem=log_problem(log), log=log)
