"""The same simulated class graded locally (2 processes) and on a 2-worker local Dask cluster.

(``--jobs`` sets both numbers.) :func:`dask_versus_local` grades a copy of a class on a
``distributed.LocalCluster`` of ``workers`` worker processes (one thread each) through
:func:`npmem.cluster.dask_grade.autograde`, checks every score against the same class
graded locally, and says ``dask overhead vs local JOBS=N: +X.X % (scores identical)``.
``make bench`` runs it inside its grading benchmark (:func:`npmem.dev.bench.grade_class`,
next to the stock serial and the local ``JOBS`` runs); ``python -m
npmem.dev.bench_cluster`` runs only the local and the Dask run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import cell_scores


def local_cluster(workers: int):
    """``workers`` worker processes of one thread each on 127.0.0.1, no dashboard.

    The scheduler's HTTP server runs even without a dashboard, on port 8787 unless told
    otherwise: a free port keeps it clear of another cluster's."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )  # fmt: skip


def dask_versus_local(
    local_course: Path,
    dask_course: Path,
    assignments: list[str],
    students: list[str],
    local_seconds: float,
    workers: int,
    say=print,
) -> dict:
    """Grade ``dask_course`` (the class as submitted) on a local Dask cluster and compare it
    with ``local_course`` (the same class, graded locally with ``workers`` processes in
    ``local_seconds``, as :attr:`npmem.instructor.autograde.Result.seconds` counts).

    Both times run from the call to the command's own end: what grading the class takes
    once the workers are there. Starting the cluster is timed apart (a cluster outlives
    the classes it grades); the local pipeline starts its processes inside its time.
    """
    from npmem.cluster.dask_grade import autograde
    from npmem.instructor.workflow import verdicts

    n = len(students) * len(assignments)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    cluster = local_cluster(workers)
    started = time.perf_counter() - start
    try:
        result = autograde(dask_course, cluster.scheduler_address, assignments, say=lambda _: None)
    finally:
        cluster.close()
    seconds = result.seconds
    reports = verdicts(dask_course, result)
    differ = [
        (aid, sid)
        for aid in assignments
        for sid in students
        if cell_scores(dask_course, aid, ASSIGNMENTS[aid], sid) is None
        or cell_scores(dask_course, aid, ASSIGNMENTS[aid], sid)
        != cell_scores(local_course, aid, ASSIGNMENTS[aid], sid)
    ]
    overhead = round(100 * (seconds / local_seconds - 1), 1)
    say(
        f"  Dask, {workers}-worker LocalCluster: {seconds:7.1f} s  {seconds / n:5.2f} "
        f"s/submission; {len(reports)} verified in the sandbox (+{started:.1f} s to start "
        f"the cluster; load average {load:.2f})"
    )
    same = "scores identical" if not differ else f"scores DIFFER for {len(differ)}"
    say(f"dask overhead vs local JOBS={workers}: {overhead:+.1f} % ({same})")
    for aid, sid in differ:
        nb = ASSIGNMENTS[aid]
        say(f"    {aid} {sid}: local {cell_scores(local_course, aid, nb, sid)}")
        say(
            f"    {' ' * len(aid)} {' ' * len(sid)}  Dask  {cell_scores(dask_course, aid, nb, sid)}"
        )
    for failed in result.failed:
        say(f"    Dask failed {failed.assignment} {failed.student}: {failed.problem}")
    if result.lost:
        say(f"    {result.lost}")
    return {
        "dask_workers": workers,
        "dask_seconds": round(seconds, 1),
        "dask_seconds_per_submission": round(seconds / n, 2),
        "dask_cluster_start_seconds": round(started, 1),
        "dask_overhead_percent": overhead,
        "dask_identical_scores": not differ and not result.lost,
        "dask_verified": len(reports),
        "dask_load_average_before": round(load, 2),
    }


def main(assignment: str, size: int, jobs: int = 2) -> int:
    from npmem.dev.simulate import make_course, submit_class
    from npmem.instructor.autograde import autograde

    with tempfile.TemporaryDirectory(prefix="npmem-cluster-bench-") as tmp:
        base = make_course(Path(tmp) / "local", [assignment])
        sids = submit_class(base, [assignment], size)
        other = Path(tmp) / "dask"
        shutil.copytree(base, other)
        n = len(sids)
        print(f"{assignment}, {n} submissions (load average {os.getloadavg()[0]:.2f}):")
        local = autograde(base, [assignment], jobs=jobs, say=lambda _: None)
        print(
            f"  local, JOBS={jobs}: {local.seconds:7.1f} s  {local.seconds / n:5.2f} s/submission"
        )
        r = dask_versus_local(base, other, [assignment], sids, local.seconds, jobs)
    return 0 if r["dask_identical_scores"] and not local.failed else 1


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m npmem.dev.bench_cluster", description=__doc__)
    parser.add_argument("assignment", nargs="?", default="02-dtypes")
    parser.add_argument("--size", type=int, default=6, help="students in the class")
    parser.add_argument("--jobs", type=int, default=2, help="local processes = Dask workers")
    a = parser.parse_args()
    sys.exit(main(a.assignment, a.size, a.jobs))
