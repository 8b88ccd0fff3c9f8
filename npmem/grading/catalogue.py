"""The course's assignments, as nbgrader sees them: one folder per assignment in ``source/``.

``ASSIGNMENTS`` maps each assignment id to its notebook's name (``01-strides`` ->
``strides``), in course order. It is read from ``source/`` (what ``nbgrader
generate_assignment`` reads), not from ``content/`` (the authoring side: see
:mod:`npmem.authoring.build`). The course root is ``NPMEM_COURSE_ROOT`` if set, else the
checkout this package was installed from (``pip install -e .``), else the nearest folder
at or above the working directory that holds ``nbgrader_config.py`` and ``source/``.
"""

from __future__ import annotations

import os
from pathlib import Path

COURSE_ID = "numpy-memory"


def _is_course(path: Path) -> bool:
    return (path / "nbgrader_config.py").is_file() and (path / "source").is_dir()


def course_root() -> Path:
    if os.environ.get("NPMEM_COURSE_ROOT"):
        return Path(os.environ["NPMEM_COURSE_ROOT"]).resolve()
    checkout = Path(__file__).resolve().parents[2]
    if _is_course(checkout):
        return checkout
    here = Path.cwd().resolve()
    for path in (here, *here.parents):
        if _is_course(path):
            return path
    return checkout


ROOT = course_root()


def discover(root: Path) -> dict[str, str]:
    """Assignment id -> notebook name: ``source/01-strides/strides.ipynb`` -> ``strides``."""
    found = {}
    for folder in sorted((root / "source").glob("[0-9]*-*")):
        notebooks = sorted(folder.glob("*.ipynb"))
        if len(notebooks) == 1:
            found[folder.name] = notebooks[0].stem
    return found


# assignment id -> notebook name (without .ipynb), in course order
ASSIGNMENTS: dict[str, str] = discover(ROOT)


def source_notebook(assignment: str, root: Path = ROOT) -> Path:
    return root / "source" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"


def release_notebook(assignment: str, root: Path = ROOT) -> Path:
    return root / "release" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"


def content_file(assignment: str, root: Path = ROOT) -> Path:
    return root / "content" / f"{assignment}.py"
