"""Sample submissions: the release notebook with chosen answers filled in.

An answer for a solution cell is one of:

* ``"solution"``: the instructor's code from the source notebook;
* ``"blank"``: the release stub left as is;
* the name of a wrong answer kept in ``samples/mutants/<assignment>/<cell id>/<name>.py``.

The sample class is ``samples/students.toml``; what each student answers in an
assignment is ``samples/answers/<assignment>.toml``.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import nbformat

from npmem.grading.catalogue import ROOT, release_notebook, source_notebook
from npmem.grading.cells import exercise_of, solution_cells, strip_markers, test_points

MUTANTS = ROOT / "samples" / "mutants"
SAMPLES = ROOT / "samples"


def solutions(assignment: str, root: Path = ROOT) -> dict[str, str]:
    nb = nbformat.read(source_notebook(assignment, root), as_version=4)
    return {gid: strip_markers(c.source) for gid, c in solution_cells(nb).items()}


def mutants(assignment: str, mutants_dir: Path = MUTANTS) -> dict[str, dict[str, str]]:
    """Wrong answers by solution cell id, then by name."""
    found: dict[str, dict[str, str]] = {}
    base = mutants_dir / assignment
    for path in sorted(base.glob("*/*.py")):
        found.setdefault(path.parent.name, {})[path.stem] = path.read_text()
    return found


def fill(release: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the release notebook with the given solution cells replaced."""
    nb = copy.deepcopy(release)
    cells = solution_cells(nb)
    unknown = set(answers) - set(cells)
    if unknown:
        raise KeyError(f"no solution cell with id {sorted(unknown)}")
    for gid, code in answers.items():
        cells[gid].source = code
    return nb


def resolve(assignment: str, choices: dict[str, str], root: Path = ROOT) -> dict[str, str]:
    """Turn {cell id or "*": "solution" | "blank" | mutant name} into code per cell."""
    release = nbformat.read(release_notebook(assignment, root), as_version=4)
    ids = list(solution_cells(release))
    default = choices.get("*", "blank")
    sols, wrong = solutions(assignment, root), mutants(assignment)
    answers = {}
    for gid in ids:
        choice = choices.get(gid, default)
        if choice == "blank":
            continue
        if choice == "solution":
            answers[gid] = sols[gid]
        elif choice in wrong.get(gid, {}):
            answers[gid] = wrong[gid][choice]
        else:
            raise KeyError(f"{assignment}/{gid}: no answer called {choice!r}")
    extra = set(choices) - set(ids) - {"*"}
    if extra:
        raise KeyError(f"{assignment}: no solution cell with id {sorted(extra)}")
    return answers


def expected_scores(
    assignment: str, choices: dict[str, str], root: Path = ROOT
) -> dict[str, float]:
    """What each test cell deserves: full points for "solution", 0 otherwise.

    Relies on the course convention that test cell ``test_<id>`` checks solution ``<id>``.
    """
    release = nbformat.read(release_notebook(assignment, root), as_version=4)
    default = choices.get("*", "blank")
    return {
        test_id: float(points) if choices.get(exercise_of(test_id), default) == "solution" else 0.0
        for test_id, points in test_points(release).items()
    }


def students(samples: Path = SAMPLES) -> dict[str, dict]:
    """The sample class: student id -> {"name": ..., "answers": {assignment: choices}}."""
    with open(samples / "students.toml", "rb") as fh:
        roster = tomllib.load(fh)["students"]
    for sid in roster:
        roster[sid]["answers"] = {}
    for path in sorted((samples / "answers").glob("*.toml")):
        with open(path, "rb") as fh:
            answers = tomllib.load(fh)
        unknown = set(answers) - set(roster)
        if unknown:
            raise KeyError(f"{path.name}: students not in students.toml: {sorted(unknown)}")
        for sid, choices in answers.items():
            roster[sid]["answers"][path.stem] = choices
    return roster


def build_submission(assignment: str, choices: dict[str, str], root: Path = ROOT):
    release = nbformat.read(release_notebook(assignment, root), as_version=4)
    return fill(release, resolve(assignment, choices, root))
