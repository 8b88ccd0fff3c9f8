"""Instructor tooling: build notebooks, make sample submissions, grade, benchmark."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "numpy-memory"


def _discover(root: Path) -> dict[str, str]:
    """Assignment id -> notebook name: ``content/01-strides.py`` -> ``strides``."""
    return {p.stem: p.stem.split("-", 1)[1] for p in sorted((root / "content").glob("[0-9]*-*.py"))}


# assignment id -> notebook name (without .ipynb), in course order
ASSIGNMENTS: dict[str, str] = _discover(ROOT)


def source_notebook(assignment: str, root: Path = ROOT) -> Path:
    return root / "source" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"


def release_notebook(assignment: str, root: Path = ROOT) -> Path:
    return root / "release" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"


def content_file(assignment: str, root: Path = ROOT) -> Path:
    return root / "content" / f"{assignment}.py"
