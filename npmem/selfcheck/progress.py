"""The learner's progress: one small JSON file beside their assignments, nothing sent anywhere.

``<work>/.npmem-progress.json`` (``<work>`` is the folder holding the assignment
folders: ``my-work/`` in a clone of the course, see ``workspace``) keeps, per
assignment, the best and the last score, how many checks were run and when, and per
exercise the best points, whether an attempt was checked (which unlocks its worked
solution) and whether the solution was shown. The front door reads it.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .locate import assignments, progress_file

VERSION = 1


def _empty() -> dict:
    return {"version": VERSION, "assignments": {}}


def load(workdir: str | os.PathLike) -> dict:
    path = progress_file(workdir)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return _empty()
    except (OSError, ValueError):
        return _empty()  # unreadable: start again rather than stop the learner
    if not isinstance(data, dict) or not isinstance(data.get("assignments"), dict):
        return _empty()
    return data


def _save(workdir: str | os.PathLike, data: dict) -> None:
    path = progress_file(workdir)
    fd, tmp = tempfile.mkstemp(prefix=".npmem-progress-", dir=path.parent)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def record(workdir: str | os.PathLike, report) -> dict:
    """Add one check's result; returns the assignment's entry.

    A check of a notebook with no answer yet (Run All on a fresh copy) is not an attempt:
    the assignment gets its entry, but no check is counted and no score is kept.
    """
    data = load(workdir)
    entry = data["assignments"].setdefault(
        report.assignment, {"checks": 0, "best": None, "exercises": {}}
    )
    entry["max"] = report.max_score
    if not any(e.answered for e in report.exercises):
        entry.setdefault("checks", 0)
        entry.setdefault("best", None)
        _save(workdir, data)
        return entry
    entry["checks"] = entry.get("checks", 0) + 1
    entry["last"] = report.score
    entry["last_checked"] = _now()
    if entry.get("best") is None or report.score > entry["best"]:
        entry["best"], entry["best_checked"] = report.score, entry["last_checked"]
    exercises = entry.setdefault("exercises", {})
    for e in report.exercises:
        ex = exercises.setdefault(e.name, {"best": 0.0, "attempted": False})
        ex["max"] = e.max_points
        ex["best"] = max(ex.get("best", 0.0), e.points)
        ex["attempted"] = bool(ex.get("attempted")) or e.answered
    _save(workdir, data)
    return entry


def exercise(workdir: str | os.PathLike, assignment: str, name: str) -> dict:
    return load(workdir)["assignments"].get(assignment, {}).get("exercises", {}).get(name, {})


def mark_revealed(workdir: str | os.PathLike, assignment: str, name: str) -> None:
    data = load(workdir)
    entry = data["assignments"].setdefault(assignment, {"checks": 0, "best": None})
    ex = entry.setdefault("exercises", {}).setdefault(name, {"best": 0.0, "attempted": False})
    ex["solution_shown"] = _now()
    _save(workdir, data)


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0")


@dataclass
class Progress:
    """The front door's table: every assignment, checked or not."""

    workdir: str
    data: dict

    def rows(self) -> list[dict]:
        from npmem.grading.catalogue import source_notebook
        from npmem.grading.notebook import title

        out = []
        for n, (aid, name) in enumerate(assignments().items(), start=1):
            entry = self.data["assignments"].get(aid, {})
            exercises = entry.get("exercises", {})
            passed = sum(1 for e in exercises.values() if e.get("best", 0) >= e.get("max", 1))
            out.append(
                {
                    "number": n,
                    "assignment": aid,
                    "title": title(source_notebook(aid)),
                    "link": f"{self.workdir}/{aid}/{name}.ipynb",
                    "checks": entry.get("checks", 0),
                    "best": entry.get("best"),
                    "max": entry.get("max"),
                    "passed": passed,
                    "exercises": len(exercises),
                    "last_checked": entry.get("last_checked", ""),
                }
            )
        return out

    def _status(self, row: dict) -> str:
        if not row["checks"]:
            return "not checked yet"
        done = " ✔ complete" if row["best"] >= row["max"] else ""
        return f"{_num(row['best'])} / {_num(row['max'])}{done}"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def __str__(self) -> str:
        rows = self.rows()
        if not any(r["checks"] for r in rows):
            return self.empty_message()
        lines = []
        for r in rows:
            ex = f"{r['passed']} of {r['exercises']} exercises" if r["checks"] else ""
            lines.append(f"{r['number']}. {r['assignment']:18} {self._status(r):22} {ex}")
        return "\n".join(lines)

    def empty_message(self) -> str:
        return (
            "Nothing checked yet. Open the first assignment, work through it, and run its "
            "last cell, Check my work: your best score per assignment will show here."
        )

    def _repr_html_(self) -> str:
        rows = self.rows()
        head = "".join(
            f"<th style='text-align:left'>{h}</th>"
            for h in ("#", "Assignment", "Best score", "Exercises passed", "Checks", "Last check")
        )
        body = []
        for r in rows:
            checked = bool(r["checks"])
            cls = "npmem-unchecked"
            if checked:
                cls = "npmem-complete" if r["best"] >= r["max"] else "npmem-checked"
            tds = [
                str(r["number"]),
                f"<a href='{html.escape(r['link'])}'>{html.escape(r['title'])}</a>",
                html.escape(self._status(r)),
                f"{r['passed']} / {r['exercises']}" if checked else "",
                str(r["checks"]) if checked else "",
                html.escape(r["last_checked"].replace("T", " ")[:16]),
            ]
            cells = "".join(f"<td style='text-align:left'>{t}</td>" for t in tds)
            body.append(f"<tr class='{cls}' data-assignment='{r['assignment']}'>{cells}</tr>")
        empty = not any(r["checks"] for r in rows)
        note = f"<p>{html.escape(self.empty_message())}</p>" if empty else ""
        return (
            f"<div class='npmem-progress'>{note}<table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )


def show(workdir: str | os.PathLike = "../my-work") -> Progress:
    """The learner's progress, read from ``workdir`` (relative paths from the notebook)."""
    return Progress(str(workdir), load(Path(workdir)))
