"""Open a course directory the way the ``nbgrader`` command does, inside this process."""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path


@contextlib.contextmanager
def chdir(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def open_course(root: Path, *overrides: str):
    """nbgrader's API on the course at ``root``, configured like ``nbgrader`` run from there.

    The configuration is read as the command line reads it (Jupyter config paths, then
    ``root/nbgrader_config.py``); ``overrides`` are command-line style settings such as
    ``--CourseDirectory.db_url=...``, and win over the files.
    """
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.apps.baseapp import NbGrader
    from sqlalchemy.exc import SAWarning

    # nbgrader's gradebook code triggers SQLAlchemy 2 "not in session" warnings about
    # relationships it fills in later; they say nothing to an instructor
    warnings.filterwarnings("ignore", category=SAWarning, message=".*not in session.*")

    root = Path(root).resolve()
    with chdir(root):
        app = NbGrader()
        app.initialize([f"--CourseDirectory.root={root}", "--log-level=WARN", *overrides])
        api = NbGraderAPI(coursedir=app.coursedir, parent=app)
    return api
