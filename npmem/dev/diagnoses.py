"""Build the catalogue of known mistakes: ``npmem diagnoses [ASSIGNMENT ...]``.

Each hand-written wrong answer of ``samples/mutants/NN-topic/EXERCISE/NAME.py`` runs in
one warm grading engine per assignment (``npmem.dev.runner``) with diagnosis on; its
signature, its ``# Mistake:`` line and the section of the lesson the exercise sits in
(an optional ``# Section: N. Title`` line names another) go to
``npmem/diagnoses/NN-topic.json`` (``npmem.grading.diagnosis``). An answer that passes, or
fails without a signature (a crash, a time-out), is left out. ``--measure DIR`` instead
diagnoses the answers in ``DIR/NN-topic/EXERCISE/*.py`` against the catalogue and writes
what each was told, with its own ``# Mistake:`` line beside, as JSON on stdout;
``--measure DIR --summary`` counts them per assignment (failing, diagnosed, judged right
or wrong in ``DIR/judged.toml``) and checks the reference answers get none; ``--cost``
times *Check my work* and the sandboxed grader with diagnosis on and off. ``--json PATH``
keeps those figures for docs/benchmarks.md (``make bench``), one entry per held-out set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from npmem.grading import diagnosis
from npmem.grading.answers import Outcome
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


Judged = dict[str, dict[str, tuple[Outcome, Path]]]


def judge(assignment: str, folder: Path) -> Judged:
    """Exercise -> answer name -> (the engine's outcome, diagnosed; its file), for every
    answer in ``folder/assignment``, in one session."""
    notebook = Assignment(assignment)
    out: Judged = {}
    with Session(notebook, diagnose=True) as session:
        for gid, answers in _answers(folder, assignment).items():
            ex = notebook.exercise(gid)
            for name, path in answers.items():
                out.setdefault(gid, {})[name] = (session.outcome(ex, path.read_text()), path)
    return out


def signatures(
    assignment: str, folder: Path, judged: Judged | None = None
) -> dict[str, dict[str, tuple[str, Path]]]:
    """Exercise -> answer name -> (its signature, "" when it is not a diagnosable
    failure; its file), for every answer in ``folder/assignment`` (judged now, or the
    outcomes of ``judge`` given)."""
    judged = judge(assignment, folder) if judged is None else judged
    return {
        gid: {
            name: (outcome.signature if outcome.status == "fail" else "", path)
            for name, (outcome, path) in answers.items()
        }
        for gid, answers in judged.items()
    }


def build(
    assignment: str,
    folder: Path = MUTANTS,
    out: Path = diagnosis.CATALOGUE,
    judged: Judged | None = None,
) -> dict[str, int]:
    """Write the assignment's catalogue (from the outcomes of ``judge(assignment,
    folder)`` when given); returns how many answers each exercise gave it."""
    where = sections(assignment)
    entries: dict[str, dict[str, list[Mistake]]] = {}
    counts: dict[str, int] = {}
    for gid, answers in signatures(assignment, folder, judged).items():
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


def references(assignment: str) -> list[dict]:
    """What each exercise's reference answer is told (it passes: never a diagnosis)."""
    from .samples import solutions

    notebook = Assignment(assignment)
    rows = []
    with Session(notebook, diagnose=True) as session:
        for gid, code in solutions(assignment).items():
            outcome = session.outcome(notebook.exercise(gid), code)
            sig = outcome.signature if outcome.status == "fail" else ""
            found = diagnosis.diagnose(assignment, gid, sig) if sig else None
            rows.append(
                {
                    "answer": f"{assignment}/{gid}/reference",
                    "passed": outcome.status == "pass",
                    "diagnosis": found.label if found else None,
                }
            )
    return rows


def summary(rows: list[dict], refs: list[dict], judged_path: Path) -> dict:
    """Per assignment and in total: answers, failing ones, diagnosed ones, and of those
    how many a person judged right or wrong (``judged_path``: answer -> the label named
    and the verdict; a diagnosis whose label differs from the judged one is unjudged),
    and the reference answers: how many passed and how many got a diagnosis."""
    import tomllib

    judged = tomllib.loads(judged_path.read_text()) if judged_path.exists() else {}
    table: dict[str, dict] = {}
    keys = ("answers", "failing", "diagnosed", "right", "wrong", "unjudged")
    for row in rows:
        a = table.setdefault(row["answer"].split("/")[0], dict.fromkeys(keys, 0))
        a["answers"] += 1
        a["failing"] += row["failed"]
        if row["diagnosis"]:
            a["diagnosed"] += 1
            verdict = judged.get(row["answer"], {})
            if verdict.get("named") != row["diagnosis"]:
                a["unjudged"] += 1
            else:
                a["right" if verdict.get("right") else "wrong"] += 1
    for ref in refs:
        a = table.setdefault(ref["answer"].split("/")[0], dict.fromkeys(keys, 0))
        a["references"] = a.get("references", 0) + 1
        a["references_passed"] = a.get("references_passed", 0) + ref["passed"]
        a["references_diagnosed"] = a.get("references_diagnosed", 0) + bool(ref["diagnosis"])
    total = {k: sum(a.get(k, 0) for a in table.values()) for k in (*keys, "references",
             "references_passed", "references_diagnosed")}  # fmt: skip
    return {"assignments": table, "total": total}


