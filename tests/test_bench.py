"""`make bench` measures a notebook's wall time and its kernel's peak resident memory.

The benchmark's code is tested on the smallest inputs that show each claim: one notebook
measured once (shared by the tests that read a measurement), and a class of two (a
perfect hand-in and a partial one with right, wrong and blank answers) graded three ways.
"""

import json
import random

import pytest

import npmem.dev.bench as bench
from npmem.dev.bench import BINDER_BUDGET_MIB, main, measure

pytestmark = pytest.mark.slow

# the quickest notebook to run top to bottom (`npmem bench 04-views`: about 11 s)
NOTEBOOK = "04-views"


@pytest.fixture(scope="module")
def measured():
    """One run of the notebook, measured as `make bench` measures it."""
    return measure(NOTEBOOK)


def test_bench_measures_time_and_peak_memory(measured):
    r = measured
    assert r["assignment"] == NOTEBOOK
    assert 0 < r["seconds"] < 120
    # a kernel with NumPy and matplotlib loaded holds tens of MiB at least
    assert 40 < r["peak_rss_mib"] < BINDER_BUDGET_MIB
    assert r["slowest_cell"]


def test_bench_table_and_budget(measured, tmp_path, capsys, monkeypatch):
    """The command's table, JSON and budget, on the measurement above (the notebook is
    not run again) and on one real timing of Check my work, reused by the second call."""

    def measure_once(assignment):
        assert assignment == NOTEBOOK
        return dict(measured)

    checked, check_seconds = {}, bench.check_seconds

    def check_once(assignment):
        if assignment not in checked:
            checked[assignment] = check_seconds(assignment)
        return checked[assignment]

    monkeypatch.setattr(bench, "measure", measure_once)
    monkeypatch.setattr(bench, "check_seconds", check_once)
    out = tmp_path / "bench.json"
    assert main([NOTEBOOK, "--json", str(out)]) == 0
    assert NOTEBOOK in capsys.readouterr().out and out.exists()
    (row,) = json.loads(out.read_text())
    assert row == measured | checked[NOTEBOOK]
    assert 0 < row["check_seconds"] and 0 < row["check_every_cell_seconds"]
    # a budget no notebook can meet makes the command fail
    assert main([NOTEBOOK, "--budget-mib", "1"]) == 1


def test_bench_grades_a_class_three_ways_with_identical_scores():
    """Stock serial, the secure default with JOBS=2 and a 2-worker Dask LocalCluster, on
    two students (one hand-in per worker): a perfect one and a partial one, whose
    exercises are right, wrong and blank (npmem.dev.simulate, seed 0)."""
    from npmem.dev.bench import grade_class
    from npmem.dev.simulate import KINDS, choices

    rng = random.Random(0)  # as submit_class draws the class
    perfect, partial = (choices(NOTEBOOK, KINDS[i % len(KINDS)], rng) for i in range(2))
    assert perfect == {"*": "solution"}
    assert {"solution", "blank"} < set(partial.values()), partial  # and a wrong answer

    lines = []
    r = grade_class([NOTEBOOK], size=2, jobs=2, say=lines.append)
    text = "\n".join(lines)
    assert r["submissions"] == 2 and r["identical_scores"], text
    assert r["serial_seconds"] > 0 and r["secure_seconds"] > 0
    # the seconds are rounded to 0.1 s, the ratio to 0.01: they agree to within that
    assert r["speedup"] == pytest.approx(r["serial_seconds"] / r["secure_seconds"], rel=0.03)
    assert f"secure speed-up vs stock serial: {r['speedup']:.2f}\u00d7 (scores identical)" in text
    # every hand-in was graded in the sandbox, and none of the honest ones is flagged
    assert r["verified"] == 2 and r["flagged"] == 0, text
    # the same class on Dask: every score equal to the local run's, graded in the sandbox
    assert r["dask_workers"] == 2 and r["dask_identical_scores"], text
    assert r["dask_verified"] == 2, text
    assert r["dask_seconds"] > 0 and r["dask_cluster_start_seconds"] > 0
    line = f"dask overhead vs local JOBS=2: {r['dask_overhead_percent']:+.1f} % (scores identical)"
    assert line in lines, text
    # the percentage is the two rounded times' ratio, to within their rounding
    ratio = r["dask_seconds"] / r["secure_seconds"]
    assert 1 + r["dask_overhead_percent"] / 100 == pytest.approx(ratio, rel=0.03)
