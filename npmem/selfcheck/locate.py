"""Where things are: the learner's saved notebook, the course's full tests, the progress file."""

from __future__ import annotations

import os
from pathlib import Path

PROGRESS_FILE = ".npmem-progress.json"


class SelfCheckError(Exception):
    """Something the learner can fix or should know; the message says what and how."""


def assignments() -> dict[str, str]:
    from npmem.grading.catalogue import ASSIGNMENTS

    return ASSIGNMENTS


def known_assignment(assignment: str) -> str:
    found = assignments()
    if assignment not in found:
        names = ", ".join(found) or "none: the course's content/ folder is missing"
        raise SelfCheckError(f"There is no assignment {assignment!r} in this course ({names}).")
    return assignment


def source_notebook(assignment: str) -> Path:
    """The instructor's notebook with the full tests, hidden ones included."""
    from npmem.grading.catalogue import ROOT, source_notebook

    path = source_notebook(known_assignment(assignment), ROOT)
    if not path.is_file():
        raise SelfCheckError(
            f"The full tests of {assignment} are not here: {path} is missing. Checking your "
            "work needs the course repository with its source/ folder (a clone, or the course "
            "on Binder). In a class graded by an instructor, use Validate and submit instead."
        )
    return path


def is_course_file(path: Path) -> bool:
    """True for the course's own source/ notebooks, which are never a learner's work."""
    from npmem.grading.catalogue import ROOT

    try:
        path.resolve().relative_to((ROOT / "source").resolve())
    except ValueError:
        return False
    return True


INSTRUCTOR_MARKERS = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS")


def is_instructor_copy(path: Path) -> bool:
    """The course's source notebook, or any copy holding solutions or hidden tests (as
    ``nbgrader generate_solution`` runs them): never a learner's work."""
    if is_course_file(path):
        return True
    try:
        text = path.read_text(errors="ignore")
    except OSError:
        return False
    return any(marker in text for marker in INSTRUCTOR_MARKERS)


def learner_notebook(assignment: str, path: str | os.PathLike | None = None) -> Path:
    """The learner's saved notebook for ``assignment``.

    In order: the ``path`` given; the notebook JupyterLab started this kernel for
    (``JPY_SESSION_NAME``); ``<notebook name>.ipynb`` in the working directory, which
    Jupyter sets to the notebook's folder.
    """
    name = f"{assignments()[known_assignment(assignment)]}.ipynb"
    if path is not None:
        found = Path(path).expanduser()
        if not found.is_file():
            raise SelfCheckError(f"There is no notebook at {found}.")
        return found.resolve()
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb") and Path(session).is_file():
        return Path(session).resolve()
    here = Path.cwd() / name
    if here.is_file():
        return here.resolve()
    raise SelfCheckError(
        f"Could not find your saved notebook {name} in {Path.cwd()}. Save it (File → Save "
        f"Notebook) and run this cell again, or say where it is: "
        f'check("{assignment}", path="path/to/{name}").'
    )


def infer_assignment(notebook: Path) -> str:
    """The assignment of a notebook: its folder's name, or else its file name."""
    found = assignments()
    folder = notebook.resolve().parent.name
    if folder in found:
        return folder
    by_name = [aid for aid, name in found.items() if notebook.stem == name]
    if len(by_name) == 1:
        return by_name[0]
    raise SelfCheckError(
        f"Which assignment is {notebook.name}? Neither its folder nor its name says; give "
        f"it, one of: {', '.join(found)}."
    )


def workdir_of(notebook: Path) -> Path:
    """The folder that holds the assignment folders (my-work/, or the learner's home)."""
    return notebook.resolve().parent.parent


def progress_file(workdir: str | os.PathLike) -> Path:
    return Path(workdir) / PROGRESS_FILE
