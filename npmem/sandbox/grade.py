"""Grade an assignment securely: ``python -m npmem.sandbox.grade ASSIGNMENT [--student ID]``.

The two steps, from the course directory:

1. ``nbgrader autograde ASSIGNMENT --force`` with the sandboxed kernel (the course's
   ``nbgrader_config.py`` selects it; this command insists on it);
2. :mod:`npmem.sandbox.verify`: every exercise re-checked in a fresh sandboxed process,
   the gradebook corrected, suspicious submissions flagged.

It prints nbgrader's summary, one line per student and where the report is. The exit
status is nbgrader's when it failed for a reason other than a student's notebook, else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from npmem.course import nbgrader_cli

from .verify import verify_assignment


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
    # nbgrader exits non-zero when any notebook failed; those are graded by the verifier
    reports = verify_assignment(root, args.assignment, args.student)
    for r in reports:
        print(r.line())
    flagged = sum(r.flagged for r in reports)
    print(
        f"{len(reports)} notebook(s) graded, {flagged} flagged for review; "
        f"report: {root / 'verification' / (args.assignment + '.json')}"
    )
    return 0 if reports or code == 0 else code


if __name__ == "__main__":
    sys.exit(main())
