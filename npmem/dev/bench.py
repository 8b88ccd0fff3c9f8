"""Benchmark every notebook: wall time top to bottom and the kernel's peak resident memory.

Each source notebook (with the reference solutions) runs in a fresh kernel, as a
learner's "Restart and Run All" would. The peak is the kernel process's high-water
mark of resident memory (VmHWM in /proc/self/status), read in the same kernel after
the last cell. Then it times a learner's "Check my work" on the same complete notebook
(``npmem.selfcheck``), as it runs by default and running every cell.

With ``--class-size N`` it then grades a simulated class of N students (perfect,
partial and blank hand-ins of every assignment) twice from the same starting point:
stock serial ``nbgrader autograde`` (no sandbox), and the secure default, ``make
autograde`` with ``--jobs`` workers (each exercise graded once in the sandbox); it prints
both times, the seconds per submission and, on one line, ``secure speed-up vs stock
serial: X.XX× (scores identical)``. In the same run the class is graded a third time on a
local Dask cluster of as many workers (:mod:`npmem.dev.bench_cluster`), which prints
``dask overhead vs local JOBS=N: +X.X % (scores identical)``. It fails if any score
differs.

Usage: ``python -m npmem.dev.bench [--budget-mib N] [--json FILE] [--class-size N]
[--jobs N] [ASSIGNMENT ...]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from npmem.grading.catalogue import ASSIGNMENTS, source_notebook

# mybinder.org guarantees 1 GiB and allows up to 2 GiB per user.
BINDER_BUDGET_MIB = 1024

PEAK_CELL = """\
def _npmem_peak_mib():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
print("NPMEM_PEAK_MIB", _npmem_peak_mib())"""


def measure(assignment: str) -> dict:
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    with tempfile.TemporaryDirectory() as tmp:
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp}}
        )
        start = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells[:-1]):
                client.execute_cell(cell, index)
            seconds = time.perf_counter() - start
            client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    peak = float(text.split("NPMEM_PEAK_MIB")[1].split()[0])
    slowest = max(
        (c for c in nb.cells[:-1] if c.cell_type == "code"),
        key=lambda c: _cell_seconds(c),
    )
    return {
        "assignment": assignment,
        "seconds": round(seconds, 2),
        "peak_rss_mib": round(peak, 1),
        "slowest_cell": slowest.get("id", "?"),
        "slowest_cell_seconds": round(_cell_seconds(slowest), 2),
    }


def check_seconds(assignment: str) -> dict:
    """Wall time of a learner's "Check my work" on a complete notebook, of the same check
    running every cell (``full=True``), and of the latter's kernel start."""
    from npmem.selfcheck import grade

    from .samples import build_submission

    nb = build_submission(assignment, {"*": "solution"})
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
        path.parent.mkdir()
        nbformat.write(nb, path)
        for key, full in (("check_seconds", False), ("check_every_cell_seconds", True)):
            start = time.perf_counter()
            report = grade(path, full=full)
            times[key] = round(time.perf_counter() - start, 2)
            if report.score != report.max_score:
                got = f"{report.score}/{report.max_score}"
                raise RuntimeError(f"{assignment}: the check gave {got}, not full marks")
        times["kernel_start_seconds"] = round(report.kernel_seconds, 2)
    return times


def _cell_seconds(cell) -> float:
    from datetime import datetime

    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return 0.0
    return (end - start).total_seconds()


