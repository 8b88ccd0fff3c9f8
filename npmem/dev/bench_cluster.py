"""The same simulated class graded locally (2 processes) and on a 2-worker local Dask cluster."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from npmem.cluster.dask_grade import autograde as dask_autograde
from npmem.dev.simulate import make_course, submit_class
from npmem.grading.gradebook import cell_scores
from npmem.instructor.autograde import autograde as local_autograde


def main(assignment: str, size: int) -> int:
    from npmem.grading.catalogue import ASSIGNMENTS

    with tempfile.TemporaryDirectory(prefix="npmem-cluster-bench-") as tmp:
        base = make_course(Path(tmp) / "local", [assignment])
        sids = submit_class(base, [assignment], size)
        other = Path(tmp) / "dask"
        shutil.copytree(base, other)

        t = time.perf_counter()
        res_local = local_autograde(base, [assignment], jobs=2, say=lambda _: None)
        t_local = time.perf_counter() - t

        from distributed import LocalCluster

        t = time.perf_counter()
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        )  # fmt: skip
        t_start = time.perf_counter() - t
        try:
            t = time.perf_counter()
            res_dask = dask_autograde(
                other, cluster.scheduler_address, [assignment], say=lambda _: None
            )
            t_dask = time.perf_counter() - t
        finally:
            cluster.close()
        nb = ASSIGNMENTS[assignment]
        same = all(
            cell_scores(base, assignment, nb, s) == cell_scores(other, assignment, nb, s)
            for s in sids
        )
    n = len(sids)
    print(f"{assignment}, {n} submissions (machine- and load-dependent figures):")
    print(f"  local, 2 processes      : {t_local:6.1f} s  ({n / t_local:.3f} submissions/s)")
    print(
        f"  Dask, 2 local workers   : {t_dask:6.1f} s  ({n / t_dask:.3f} submissions/s)"
        f"  + {t_start:.1f} s to start the cluster"
    )
    print(f"  overhead of distribution: {100 * (t_dask / t_local - 1):+.1f} %")
    print(f"  same scores: {same}; graded {len(res_local.graded)} / {len(res_dask.graded)}")
    return 0 if same and not res_dask.lost else 1


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m npmem.dev.bench_cluster", description=__doc__)
    parser.add_argument("assignment", nargs="?", default="02-dtypes")
    parser.add_argument("--size", type=int, default=6, help="students in the class")
    a = parser.parse_args()
    sys.exit(main(a.assignment, a.size))
