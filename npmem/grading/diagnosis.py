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
answer (a passing one, an unknown signature, a signature two misconceptions share, one
resting on fewer than four failed checks) gets nothing new. Signatures hold only outcome
kinds: no test code, input or value.
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
    """The signature of one diagnosis run: its checks' outcomes in order (a run of equal
    outcomes written once with its count, ``ok*12``), then how the cell ended (``end``:
    it ran to its end; else the name of what it raised)."""
    runs: list[list] = []
    for o in outcomes:
        if runs and runs[-1][0] == o:
            runs[-1][1] += 1
        else:
            runs.append([o, 1])
    parts = [o if n == 1 else f"{o}*{n}" for o, n in runs]
    return ",".join(parts) + "|" + (ended or "end")


def failed(sig: str) -> bool:
    """Whether a signature shows any failure (a passing answer is never diagnosed)."""
    outcomes, _, ended = sig.partition("|")
    return ended != "end" or any(o.split("*")[0] != OK for o in outcomes.split(",") if o)


# outcomes that say how much, not what: many different mistakes exceed a memory budget
SYMPTOMS = {"too much", "too little"}


def telling(sig: str) -> bool:
    """Whether a signature tells mistakes apart: some check failed in a way that names what
    is wrong (a value, a shape, a copy, ...), not only a budget overrun or a crash."""
    outcomes, _, _ended = sig.partition("|")
    kinds = {o.split("*")[0] for o in outcomes.split(",") if o}
    return bool(kinds - {OK} - SYMPTOMS)


def failures(sig: str) -> int:
    """How many checks failed in a signature (the evidence a diagnosis rests on)."""
    outcomes, _, _ended = sig.partition("|")
    count = 0
    for o in outcomes.split(","):
        kind, _, times = o.partition("*")
        if kind and kind != OK:
            count += int(times or 1)
    return count


# A diagnosis rests on at least this many failed checks. In the catalogue, a signature
# with three failed checks or fewer is shared with another misconception's answer about
# twice as often as a longer one (12 of 50 catalogued answers against 21 of 156, when
# this rule was set): a wrong answer outside the catalogue is then likelier to match it
# while meaning something else. docs/benchmarks.md, "Diagnosis", has what it costs.
EVIDENCE = 4


def anchor(heading: str) -> str:
    """JupyterLab's anchor of a markdown heading: its text, spaces as hyphens."""
    return heading.strip().replace(" ", "-")


# how a diagnosis travels in a graded test cell's error output: one more traceback line,
# after the failing check's message (what the formgrader shows and the feedback reads)
MARK = "\N{ELECTRIC LIGHT BULB} "


def traceback_line(said: str) -> str:
    """The line of an error output's traceback that carries a diagnosis sentence."""
    return MARK + said


def from_traceback(lines: list[str]) -> str:
    """The diagnosis sentence an error output's traceback carries, or ""."""
    for line in lines:
        if isinstance(line, str) and line.startswith(MARK):
            return line[len(MARK) :].strip()
    return ""


def sentence(mistake: Mistake) -> str:
    """What the learner reads: one sentence naming the misconception and where it is taught."""
    label = mistake.label.strip().rstrip(".")
    first = label.split(" ", 1)[0]
    if re.fullmatch(r"[a-z]+s", first) or first in _ADVERBS:
        said = f"it {label}"
    else:
        said = label[0].lower() + label[1:]
    section = mistake.section.replace("`", "")
    end = "" if section.endswith((".", "?", "!")) else "."
    return (
        f"Your answer fails the tests the way a common mistake does: {said}. "
        f"See section {section}{end}"
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

    None for a passing answer, an unknown signature, one that wrong answers of different
    misconceptions share (naming either could be wrong), one that does not tell
    mistakes apart (:func:`telling`: on the course's independent wrong answers, a crash
    or a budget overrun alone named the wrong misconception too often), and one with
    fewer than :data:`EVIDENCE` failed checks (too little to tell a catalogued mistake
    from one the catalogue does not hold).
    """
    if not sig or not failed(sig) or not telling(sig) or failures(sig) < EVIDENCE:
        return None
    found = load(assignment, folder).get(exercise, {}).get(sig, [])
    labels = {m.label for m in found}
    return found[0] if len(labels) == 1 else None
