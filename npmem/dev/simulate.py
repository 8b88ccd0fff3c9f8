"""A simulated class: many students, each hand-in perfect, partial or blank.

Used to measure grading at class scale (``make bench``). Answers come from the
instructor's solutions and the plausible wrong answers in ``samples/mutants``.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import nbformat

from npmem.dev.samples import build_submission, mutants, solutions
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT

KINDS = ("perfect", "partial", "blank")


def choices(assignment: str, kind: str, rng: random.Random) -> dict[str, str]:
    """What a student of this kind answers: {solution id: solution | blank | mistake}."""
    if kind == "perfect":
        return {"*": "solution"}
    if kind == "blank":
        return {"*": "blank"}
    wrong = mutants(assignment)
    picked = {}
    for gid in solutions(assignment):
        roll = rng.random()
        if roll < 0.5 or not wrong.get(gid):
            picked[gid] = "solution"
        elif roll < 0.85:
            picked[gid] = rng.choice(sorted(wrong[gid]))
        else:
            picked[gid] = "blank"
    return picked


def make_course(dest: Path, assignments: list[str]) -> Path:
    """A course directory with this repository's config, sources and the assignments generated."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    shutil.copytree(ROOT / "source", dest / "source")
    shutil.copytree(ROOT / "release", dest / "release")
    for aid in assignments:
        nbg.run("generate_assignment", aid, "--force", cwd=dest)
    return dest


def submit_class(course: Path, assignments: list[str], size: int, seed: int = 0) -> list[str]:
    """Write ``size`` students' submissions of every assignment into ``submitted/``."""
    rng = random.Random(seed)
    sids = []
    for i in range(size):
        sid, kind = f"student{i + 1:03d}", KINDS[i % len(KINDS)]
        sids.append(sid)
        for aid in assignments:
            folder = course / "submitted" / sid / aid
            folder.mkdir(parents=True)
            nb = build_submission(aid, choices(aid, kind, rng))
            nbformat.write(nb, folder / f"{ASSIGNMENTS[aid]}.ipynb")
            (folder / "timestamp.txt").write_text("2026-01-05 09:00:00.000000 UTC")
    return sids