def cost(assignment: str, repeats: int = 3) -> dict:
    """What diagnosis costs on a notebook where every exercise fails with a catalogued
    wrong answer: *Check my work* and the sandboxed grader's check of the notebook (the
    step of ``nbgrader autograde`` that runs answers), each with diagnosis on and off
    (median seconds of ``repeats`` runs), and one whole ``nbgrader autograde``."""
    import shutil
    import statistics
    import tempfile
    import time
    from unittest import mock

    from npmem import selfcheck
    from npmem.grading import answers
    from npmem.grading import nbgrader_cli as nbg
    from npmem.grading.catalogue import ASSIGNMENTS as NOTEBOOKS
    from npmem.grading.catalogue import ROOT, release_notebook
    from npmem.grading.gradebook import db_url
    from npmem.sandbox.verify import check_notebook

    from .samples import fill, mutants

    wrong = {
        gid: next(iter(sorted(names.items())))[1] for gid, names in mutants(assignment).items()
    }
    nb = fill(nbformat.read(release_notebook(assignment), as_version=4), wrong)
    name = NOTEBOOKS[assignment]

    def forced(on: bool):
        class Checker(answers.Checker):
            def __init__(self, *args, diagnose: bool = False, **kwargs):
                super().__init__(*args, diagnose=on, **kwargs)

        return mock.patch.object(answers, "Checker", Checker)

    def timed(run) -> dict[str, float]:
        seconds: dict[str, list[float]] = {"on": [], "off": []}
        for _ in range(repeats):
            for label, on in (("off", False), ("on", True)):
                with forced(on):
                    began = time.perf_counter()
                    run()
                    seconds[label].append(time.perf_counter() - began)
        return {k: round(statistics.median(v), 2) for k, v in seconds.items()}

    out: dict = {"assignment": assignment, "exercises": len(wrong), "repeats": repeats}
    with tempfile.TemporaryDirectory(prefix="npmem-cost-") as tmp:
        mine = Path(tmp) / "my-work" / assignment / f"{name}.ipynb"
        mine.parent.mkdir(parents=True)
        nbformat.write(nb, mine)
        report = selfcheck.grade(mine, assignment)
        out["check_failed"] = sum(e.status == "fail" for e in report.exercises)
        out["check_named"] = sum(bool(e.diagnosis) for e in report.exercises)
        out["check_seconds"] = timed(lambda: selfcheck.grade(mine, assignment))
        course = Path(tmp) / "course"
        course.mkdir()
        shutil.copy(ROOT / "nbgrader_config.py", course)
        for folder in ("source", "release"):
            shutil.copytree(ROOT / folder / assignment, course / folder / assignment)
        nbg.run("generate_assignment", assignment, "--force", cwd=course)
        handed = course / "submitted" / "dee" / assignment
        handed.mkdir(parents=True)
        nbformat.write(nb, handed / f"{name}.ipynb")
        (handed / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 UTC")
        began = time.perf_counter()
        nbg.run("autograde", assignment, cwd=course)
        out["autograde_seconds"] = round(time.perf_counter() - began, 2)
        url = db_url(course)
        outcomes: list = []

        def grade_once() -> None:
            outcomes[:] = check_notebook(
                course, url, assignment, name, "dee", handed / f"{name}.ipynb"
            )[1]

        out["grading_seconds"] = timed(grade_once)
        out["grading_named"] = sum(bool(o.diagnosis) for o in outcomes)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="npmem diagnoses", description=__doc__.split("\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment")
    parser.add_argument("--measure", type=Path, help="diagnose the answers in this folder")
    parser.add_argument(
        "--summary",
        action="store_true",
        help="with --measure: counts per assignment, judged by DIR/judged.toml, "
        "and the reference answers",
    )
    parser.add_argument(
        "--cost", action="store_true", help="time check and grading with diagnosis on and off"
    )
    parser.add_argument("--json", type=Path, help="write the --summary or --cost figures here")
    args = parser.parse_args(argv)
    chosen = args.assignments or list(ASSIGNMENTS)
    if args.cost:
        return _emit({"cost": [{**cost(a), "measured": _stamp()} for a in chosen]}, args.json)
    if args.measure:
        rows = [row for a in chosen for row in measure(a, args.measure)]
        if not args.summary:
            json.dump(rows, sys.stdout, indent=1)
            print()
            return 0
        refs = [row for a in chosen for row in references(a)]
        figures = {**summary(rows, refs, args.measure / "judged.toml"), "measured": _stamp()}
        name = args.measure.resolve().name  # "independent", "blind": one entry per set
        kept = json.loads(args.json.read_text()) if args.json and args.json.exists() else {}
        return _emit({"held_out": {**kept.get("held_out", {}), name: figures}}, args.json)
    for assignment in chosen:
        counts = build(assignment)
        total = sum(counts.values())
        print(f"{assignment}: {total} wrong answers catalogued over {len(counts)} exercises")
    return 0


def _stamp() -> str:
    """When and where a measurement ended, and how busy the machine was."""
    import os
    import platform
    import time

    import numpy

    return (
        f"{time.strftime('%Y-%m-%d %H:%M %Z')} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()}, NumPy "
        f"{numpy.__version__}; load average {os.getloadavg()[0]:.1f} as it ended"
    )


def _emit(figures: dict, path: Path | None) -> int:
    """Print ``figures`` as JSON; with ``path``, merge them into that file too."""
    text = json.dumps(figures, indent=1)
    print(text)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps({**kept, **figures}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
