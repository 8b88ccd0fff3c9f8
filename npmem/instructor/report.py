"""The class report: where the class struggled, at a glance.

From the gradebook (nbgrader's API): for every exercise, how many students passed it
(full points) out of how many were graded, its mean score; for every assignment, the
mean total and how many submissions were graded. Written as ``class-report.csv`` (one
row per exercise), ``class-report.md`` and a bar chart ``class-report.png`` (share of
the class passing each exercise).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
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


@dataclass
class Assignment:
    assignment: str
    max_score: float
    graded: int
    mean: float


def collect(db_url: str) -> tuple[list[Assignment], list[ExerciseStats]]:
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
                        )
                    )
    return assignments, exercises


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
    return "\n".join(lines) + "\n"


def plot(exercises: list[ExerciseStats], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [e for e in exercises if e.graded]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(shown) + 1.5))
    labels = [f"{e.assignment[:2]} {e.exercise}" for e in shown]
    share = [100 * e.passed / e.graded for e in shown]
    colors = ["#c0392b" if s < 50 else "#2e86c1" for s in share]
    ax.barh(range(len(shown)), share, color=colors)
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with full points (%)")
    ax.set_title("Where the class struggled (red: fewer than half passed)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(db_url: str, out_dir: Path) -> dict[str, Path]:
    """Write the report files into ``out_dir``; return their paths."""
    assignments, exercises = collect(db_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "csv": out_dir / "class-report.csv",
        "md": out_dir / "class-report.md",
        "png": out_dir / "class-report.png",
    }
    with open(paths["csv"], "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["assignment", "exercise", "points", "graded", "passed", "mean_score"])
        for e in exercises:
            w.writerow([e.assignment, e.exercise, e.points, e.graded, e.passed, round(e.mean, 3)])
    paths["md"].write_text(markdown(assignments, exercises))
    plot(exercises, paths["png"])
    return paths
