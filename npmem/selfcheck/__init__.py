"""Check my work: real feedback for self-learners, without an instructor.

In a notebook, the last cell of every assignment runs::

    from npmem.selfcheck import check, solution

    check("01-strides")

It grades the learner's *saved* notebook the way the course's grader would (in the
grading engine every grader shares, ``npmem.grading.answers``: a fresh process, the
course's tests with the hidden ones, nbgrader's scoring) and shows a table:
points per exercise, the visible and hidden tests passed or failed, and the failing
check's message, never the test's code. The best score is kept beside the learner's work
(``progress``) and shown on the front door (``show_progress``). ``solution(name)`` shows
a worked solution once a checked attempt is recorded.

From a terminal: ``python -m npmem.selfcheck my-work/01-strides/strides.ipynb``.

Nothing happens while nbgrader itself runs the notebook (``NBGRADER_EXECUTION`` is set).
"""

from __future__ import annotations

import os
import time

from .locate import SelfCheckError

__all__ = ["SelfCheckError", "check", "grade", "show_progress", "solution"]


def _display():
    """IPython's display and a way to update it, or None outside IPython."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    if get_ipython() is None:
        return None
    return display


def _unsaved(notebook, report) -> list[str]:
    """Exercises whose code the kernel last ran differs from the saved file's."""
    try:
        from IPython import get_ipython

        history = list(get_ipython().user_ns.get("In", []))
    except Exception:
        return []
    import nbformat

    from npmem.grading.cells import grade_id
    from npmem.grading.cells import meta as cell_meta

    saved = nbformat.read(notebook, as_version=4)
    differ = []
    for cell in saved.cells:
        gid = grade_id(cell)
        if gid is None or not cell_meta(cell).get("solution"):
            continue
        ran = [src for src in history if f"def {gid}(" in src]
        if ran and ran[-1].strip() != cell.source.strip():
            differ.append(gid)
    return differ


def check(assignment: str, *, path=None, full: bool = False, record: bool = True):
    """Grade the saved notebook of ``assignment`` with the full tests and show the table.

    ``path``: the notebook to check (by default the one this kernel belongs to);
    ``full``: run every cell with its tags, as stock nbgrader would;
    ``record``: keep the score in the progress file beside your work.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return None  # nbgrader validate/autograde: the grader, not the learner, is running
    from . import locate, progress
    from .grader import grade as run_grade
    from .report import Notice

    display = _display()
    handle = None

    def show(obj):
        nonlocal handle
        if display is None:
            print(obj)
        elif handle is None:
            handle = display(obj, display_id=True)
        else:
            handle.update(obj)

    try:
        notebook = locate.learner_notebook(assignment, path)
        if locate.is_instructor_copy(notebook):
            show(
                Notice(
                    "This is the instructor's version of the notebook (it holds the solutions):"
                    " there is nothing to check.",
                    "info",
                )
            )
            return None
        show(Notice(f"Checking {notebook.name} as saved, in a fresh process…", "info"))
        last = [0.0]

        def on_progress(i, n):
            if time.perf_counter() - last[0] > 0.5:
                last[0] = time.perf_counter()
                show(Notice(f"Checking {notebook.name}: step {i + 1} of {n}…", "info"))

        report = run_grade(notebook, assignment, full=full, on_progress=on_progress)
    except SelfCheckError as err:
        show(Notice(str(err)))
        return None
    for name in _unsaved(notebook, report):
        report.notes.append(
            f"Your kernel last ran a different version of {name} than the saved file holds. "
            "The check grades the saved file: save (Ctrl+S) and check again if you meant "
            "the newer one."
        )
    if record:
        try:
            entry = progress.record(locate.workdir_of(notebook), report)
            report.best, report.checks = entry["best"], entry["checks"]
        except OSError as err:
            report.notes.append(f"Your progress could not be saved ({err.strerror}).")
    show(report)
    return None if display is not None else report


def grade(notebook, assignment: str | None = None, *, full: bool = False):
    """The Report for a saved notebook, without showing or recording it."""
    from pathlib import Path

    from .grader import grade as run_grade
    from .locate import infer_assignment

    notebook = Path(notebook)
    return run_grade(notebook, assignment or infer_assignment(notebook), full=full)


def solution(name: str, *, confirm: bool = False, assignment: str | None = None, path=None):
    """The worked solution of exercise ``name``; see ``npmem.selfcheck.reveal``."""
    from .reveal import solution as reveal

    return reveal(name, confirm=confirm, assignment=assignment, path=path)


def show_progress(workdir: str = "../my-work"):
    """The front door's progress table, from ``workdir/.npmem-progress.json``."""
    from .progress import show

    return show(workdir)
