"""Which known mistake a failing answer shows: behaviour signatures and their catalogue.

A test cell run in diagnosis mode (:func:`npmem.checks.recording`) does not stop at its
first failed check: each check records how it ended (``ok``, or its failure's kind:
``values``, ``copy``, ``no error``, ...) and the cell goes on, with the same seeded inputs
every time. Those outcomes, in order, and how the cell ended make an exercise's
**signature**. Each catalogued wrong answer (``samples/mutants``, each with its
``# Mistake:`` line) has one, computed when the course is built (``npmem diagnoses``) and
kept in ``npmem/diagnoses/NN-topic.json`` with its label and the lesson section it
contradicts. A learner's failing answer whose signature is exactly a catalogued one that
only one misconception has gets that misconception named, in one sentence; any other
answer (a passing one, an unknown signature, a signature two misconceptions share) gets
nothing new. Signatures hold only outcome kinds: no test code, input or value.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "diagnoses"
OK = "ok"
# the words a mistake's label may start with that read after "it": a verb in the third
# person ("assumes ...", "copies ...") or an adverb before one ("always copies ...")
_ADVERBS = {"always", "only", "never", "also", "silently", "still", "just"}


@dataclass(frozen=True)
class Mistake:
    """One catalogued misconception of one exercise."""

    label: str  # the misconception, from the wrong answer's ``# Mistake:`` line
    section: str  # the heading of the lesson section it contradicts ("4. Contiguity flags")
    anchor: str  # that heading's anchor in JupyterLab ("4.-Contiguity-flags")
    source: str  # which catalogued answer showed it (samples/mutants/NN/EXERCISE/NAME.py)


def signature(outcomes: list[str], ended: str | None = None) -> str:
    """The signature of one diagnosis run: its checks' outcomes, then how the cell ended
    (``None``: it ran to its end; else the name of what it raised)."""
    return ",".join(outcomes) + "|" + (ended or "end")


def failed(sig: str) -> bool:
    """Whether a signature shows any failure (a passing answer is never diagnosed)."""
    outcomes, _, ended = sig.partition("|")
    return ended != "end" or any(o != OK for o in outcomes.split(",") if o)


def anchor(heading: str) -> str:
    """JupyterLab's anchor of a markdown heading: its text, spaces as hyphens."""
    return heading.strip().replace(" ", "-")


def sentence(mistake: Mistake) -> str:
    """What the learner reads: one sentence naming the misconception and where it is taught."""
    label = mistake.label.strip().rstrip(".")
    first = label.split(" ", 1)[0]
    if re.fullmatch(r"[a-z]+s", first) or first in _ADVERBS:
        said = f"it {label}"
    else:
        said = label[0].lower() + label[1:]
    return (
        f"Your answer fails the hidden tests the way a common mistake does: {said}. "
        f"See section {mistake.section}."
    )


# ---------------------------------------------------------------------- the catalogue


def catalogue_path(assignment: str, folder: Path = CATALOGUE) -> Path:
    return folder / f"{assignment}.json"


def write(assignment: str, entries: dict[str, dict[str, list[Mistake]]], folder: Path = CATALOGUE):
    """Save an assignment's catalogue: exercise -> signature -> the mistakes that show it."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        ex: {sig: [asdict(m) for m in ms] for sig, ms in sorted(sigs.items())}
        for ex, sigs in sorted(entries.items())
    }
    text = json.dumps({"assignment": assignment, "exercises": data}, indent=1) + "\n"
    catalogue_path(assignment, folder).write_text(text)
    load.cache_clear()


@cache
def load(assignment: str, folder: Path = CATALOGUE) -> dict[str, dict[str, list[Mistake]]]:
    """An assignment's catalogue (empty when none was built)."""
    path = catalogue_path(assignment, folder)
    if not path.exists():
        return {}
    data = json.loads(path.read_text())["exercises"]
    return {
        ex: {sig: [Mistake(**m) for m in ms] for sig, ms in sigs.items()}
        for ex, sigs in data.items()
    }


def diagnose(
    assignment: str, exercise: str, sig: str | None, folder: Path = CATALOGUE
) -> Mistake | None:
    """The one misconception a failing signature shows, or None.

    None for a passing answer, an unknown signature, or one that wrong answers of
    different misconceptions share (naming either could be wrong).
    """
    if not sig or not failed(sig):
        return None
    found = load(assignment, folder).get(exercise, {}).get(sig, [])
    labels = {m.label for m in found}
    return found[0] if len(labels) == 1 else None
