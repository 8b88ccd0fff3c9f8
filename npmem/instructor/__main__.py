"""``python -m npmem.instructor COMMAND``: the instructor workflow (see docs/instructors.md).

Commands (ASSIGNMENT... defaults to every assignment):

  release ASSIGNMENT...          generate_assignment + release_assignment
  collect ASSIGNMENT...          collect every student's latest submission
  autograde [ASSIGNMENT...] [--jobs N] [--student S] [--force]
                                 nbgrader's autograde, each exercise graded once in
                                 the sandbox (npmem.sandbox.pipeline)
  feedback ASSIGNMENT...         feedback per exercise, released to the students
  export                         grades.csv
  report                         reports/class-report.{md,csv,png}
  regrade ASSIGNMENT STUDENT     collect and grade one (late) student again
  due ASSIGNMENT DATE            set a due date, e.g. "2026-03-02 17:00:00 UTC"
  check [ASSIGNMENT...]          list broken submissions without grading
  lab [JUPYTER-LAB-ARGS...]      the instructor's JupyterLab (every nbgrader tool), the
                                 course's exchange made first if it is missing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from npmem.grading.catalogue import ROOT
from npmem.sandbox.settings import enabled as sandbox_enabled

from . import workflow


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lab"]:  # the rest is jupyter lab's
        return lab(ROOT, argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m npmem.instructor",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command")
    parser.add_argument("args", nargs="*")
    parser.add_argument("--root", type=Path, default=ROOT, help="course directory")
    parser.add_argument("--jobs", type=int, default=None, help="parallel workers (cores)")
    parser.add_argument("--student", default=None)
    parser.add_argument("--force", action="store_true", help="grade again even if up to date")
    a = parser.parse_args(argv)
    root, cmd = a.root.resolve(), a.command
    if cmd == "release":
        for aid in workflow.all_or(a.args):
            workflow.release(root, aid)
            print(f"{aid}: released to the exchange")
    elif cmd == "collect":
        for aid in workflow.all_or(a.args):
            workflow.collect(root, aid, a.student)
            print(f"{aid}: collected")
    elif cmd == "autograde":
        students = [a.student] if a.student else None
        result = workflow.parallel.autograde(
            root, workflow.all_or(a.args), jobs=a.jobs, students=students, force=a.force
        )
        print(result.summary())
        if result.graded and sandbox_enabled():
            _print_verdicts(workflow.verdicts(root, result))
        return 0 if not result.failed else 1
    elif cmd == "feedback":
        for aid in workflow.all_or(a.args):
            n = workflow.feedback(root, aid, a.student)
            print(f"{aid}: {n} feedback file(s) generated and released")
    elif cmd == "export":
        print(f"grades exported to {workflow.export(root)}")
    elif cmd == "report":
        paths = workflow.report(root)
        print(paths["md"].read_text())
        print("written: " + ", ".join(str(p) for p in paths.values()))
    elif cmd == "regrade" and len(a.args) == 2:
        result = workflow.regrade(root, *a.args)
        print(result.summary())
        if result.graded and sandbox_enabled():
            _print_verdicts(workflow.verdicts(root, result))
        return 0 if result.graded else 1
    elif cmd == "due" and len(a.args) == 2:
        workflow.due(root, *a.args)
        print(f"{a.args[0]} is due {a.args[1]}")
    elif cmd == "check":
        lines = workflow.check(root, workflow.all_or(a.args))
        print("\n".join(lines) if lines else "every submission looks gradable")
    else:
        parser.print_help()
        return 2
    return 0


def lab(root: Path, extra: list[str]) -> int:
    """Make the exchange if it is missing, then become the instructor's ``jupyter lab``."""
    import os

    if not any(a in ("-h", "--help") for a in extra):
        print(f"exchange: {workflow.ensure_exchange(root)}", flush=True)
    args = workflow.lab_command(root, extra)
    os.chdir(root)
    os.execv(args[0], args)
    return 0  # not reached


def _print_verdicts(verdicts: list[dict]) -> None:
    from npmem.sandbox.verify import Verification, report_from

    reports: list[Verification] = [report_from(v) for v in verdicts]
    for r in reports:
        if r.flagged or r.warnings:
            print(r.line())
    flagged = sum(r.flagged for r in reports)
    print(f"graded in the sandbox: {len(reports)} notebook(s), {flagged} flagged for review")


if __name__ == "__main__":
    sys.exit(main())
