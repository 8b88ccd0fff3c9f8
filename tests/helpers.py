"""What many tests need: a throw-away course directory, submissions, mutant rounds, and
small notebooks and submission folders built in code.

Fixtures stay in ``conftest.py``; plain functions live here and are imported by name.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import nbformat

from npmem.dev.samples import mutants
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.cells import Kind, test_id
from npmem.grading.cells import kind as cell_kind


def make_course(tmp: Path) -> Path:
    """A fresh course directory with this repo's config, sources and releases."""
    course = tmp / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    return course


def mutant_rounds(assignment: str) -> list[dict[str, str]]:
    """Round k answers every cell that has a k-th wrong answer with it, the rest correctly.

    Exercises are independent, so one submission tests one mutant of every exercise,
    and the correct cells in it show that one wrong answer never costs another's points.
    """
    wrong = mutants(assignment)
    depth = max((len(v) for v in wrong.values()), default=0)
    rounds = []
    for k in range(depth):
        rounds.append({gid: sorted(names)[k] for gid, names in wrong.items() if len(names) > k})
    return rounds


def submit(course: Path, student: str, assignment: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{ASSIGNMENTS[assignment]}.ipynb")
    (folder / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 UTC")


# ---- notebooks built in code ----------------------------------------------------------
# Small notebooks for unit tests, in the shape nbgrader's create-assignment toolbar gives
# each cell kind (the flags nbgrader's own tests set with their ``create_*_cell``).

SCHEMA_VERSION = 3  # nbgrader 0.9's cell metadata schema

_FLAGS = {
    Kind.SOLUTION: {"solution": True},
    Kind.TEST: {"grade": True, "locked": True},
    Kind.MANUAL: {"solution": True, "grade": True},
    Kind.READONLY: {"locked": True},
    Kind.TASK: {"task": True, "locked": True},
}


def _nbgrader_meta(kind: Kind, grade_id: str | None, points: float, extra: dict) -> dict:
    if kind is Kind.PLAIN:
        if grade_id or points or extra:
            raise ValueError("a plain cell has no nbgrader metadata")
        return {}
    if not grade_id:
        raise ValueError(f"a {kind.value} cell needs a grade_id")
    flags = {"grade": False, "solution": False, "locked": False, "task": False}
    flags.update(_FLAGS[kind])
    meta = {**flags, "grade_id": grade_id, "schema_version": SCHEMA_VERSION}
    if flags["grade"] or flags["task"]:
        meta["points"] = points
    return {**meta, **extra}


def _cell(new, source: str, kind: Kind, grade_id, points, extra) -> nbformat.NotebookNode:
    cell = new(source)
    meta = _nbgrader_meta(kind, grade_id, points, extra)
    if meta:
        cell.metadata["nbgrader"] = meta
    assert cell_kind(cell) is kind, (cell_kind(cell), kind)  # the flags say what was asked
    return cell


def code_cell(
    source: str = "",
    kind: Kind = Kind.PLAIN,
    grade_id: str | None = None,
    points: float = 0,
    outputs: list | tuple = (),
    **nbgrader,
) -> nbformat.NotebookNode:
    """A code cell of ``kind``; keyword arguments go into its nbgrader metadata as they
    are (``score=``, ``comment=``: what ``GetGrades`` adds before feedback)."""
    cell = _cell(nbformat.v4.new_code_cell, source, kind, grade_id, points, nbgrader)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def markdown_cell(
    source: str, kind: Kind = Kind.PLAIN, grade_id: str | None = None, points: float = 0, **nbgrader
) -> nbformat.NotebookNode:
    return _cell(nbformat.v4.new_markdown_cell, source, kind, grade_id, points, nbgrader)


def error_output(ename: str, evalue: str, traceback: list[str] | None = None) -> dict:
    """What a cell that raised records (IPython's traceback lines quote the source)."""
    return nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=traceback or [f"{ename}: {evalue}"]
    )


def stream_output(text: str, name: str = "stdout") -> dict:
    return nbformat.v4.new_output("stream", name=name, text=text)


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A valid format-4 notebook of these cells, with a Python kernel spec."""
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.validate(nb)
    return nb


def exercise(gid: str, points: float = 1, answer: str = "raise NotImplementedError()"):
    """One exercise as the course writes it: heading, solution cell ``gid``, test cell
    ``test_<gid>``."""
    return [
        markdown_cell(f"## Exercise: {gid}"),
        code_cell(f"def {gid}():\n    {answer}", Kind.SOLUTION, gid),
        code_cell(f"assert {gid}() == 1", Kind.TEST, test_id(gid), points),
    ]


def timestamp(when: dt.datetime) -> str:
    """``timestamp.txt``'s text, as ``nbgrader submit`` writes it."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def hand_in(
    course: Path,
    student: str,
    assignment: str,
    files: dict[str, nbformat.NotebookNode | str | bytes],
    when: dt.datetime | None = None,
) -> Path:
    """``submitted/<student>/<assignment>/`` holding ``files`` (name -> a notebook, written
    in its own format version, or text or bytes as they are) and ``timestamp.txt``."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            path.write_text(nbformat.writes(content, version=content.nbformat))
    (folder / "timestamp.txt").write_text(
        timestamp(when or dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC))
    )
    return folder
