"""What the hardening costs: ``python -m npmem.dev.bench_sandbox [--assignment A] [--students N]``.

In a throw-away copy of the course, N correct submissions are autograded twice with
nbgrader's own ``autograde``: stock (``NPMEM_SANDBOX=off``, a kernel per notebook) and
with the sandbox (each exercise graded once in it, :mod:`.pipeline`). It prints (and with
``--json`` writes) seconds per submission for each, and the overhead of the sandbox over
stock (negative when the sandbox is faster).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat

from npmem.dev.samples import fill, solutions
from npmem.dev.simulate import make_course
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores
from npmem.sandbox.verify import report_from


def submit_all(course: Path, assignment: str, students: int) -> list[str]:
    notebook = ASSIGNMENTS[assignment]
    release = nbformat.read(course / "release" / assignment / f"{notebook}.ipynb", as_version=4)
    answered = fill(release, solutions(assignment, ROOT))
    ids = [f"student{k:02d}" for k in range(students)]
    for sid in ids:
        folder = course / "submitted" / sid / assignment
        folder.mkdir(parents=True)
        nbformat.write(copy.deepcopy(answered), folder / f"{notebook}.ipynb")
        (folder / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 UTC")
    return ids


def measure(assignment: str = "01-strides", students: int = 3) -> dict:
    notebook = ASSIGNMENTS[assignment]
    result: dict[str, Any] = {"assignment": assignment, "students": students}
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp) / "course", [assignment])
        ids = submit_all(course, assignment, students)
        for label, mode in (("stock", "off"), ("sandbox", "on")):
            start = time.monotonic()
            nbg.run("autograde", assignment, "--force", cwd=course, env={"NPMEM_SANDBOX": mode})
            result[f"{label}_seconds_per_submission"] = (time.monotonic() - start) / students
            for sid in ids:
                if cell_scores(course, assignment, notebook, sid) is None:
                    raise RuntimeError(f"{label}: {sid} was not graded")
        data = json.loads((course / "verification" / f"{assignment}.json").read_text())
        reports = [report_from(v) for v in data.values()]
        full = sum(reports[0].max_scores.values())
        if len(reports) != students or any(r.score != full or r.flagged for r in reports):
            raise RuntimeError("a correct submission lost points or was flagged")
    result["overhead_seconds_per_submission"] = (
        result["sandbox_seconds_per_submission"] - result["stock_seconds_per_submission"]
    )
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m npmem.dev.bench_sandbox", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--assignment", default="01-strides", choices=list(ASSIGNMENTS))
    parser.add_argument("--students", type=int, default=3)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    result = measure(args.assignment, args.students)
    for key, value in result.items():
        print(f"{key:36} {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
