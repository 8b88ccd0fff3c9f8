"""The class report: where the class struggled, at a glance.

From the gradebook (nbgrader's API): for every exercise, how many students passed it
(full points) out of how many were graded, its mean score; for every assignment, the
mean total and how many submissions were graded. And for every exercise, the
misconceptions the grader named in the class's failing hand-ins (catalogued mistakes,
``npmem.grading.diagnosis``) and how many hand-ins showed each. Written as
``class-report.csv`` (one row per exercise), ``class-report.md`` and a chart
``class-report.png`` (share of the class passing each exercise; hand-ins per named
misconception).

Where the misconceptions come from: the verdicts in ``verification/<assignment>.json``,
which the grading pipeline's recording step (``RecordVerdict``, in the process that writes
the gradebook, on every path: ``nbgrader autograde``, ``make autograde``, a Dask cluster)
rewrites for a notebook each time it is graded, with each failing exercise's named
mistake as data (``mistake``: the catalogue's label). The gradebook has no field for it
(a comment is text an instructor may edit, and the feedback shows it), and the graded
notebooks hold only the sentence. A verdict counts when the gradebook holds its
submission as graded and the exercise without full points there (an instructor's manual
grade of full points overrides the grader, and the misconception with it).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.cells import exercise_of


@dataclass
class ExerciseStats:
    assignment: str
    exercise: str
    points: float
    graded: int
    passed: int
    mean: float
    misconceptions: dict[str, int] = field(default_factory=dict)  # label -> hand-ins


@dataclass
class Assignment:
    assignment: str
    max_score: float
    graded: int
    mean: float


def collect(
    db_url: str, verification: Path | None = None
) -> tuple[list[Assignment], list[ExerciseStats]]:
    """The per-assignment and per-exercise rows; with ``verification`` (the course's
    ``verification/`` folder), each exercise's misconceptions too."""
    found = misconceptions(verification, db_url) if verification is not None else {}
    assignments, exercises = [], []
    with Gradebook(db_url) as gb:
        known = {a.name for a in gb.assignments}
        for aid in [a for a in ASSIGNMENTS if a in known] + sorted(known - set(ASSIGNMENTS)):
            a = gb.find_assignment(aid)
            subs = [s for s in a.submissions if _graded(s)]
            totals = [
                s.score - sum(nb.late_submission_penalty or 0 for nb in s.notebooks) for s in subs
            ]
            assignments.append(Assignment(aid, a.max_score, len(subs), _mean(totals)))
            for nb in a.notebooks:
                for cell in nb.grade_cells:
                    if not cell.max_score:
                        continue
                    scores = [
                        g.score
                        for s in subs
                        for snb in s.notebooks
                        if snb.name == nb.name
                        for g in snb.grades
                        if g.name == cell.name
                    ]
                    exercises.append(
                        ExerciseStats(
                            aid,
                            exercise_of(cell.name),
                            cell.max_score,
                            len(scores),
                            sum(1 for x in scores if x >= cell.max_score),
                            _mean(scores),
                            found.get((aid, exercise_of(cell.name)), {}),
                        )
                    )
    return assignments, exercises


def misconceptions(verification: Path, db_url: str) -> dict[tuple[str, str], dict[str, int]]:
    """(assignment, exercise) -> misconception -> how many hand-ins showed it, most first.

    ``verification`` is the course's ``verification/`` folder (or the course root, which
    holds it). Only verdicts on hand-ins the gradebook holds as graded count, and only
    where the exercise has less than full points in the gradebook.
    """
    folder = Path(verification)
    if (folder / "verification").is_dir():
        folder = folder / "verification"
    counts: dict[tuple[str, str], dict[str, int]] = {}
    with Gradebook(db_url) as gb:
        for a in gb.assignments:
            path = folder / f"{a.name}.json"
            if not path.exists():
                continue
            verdicts = json.loads(path.read_text())
            for sub in a.submissions:
                if not _graded(sub):
                    continue
                for snb in sub.notebooks:
                    verdict = verdicts.get(f"{sub.student.id}/{snb.name}") or {}
                    lost = {g.name for g in snb.grades if (g.score or 0) < (g.max_score or 0)}
                    for o in verdict.get("outcomes", []):
                        label = o.get("mistake")
                        if label and o.get("status") == "fail" and o.get("test_id") in lost:
                            per = counts.setdefault((a.name, exercise_of(o["test_id"])), {})
                            per[label] = per.get(label, 0) + 1
    return {
        key: dict(sorted(per.items(), key=lambda kv: (-kv[1], kv[0])))
        for key, per in counts.items()
    }


