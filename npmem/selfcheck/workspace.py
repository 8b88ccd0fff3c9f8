"""The learner's own copy of the course: ``my-work/``, which no course command regenerates.

``make lab`` and Binder's ``start`` run ``python -m npmem.selfcheck.workspace`` before
JupyterLab starts. It copies every assignment folder of ``release/`` that ``my-work/``
does not have yet (so a course update adds new assignments on the next start) and never
touches one that exists: the learner's answers stay theirs. ``make generate`` writes only
``release/``; ``my-work/`` holds a ``.gitignore`` of its own (``*``), so git ignores it
and a ``git pull`` of a course update cannot conflict with it.

The front door is copied too (``my-work/index.ipynb``), since running its progress cell
changes it; that copy, which holds nothing but the course's text and the progress table,
is replaced whenever the course's front door has other cells.

Each copied notebook gets this interpreter's kernel and language metadata (the kernel
that will run it), so JupyterLab has nothing to add when it opens it and opening a
notebook writes nothing.

The progress file ``my-work/.npmem-progress.json`` sits beside the copies (the check
records beside the notebook it grades).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

WORKDIR = "my-work"
FRONT_DOOR = "index.ipynb"


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def _set_kernel_metadata(path: Path) -> None:
    from npmem.grading.notebook import notebook_metadata

    nb = nbformat.read(path, as_version=4)
    meta = notebook_metadata()
    if all(nb.metadata.get(k) == v for k, v in meta.items()):
        return
    nb.metadata.update(meta)
    nbformat.write(nb, path)


def ensure(root: Path | None = None, work: Path | None = None) -> list[str]:
    """Make ``work`` (default ``<root>/my-work``) hold every released assignment; return
    what was copied. Existing assignment folders are never changed."""
    from npmem.grading.catalogue import ASSIGNMENTS, ROOT

    root = Path(root or ROOT)
    work = Path(work or root / WORKDIR)
    work.mkdir(parents=True, exist_ok=True)
    ignore = work / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# a learner's own work: never part of the course repository\n*\n")
    copied = []
    for aid in ASSIGNMENTS:
        release, mine = root / "release" / aid, work / aid
        if mine.exists() or not release.is_dir():
            continue
        shutil.copytree(release, mine, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for notebook in mine.glob("*.ipynb"):
            _set_kernel_metadata(notebook)
        copied.append(aid)
    door, my_door = root / "notebooks" / FRONT_DOOR, work / FRONT_DOOR
    if door.is_file():
        stale = not my_door.is_file() or _sources(nbformat.read(door, 4)) != _sources(
            nbformat.read(my_door, 4)
        )
        if stale:
            shutil.copyfile(door, my_door)
            _set_kernel_metadata(my_door)
            copied.append(FRONT_DOOR)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m npmem.selfcheck.workspace", description=__doc__
    )
    parser.add_argument("--root", type=Path, help="the course folder (default: this course)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    from npmem.grading.catalogue import ROOT

    root = args.root or ROOT
    copied = ensure(root)
    if not args.quiet:
        where = root / WORKDIR
        if copied:
            print(f"Your work lives in {where}: copied {', '.join(copied)}.")
        else:
            print(f"Your work lives in {where} (nothing new to copy).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
