"""Check a saved notebook from a terminal, as the notebook's last cell does.

Usage: ``python -m npmem.selfcheck NOTEBOOK [--assignment ID] [--full] [--json] [--no-record]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import locate, progress
from .grader import grade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m npmem.selfcheck", description=__doc__)
    parser.add_argument("notebook", type=Path, help="the saved notebook to check")
    parser.add_argument("--assignment", help="its assignment id (default: from its folder)")
    parser.add_argument("--full", action="store_true", help="run every cell, demos included")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-record", action="store_true", help="do not update the progress")
    args = parser.parse_args(argv)
    try:
        if not args.notebook.is_file():
            raise locate.SelfCheckError(f"There is no notebook at {args.notebook}.")
        assignment = args.assignment or locate.infer_assignment(args.notebook)
        notebook = locate.learner_notebook(assignment, args.notebook)
        report = grade(notebook, assignment, full=args.full)
    except locate.SelfCheckError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not args.no_record:
        entry = progress.record(locate.workdir_of(notebook), report)
        report.best, report.checks = entry["best"], entry["checks"]
    print(json.dumps(report.to_dict(), indent=1) if args.json else report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
