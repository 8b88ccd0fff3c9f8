"""Look at a submission before grading it and say, in one line, what is wrong with it.

nbgrader's own reactions to broken submissions are a traceback deep in its log (an
unreadable notebook), a warning among hundreds ("Skipping unknown notebook"), or
nothing at all (a notebook from another assignment quietly scores 0). Triage reads
``submitted/<student>/<assignment>/`` first and reports each problem plainly; only the
submissions nbgrader cannot grade at all are held back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.cells import meta as cell_meta

# files nbgrader writes or that never matter
IGNORED = {
    "timestamp.txt",
    "submission_secret.txt",  # nbgrader submit writes it (names the feedback)
    ".ipynb_checkpoints",
    "__pycache__",
    ".DS_Store",
}


@dataclass
class Triage:
    assignment: str
    student: str
    gradable: bool = True
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        verdict = "graded" if self.gradable else "NOT GRADED"
        return f"{self.student} / {self.assignment}: " + "; ".join(self.problems) + f" [{verdict}]"


def grade_ids(nb: dict) -> set[str]:
    """The nbgrader grade ids in a notebook read as plain JSON (any nbformat)."""
    cells = nb.get("cells")
    if cells is None:  # nbformat 3 keeps cells in worksheets
        cells = [c for ws in nb.get("worksheets", []) for c in ws.get("cells", [])]
    ids = set()
    for cell in cells:
        meta = cell_meta(cell) if isinstance(cell, dict) else {}
        if isinstance(meta, dict) and meta.get("grade_id"):
            ids.add(meta["grade_id"])
    return ids


def assignment_ids(root: Path) -> dict[str, set[str]]:
    """Each assignment's grade ids, from its release (or source) notebook."""
    found = {}
    for aid, name in ASSIGNMENTS.items():
        for step in ("release", "source"):
            path = root / step / aid / f"{name}.ipynb"
            if path.exists():
                found[aid] = grade_ids(json.loads(path.read_text()))
                break
    return found


def read_json(path: Path) -> tuple[dict | None, str]:
    """The notebook as JSON, or None and why it cannot be read."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return None, f"{path.name} is not a text file"
    except json.JSONDecodeError as exc:
        return None, f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno})"
    if not isinstance(data, dict) or "nbformat" not in data:
        return None, f"{path.name} is JSON but not a notebook (no nbformat field)"
    if not isinstance(data["nbformat"], int) or isinstance(data["nbformat"], bool):
        return (
            None,
            f"{path.name} is JSON but its nbformat field {data['nbformat']!r} is no version",
        )
    return data, ""


def whose(ids: set[str], known: dict[str, set[str]]) -> str | None:
    """The assignment whose exercises these grade ids are, if any.

    Ids every assignment has (the set-up, the check cell) tell no assignment from another.
    """
    shared = set.intersection(*known.values()) if len(known) > 1 else set()
    mine = {a: (known[a] - shared) & ids for a in known}
    best = max(known, key=lambda a: len(mine[a]), default=None)
    return best if best is not None and mine[best] else None


def triage(root: Path, assignment: str, student: str, known=None) -> Triage:
    known = assignment_ids(root) if known is None else known
    folder = root / "submitted" / student / assignment
    expected = f"{ASSIGNMENTS[assignment]}.ipynb"
    t = Triage(assignment, student)
    files = sorted(p for p in folder.iterdir() if p.name not in IGNORED)
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    extra = [p.name for p in files if p.suffix != ".ipynb"]
    target = folder / expected
    if not notebooks:
        t.gradable = False
        t.problems.append(f"no notebook in the submission (expected {expected})")
    elif not target.exists():
        t.gradable = False
        t.problems.append(f"{expected} is missing")
    for nb_path in notebooks:
        data, why = read_json(nb_path)
        if data is None:
            t.problems.append(why + ", ask for a resubmission")
            if nb_path == target:
                t.gradable = False
            continue
        owner = whose(grade_ids(data), known)
        if nb_path == target:
            if int(data.get("nbformat", 0)) < 4:
                t.problems.append(
                    f"{expected} is in the old notebook format {data['nbformat']} "
                    "(nbgrader converts it to format 4)"
                )
            if owner is None:
                t.problems.append(f"{expected} has none of this assignment's exercises")
            elif owner != assignment:
                # nbgrader's OverwriteCells fails on foreign grade ids (KeyError 'grade_id')
                t.gradable = False
                t.problems.append(
                    f"{expected} is the notebook of {owner}, not {assignment}, "
                    "ask for the right notebook"
                )
        elif owner == assignment and target.exists():
            t.problems.append(
                f"found {nb_path.name}: another copy of this assignment's notebook "
                f"(not graded; {expected} is)"
            )
        elif owner == assignment:
            t.problems.append(
                f"found {nb_path.name}: this assignment's notebook under another name "
                f"(rename it to {expected} and regrade this student)"
            )
        elif owner is not None:
            t.problems.append(f"found {nb_path.name}: the notebook of {owner} (not graded)")
        else:
            t.problems.append(f"found {nb_path.name}: not a notebook of this course (not graded)")
    if extra:
        shown = ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")
        t.problems.append(f"extra files kept but not graded: {shown}")
    return t
