"""`make bench` measures a notebook's wall time and its kernel's peak resident memory."""

import pytest

from npmem.dev.bench import BINDER_BUDGET_MIB, main, measure

pytestmark = pytest.mark.slow


def test_bench_measures_time_and_peak_memory():
    r = measure("01-strides")
    assert 0 < r["seconds"] < 120
    # a kernel with NumPy and matplotlib loaded holds tens of MiB at least
    assert 40 < r["peak_rss_mib"] < BINDER_BUDGET_MIB
    assert r["slowest_cell"]


def test_bench_table_and_budget(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["01-strides", "--json", str(out)]) == 0
    assert "01-strides" in capsys.readouterr().out and out.exists()
    # a budget no notebook can meet makes the command fail
    assert main(["01-strides", "--budget-mib", "1"]) == 1


def test_bench_grades_a_class_three_ways_with_identical_scores():
    """Stock serial, the secure default with JOBS=2 and a 2-worker Dask LocalCluster."""
    from npmem.dev.bench import grade_class

    lines = []
    r = grade_class(["01-strides"], size=3, jobs=2, say=lines.append)
    text = "\n".join(lines)
    assert r["submissions"] == 3 and r["identical_scores"], text
    assert r["serial_seconds"] > 0 and r["secure_seconds"] > 0
    # the seconds are rounded to 0.1 s, the ratio to 0.01: they agree to within that
    assert r["speedup"] == pytest.approx(r["serial_seconds"] / r["secure_seconds"], rel=0.03)
    assert f"secure speed-up vs stock serial: {r['speedup']:.2f}\u00d7 (scores identical)" in text
    # every hand-in was graded in the sandbox, and none of the honest ones is flagged
    assert r["verified"] == 3 and r["flagged"] == 0, text
    # the same class on Dask: every score equal to the local run's, graded in the sandbox
    assert r["dask_workers"] == 2 and r["dask_identical_scores"], text
    assert r["dask_verified"] == 3, text
    assert r["dask_seconds"] > 0 and r["dask_cluster_start_seconds"] > 0
    line = f"dask overhead vs local JOBS=2: {r['dask_overhead_percent']:+.1f} % (scores identical)"
    assert line in lines, text
    # the percentage is the two rounded times' ratio, to within their rounding
    ratio = r["dask_seconds"] / r["secure_seconds"]
    assert 1 + r["dask_overhead_percent"] / 100 == pytest.approx(ratio, rel=0.03)