def grade_class(assignments: list[str], size: int, jobs: int, say=print) -> dict:
    """Time stock serial autograde against the secure default on the same simulated class,
    and the secure default against the same on a local Dask cluster.

    Stock: ``nbgrader autograde`` one assignment after another, with ``NPMEM_SANDBOX=off``
    (a kernel per notebook, nbgrader's own Execute, no sandbox). Secure: ``make
    autograde`` (:func:`npmem.instructor.autograde.autograde`, ``jobs`` workers) with the
    sandbox on, each exercise graded once in it (:mod:`npmem.sandbox.pipeline`). Dask:
    :func:`npmem.dev.bench_cluster.dask_versus_local`, ``jobs`` workers of a
    ``LocalCluster``, sandbox on (skipped when ``distributed`` is not installed). Same
    submissions, same run; the scores must be identical.
    """
    from npmem.dev.simulate import make_course, submit_class
    from npmem.grading import nbgrader_cli as nbg
    from npmem.grading.gradebook import cell_scores
    from npmem.instructor.autograde import autograde
    from npmem.instructor.workflow import verdicts

    with tempfile.TemporaryDirectory(prefix="npmem-bench-") as tmp:
        stock = make_course(Path(tmp) / "stock", assignments)
        sids = submit_class(stock, assignments, size)
        ours = Path(tmp) / "ours"
        shutil.copytree(stock, ours)
        on_dask = Path(tmp) / "dask"
        shutil.copytree(stock, on_dask)
        n = len(sids) * len(assignments)
        load = os.getloadavg()[0]
        say(
            f"grading {size} students x {len(assignments)} assignments = {n} submissions "
            f"(load average {load:.2f} on {os.cpu_count()} cores)"
        )
        start = time.perf_counter()
        stock_runs = [
            nbg.run("autograde", aid, cwd=stock, check=False, env={"NPMEM_SANDBOX": "off"})
            for aid in assignments
        ]
        serial = time.perf_counter() - start
        say(f"  stock nbgrader autograde, serial: {serial:7.1f} s  {serial / n:5.2f} s/submission")
        saved = os.environ.get("NPMEM_SANDBOX")
        os.environ["NPMEM_SANDBOX"] = "on"
        try:
            result = autograde(ours, assignments, jobs=jobs, say=lambda _: None)
        finally:
            if saved is None:
                os.environ.pop("NPMEM_SANDBOX")
            else:
                os.environ["NPMEM_SANDBOX"] = saved
        secure = result.seconds
        reports = verdicts(ours, result)
        flagged = sum(bool(r.get("flagged")) for r in reports)
        say(
            f"  secure default (make autograde), {jobs} workers: {secure:7.1f} s  "
            f"{secure / n:5.2f} s/submission; {len(reports)} verified in the sandbox, "
            f"{flagged} flagged"
        )
        differ = [
            (aid, sid)
            for aid in assignments
            for sid in sids
            if cell_scores(stock, aid, ASSIGNMENTS[aid], sid)
            != cell_scores(ours, aid, ASSIGNMENTS[aid], sid)
            or cell_scores(ours, aid, ASSIGNMENTS[aid], sid) is None
        ]
        same = "scores identical" if not differ else f"scores DIFFER for {len(differ)}"
        say(f"secure speed-up vs stock serial: {serial / secure:.2f}\u00d7 ({same})")
        for aid, sid in differ:
            nb = ASSIGNMENTS[aid]
            say(f"    {aid} {sid}: stock {cell_scores(stock, aid, nb, sid)}")
            say(f"    {' ' * len(aid)} {' ' * len(sid)}  ours  {cell_scores(ours, aid, nb, sid)}")
        for proc in stock_runs:
            for line in proc.stderr.splitlines():
                if "There was an error processing assignment '" in line:
                    say("    stock: " + line.split("] ", 1)[-1])
        for failed in result.failed:
            say(f"    ours failed {failed.assignment} {failed.student}: {failed.problem}")
        dask = _on_dask(ours, on_dask, assignments, sids, secure, jobs, say)
    return {
        "students": size,
        "assignments": assignments,
        "submissions": n,
        "jobs": jobs,
        "serial_seconds": round(serial, 1),
        "secure_seconds": round(secure, 1),
        "speedup": round(serial / secure, 2),
        "serial_seconds_per_submission": round(serial / n, 2),
        "secure_seconds_per_submission": round(secure / n, 2),
        "identical_scores": not differ,
        "verified": len(reports),
        "flagged": flagged,
        "load_average_before": round(load, 2),
        **dask,
    }


def _on_dask(ours: Path, on_dask: Path, assignments, sids, secure: float, jobs: int, say) -> dict:
    """The Dask run of :func:`grade_class` (sandbox on, as for ``ours``), if ``distributed``
    is installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        say("dask: not installed (pip install -e '.[cluster]'), no Dask run")
        return {}
    from npmem.dev.bench_cluster import dask_versus_local

    saved = os.environ.get("NPMEM_SANDBOX")
    os.environ["NPMEM_SANDBOX"] = "on"  # the cluster's worker processes inherit it
    try:
        return dask_versus_local(ours, on_dask, assignments, sids, secure, jobs, say)
    finally:
        if saved is None:
            os.environ.pop("NPMEM_SANDBOX")
        else:
            os.environ["NPMEM_SANDBOX"] = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=list(ASSIGNMENTS))
    parser.add_argument("--budget-mib", type=float, default=BINDER_BUDGET_MIB)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--class-size", type=int, default=0, help="also grade a simulated class of N students"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="grading workers")
    args = parser.parse_args(argv)
    rows = []
    print(
        f"{'notebook':<18} {'seconds':>8} {'peak RSS MiB':>13} {'check s':>8} {'full s':>7}"
        "  slowest cell",
        flush=True,
    )
    for assignment in args.assignments:
        r = measure(assignment) | check_seconds(assignment)
        rows.append(r)
        flag = "" if r["peak_rss_mib"] <= args.budget_mib else "  OVER BUDGET"
        print(
            f"{assignment:<18} {r['seconds']:>8.1f} {r['peak_rss_mib']:>13.0f} "
            f"{r['check_seconds']:>8.1f} {r['check_every_cell_seconds']:>7.1f}  "
            f"{r['slowest_cell']} ({r['slowest_cell_seconds']:.1f} s){flag}",
            flush=True,
        )
    total = sum(r["seconds"] for r in rows)
    worst = max(r["peak_rss_mib"] for r in rows)
    print(f"{'all':<18} {total:>8.1f} {worst:>13.0f}  (budget {args.budget_mib:.0f} MiB)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    identical = True
    if args.class_size:
        print(flush=True)
        grading = grade_class(
            args.assignments, args.class_size, args.jobs, say=lambda m: print(m, flush=True)
        )
        identical = grading["identical_scores"] and grading.get("dask_identical_scores", True)
        if args.json:
            args.json.with_name("grading.json").write_text(json.dumps(grading, indent=2) + "\n")
    return 0 if worst <= args.budget_mib and identical else 1


if __name__ == "__main__":
    sys.exit(main())
