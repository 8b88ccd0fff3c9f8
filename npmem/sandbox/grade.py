"""Grade an assignment securely: ``python -m npmem.sandbox.grade ASSIGNMENT [--student ID]``.

From the course directory, ``nbgrader autograde ASSIGNMENT --force`` with the sandbox on:
the course's ``nbgrader_config.py`` makes nbgrader grade each exercise once in the sandbox
(:mod:`npmem.sandbox.pipeline`); this command insists on the sandbox and prints one line
per student from ``verification/<assignment>.json``.

The exit status is nbgrader's when it failed for a reason other than a student's notebook
(nbgrader exits non-zero when any notebook failed), else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from npmem.grading import nbgrader_cli

from .verify import report_from


def autograde(root: Path, assignment: str, students: list[str]) -> int:
    args = ["autograde", assignment, "--force"]
    for student in students:
        args.append(f"--student={student}")
    proc = nbgrader_cli.run(*args, cwd=root, env={"NPMEM_SANDBOX": "on"}, check=False, timeout=None)
    for line in proc.stderr.splitlines():
        if line.startswith(("[AutogradeApp | ERROR]", "[AutogradeApp | WARNING]")):
            print(line, file=sys.stderr)
    return proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m npmem.sandbox.grade", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("assignment")
    parser.add_argument("--student", action="append", default=[])
    parser.add_argument("--root", default=".", help="course directory (default: here)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    code = autograde(root, args.assignment, args.student)
    path = root / "verification" / f"{args.assignment}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    reports = [
        report_from(v)
        for v in data.values()
        if not args.student or v.get("student") in args.student
    ]
    for r in reports:
        print(r.line())
    flagged = sum(r.flagged for r in reports)
    print(f"{len(reports)} notebook(s) graded, {flagged} flagged for review; report: {path}")
    return 0 if reports or code == 0 else code


if __name__ == "__main__":
    sys.exit(main())
