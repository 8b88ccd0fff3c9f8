"""``python -m npmem.cluster COMMAND``: grade on a Dask cluster.

Commands:

  autograde [ASSIGNMENT...] --scheduler tcp://host:8786 [--student S] [--force]
        grade on the cluster at that address (or a scheduler file); the client
        records every result in the course gradebook, as `make autograde` does

The distribution overhead is measured by ``make bench`` (its ``dask overhead vs local``
line) and, for one assignment, by ``python -m npmem.dev.bench_cluster``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from npmem.grading.catalogue import ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m npmem.cluster",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=["autograde"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--root", type=Path, default=ROOT, help="course directory")
    parser.add_argument("--scheduler", default=None, help="tcp://host:8786 or a scheduler file")
    parser.add_argument("--student", default=None)
    parser.add_argument("--force", action="store_true", help="grade again even if up to date")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to reach the scheduler"
    )
    a = parser.parse_args(argv)
    if not a.scheduler:
        parser.error("autograde needs --scheduler (make autograde SCHEDULER=tcp://host:8786)")
    from npmem.instructor import workflow
    from npmem.sandbox.settings import enabled as sandbox_enabled

    from .dask_grade import autograde

    root = a.root.resolve()
    result = autograde(
        root,
        a.scheduler,
        workflow.all_or(a.args),
        students=[a.student] if a.student else None,
        force=a.force,
        connect_timeout=a.timeout,
    )
    print(result.summary())
    if result.graded and sandbox_enabled():
        from npmem.instructor.__main__ import _print_verdicts

        _print_verdicts(workflow.verdicts(root, result))
    if result.lost:
        return 3
    return 0 if not result.failed else 1


if __name__ == "__main__":
    sys.exit(main())