def _named(e: ExerciseStats) -> str:
    """An exercise's misconceptions in one cell: "label (n hand-ins); ..."."""
    return "; ".join(f"{label} ({n})" for label, n in e.misconceptions.items())


def _graded(submission) -> bool:
    grades = [g for nb in submission.notebooks for g in nb.grades]
    return bool(grades) and all(
        g.auto_score is not None or g.manual_score is not None for g in grades
    )


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def markdown(assignments: list[Assignment], exercises: list[ExerciseStats]) -> str:
    lines = ["# Class report", "", "| assignment | graded | mean score |", "|---|---:|---:|"]
    for a in assignments:
        lines.append(f"| {a.assignment} | {a.graded} | {a.mean:.1f} / {a.max_score:g} |")
    lines += [
        "",
        "| assignment | exercise | passed | mean points |",
        "|---|---|---:|---:|",
    ]
    for e in exercises:
        flag = " **struggled**" if e.graded and e.passed / e.graded < 0.5 else ""
        lines.append(
            f"| {e.assignment} | {e.exercise} | {e.passed} / {e.graded}{flag} "
            f"| {e.mean:.2f} / {e.points:g} |"
        )
    named = [(e, label, n) for e in exercises for label, n in e.misconceptions.items()]
    lines += ["", "## Misconceptions found", ""]
    if named:
        lines += [
            "Failing hand-ins the grader recognised as a catalogued mistake (the sentence "
            "each student read in their feedback names it).",
            "",
            "| assignment | exercise | misconception | hand-ins |",
            "|---|---|---|---:|",
        ]
        for e, label, n in named:
            lines.append(f"| {e.assignment} | {e.exercise} | {_cell(label)} | {n} |")
    else:
        lines.append("No failing hand-in showed a catalogued mistake.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: no pipe ends it early."""
    return text.replace("|", "\\|").replace("\n", " ")


def plot(exercises: list[ExerciseStats], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [e for e in exercises if e.graded]
    named = [(e, label, n) for e in shown for label, n in e.misconceptions.items()]
    rows = max(len(shown), len(named))
    if named:
        fig, (ax, right) = plt.subplots(
            1, 2, figsize=(15, 0.28 * rows + 1.8), gridspec_kw={"width_ratios": [2, 3]}
        )
        _plot_misconceptions(right, named, rows)
    else:
        fig, ax = plt.subplots(figsize=(8, 0.28 * rows + 1.5))
    labels = [f"{e.assignment[:2]} {e.exercise}" for e in shown]
    share = [100 * e.passed / e.graded for e in shown]
    colors = ["#c0392b" if s < 50 else "#2e86c1" for s in share]
    ax.barh(range(len(shown)), share, color=colors)
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with full points (%)")
    ax.set_title("Where the class struggled (red: fewer than half passed)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_misconceptions(ax, named: list[tuple[ExerciseStats, str, int]], rows: int) -> None:
    """Hand-ins per named misconception, one bar each, labelled with its exercise, from
    the top, as tall as the left panel's bars (``rows`` of them fit)."""
    import textwrap

    def short(label: str) -> str:
        return textwrap.shorten(label.rstrip("."), 70, placeholder=" ...")

    labels = [f"{e.assignment[:2]} {e.exercise}: {short(label)}" for e, label, _ in named]
    counts = [n for *_, n in named]
    ax.barh(range(len(named)), counts, color="#d68910")
    ax.set_yticks(range(len(named)), labels, fontsize=7)
    ax.set_ylim(rows - 0.5, -0.5)  # top down, one row per bar as on the left
    for k, n in enumerate(counts):
        ax.text(n, k, f" {n}", va="center", fontsize=7)
    ax.set_xlim(0, max(counts) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("hand-ins showing it")
    ax.set_title("Misconceptions the grader named in failing hand-ins", fontsize=10)


def write(db_url: str, out_dir: Path, verification: Path | None = None) -> dict[str, Path]:
    """Write the report files into ``out_dir``; return their paths. ``verification``:
    the course's ``verification/`` folder, for the misconceptions (none without it)."""
    assignments, exercises = collect(db_url, verification)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "csv": out_dir / "class-report.csv",
        "md": out_dir / "class-report.md",
        "png": out_dir / "class-report.png",
    }
    with open(paths["csv"], "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["assignment", "exercise", "points", "graded", "passed", "mean_score"]
            + ["misconceptions"]
        )
        for e in exercises:
            w.writerow(
                [e.assignment, e.exercise, e.points, e.graded, e.passed, round(e.mean, 3)]
                + [_named(e)]
            )
    paths["md"].write_text(markdown(assignments, exercises))
    plot(exercises, paths["png"])
    return paths
