"""Build the catalogue of known mistakes: ``npmem diagnoses [ASSIGNMENT ...]``.

Each hand-written wrong answer of ``samples/mutants/NN-topic/EXERCISE/NAME.py`` runs in
one warm grading engine per assignment (``npmem.dev.runner``) with diagnosis on; its
signature, its ``# Mistake:`` line and the section of the lesson the exercise sits in
(an optional ``# Section: N. Title`` line names another) go to
``npmem/diagnoses/NN-topic.json`` (``npmem.grading.diagnosis``). An answer that passes, or
fails without a signature (a crash, a time-out), is left out. ``--measure DIR`` instead
diagnoses the answers in ``DIR/NN-topic/EXERCISE/*.py`` against the catalogue and writes
what each was told, with its own ``# Mistake:`` line beside, as JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from npmem.grading import diagnosis
from npmem.grading.catalogue import ASSIGNMENTS, source_notebook
from npmem.grading.diagnosis import Mistake

from .runner import Assignment, Session
from .samples import MUTANTS

MISTAKE = re.compile(r"^#\s*Mistake:\s*(.+?)\s*$", re.MULTILINE)
KEY = re.compile(r"^#\s*[A-Z][\w ]*:\s")  # "# Section: ...", "# Wrong on: ..."


def mistake_label(text: str) -> str | None:
    """An answer's ``# Mistake:`` line with the comment lines that continue it (up to
    the first line that is no comment, a blank comment or another ``# Key:`` line)."""
    found = MISTAKE.search(text)
    if found is None:
        return None
    words = [found[1]]
    for line in text[found.end() :].lstrip("\n").splitlines():
        more = line.removeprefix("#").strip()
        if not line.startswith("#") or not more or KEY.match(line):
            break
        words.append(more)
    return " ".join(words)


SECTION = re.compile(r"^#\s*Section:\s*(.+?)\s*$", re.MULTILINE)
HEADING = re.compile(r"^##\s+(\d+\..*?)\s*$", re.MULTILINE)


def sections(assignment: str) -> dict[str, str]:
    """Exercise (solution cell id) -> the heading of the lesson section it sits in."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    found, current = {}, ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for heading in HEADING.findall(cell.source):
                current = heading
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            found[meta["grade_id"]] = current
    return found


def _answers(folder: Path, assignment: str) -> dict[str, dict[str, Path]]:
    out: dict[str, dict[str, Path]] = {}
    for path in sorted((folder / assignment).glob("*/*.py")):
        out.setdefault(path.parent.name, {})[path.stem] = path
    return out


def signatures(assignment: str, folder: Path) -> dict[str, dict[str, tuple[str, Path]]]:
    """Exercise -> answer name -> (its signature, "" when it is not a diagnosable
    failure; its file), for every answer in ``folder/assignment``."""
    notebook = Assignment(assignment)
    out: dict[str, dict[str, tuple[str, Path]]] = {}
    with Session(notebook, diagnose=True) as session:
        for gid, answers in _answers(folder, assignment).items():
            ex = notebook.exercise(gid)
            for name, path in answers.items():
                outcome = session.outcome(ex, path.read_text())
                sig = outcome.signature if outcome.status == "fail" else ""
                out.setdefault(gid, {})[name] = (sig, path)
    return out


def build(
    assignment: str, folder: Path = MUTANTS, out: Path = diagnosis.CATALOGUE
) -> dict[str, int]:
    """Write the assignment's catalogue; returns how many answers each exercise gave it."""
    where = sections(assignment)
    entries: dict[str, dict[str, list[Mistake]]] = {}
    counts: dict[str, int] = {}
    for gid, answers in signatures(assignment, folder).items():
        for _name, (sig, path) in answers.items():
            text = path.read_text()
            label = mistake_label(text)
            if not sig or not diagnosis.failed(sig) or label is None:
                continue  # (a failure the checks do not see: stderr, a partial score)
            chosen = SECTION.search(text)
            section = chosen[1] if chosen else where.get(gid, "")
            rel = path.relative_to(folder.parent.parent) if folder == MUTANTS else path
            mistake = Mistake(label, section, diagnosis.anchor(section), str(rel))
            entries.setdefault(gid, {}).setdefault(sig, []).append(mistake)
            counts[gid] = counts.get(gid, 0) + 1
    diagnosis.write(assignment, entries, out)
    return counts


def measure(assignment: str, folder: Path) -> list[dict]:
    """What each answer in ``folder/assignment`` is told, beside its own mistake."""
    rows = []
    for gid, answers in signatures(assignment, folder).items():
        for name, (sig, path) in answers.items():
            own = mistake_label(path.read_text())
            found = diagnosis.diagnose(assignment, gid, sig) if sig else None
            rows.append(
                {
                    "answer": f"{assignment}/{gid}/{name}",
                    "failed": bool(sig),
                    "signature": sig,
                    "own_mistake": own or "",
                    "diagnosis": found.label if found else None,
                    "from": found.source if found else None,
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="npmem diagnoses", description=__doc__.split("\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment")
    parser.add_argument("--measure", type=Path, help="diagnose the answers in this folder")
    args = parser.parse_args(argv)
    chosen = args.assignments or list(ASSIGNMENTS)
    if args.measure:
        rows = [row for a in chosen for row in measure(a, args.measure)]
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    for assignment in chosen:
        counts = build(assignment)
        total = sum(counts.values())
        print(f"{assignment}: {total} wrong answers catalogued over {len(counts)} exercises")
    return 0


if __name__ == "__main__":
    sys.exit(main())
