"""docs/benchmarks.md is written from make bench's JSON, every figure from a measurement."""

from __future__ import annotations

import json

from npmem.dev.bench_page import PAGE, render


def _results(tmp_path):
    notebooks = [
        {"assignment": "01-strides", "seconds": 2.81, "peak_rss_mib": 156.2,
         "slowest_cell": "code-012", "slowest_cell_seconds": 0.7,
         "check_seconds": 1.23, "check_every_cell_seconds": 4.56},
    ]  # fmt: skip
    grading = {
        "students": 3, "submissions": 3, "jobs": 2, "serial_seconds": 9.8,
        "secure_seconds": 8.1, "speedup": 1.21, "serial_seconds_per_submission": 3.27,
        "secure_seconds_per_submission": 2.7, "identical_scores": True, "verified": 3,
        "flagged": 0, "load_average_before": 0.4, "dask_workers": 2, "dask_seconds": 8.6,
        "dask_seconds_per_submission": 2.87, "dask_overhead_percent": 6.2,
        "dask_cluster_start_seconds": 3.1, "dask_identical_scores": True,
    }  # fmt: skip
    explorers = {
        "strides": {"changes": 20, "median_ms": 80.4, "max_ms": 120.9,
                    "first_round": {"median_ms": 90.0, "max_ms": 130.0}},
        "kernel": {"peak_rss_mib": 192.1},
    }  # fmt: skip
    for name, data in [("notebooks", notebooks), ("grading", grading), ("explorers", explorers)]:
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
    return tmp_path


def test_the_page_holds_every_measured_figure(tmp_path):
    page = render(_results(tmp_path), when="2026-12-02 00:00 UTC", machine="test machine")
    for figure in ("| 01-strides | 2.8 | 156 | 1.2 | 4.6 | code-012 (0.7 s) |",
                   "| stock `nbgrader autograde`, serial | 9.8 | 3.27 | reference |",
                   "| secure (`make autograde JOBS=2`) | 8.1 | 2.70 | identical |",
                   "| secure on a 2-worker Dask LocalCluster | 8.6 | 2.87 | identical |",
                   "Secure speed-up over stock serial: 1.21×",
                   "overhead against the local JOBS=2 run: +6.2 %",
                   "| strides | 20 | 80 | 121 | 90 | 130 |",
                   "192.1 MiB", "load average 0.4", "on test machine"):  # fmt: skip
        assert figure in page, figure


def test_without_measurements_the_page_says_so(tmp_path):
    assert "No measurements yet: run `make bench`." in render(tmp_path, "now", "m")


def test_the_committed_page_is_the_generators_output_in_shape():
    text = PAGE.read_text()
    assert text.startswith("# Benchmarks\n\nWritten by `make bench`")


def test_the_diagnosis_section_holds_its_figures(tmp_path):
    row = {"answers": 43, "failing": 41, "diagnosed": 12, "right": 11, "wrong": 1, "unjudged": 0}
    total = {**row, "references": 7, "references_passed": 7, "references_diagnosed": 0}
    cost = {"assignment": "01-strides", "exercises": 7, "repeats": 3, "check_failed": 7,
            "check_named": 5, "check_seconds": {"off": 1.5, "on": 1.9}, "autograde_seconds": 9.3,
            "grading_seconds": {"off": 2.25, "on": 2.75}, "grading_named": 5}  # fmt: skip
    blind = {**row, "answers": 21, "failing": 21, "diagnosed": 6, "right": 5}
    data = {"held_out": {"independent": {"assignments": {"01-strides": row}, "total": total},
                         "blind": {"assignments": {"01-strides": blind}, "total": blind}},
            "cost": [cost]}  # fmt: skip
    (tmp_path / "diagnosis.json").write_text(json.dumps(data))
    page = render(tmp_path, when="2026-12-07 00:00 UTC", machine="m")
    for figure in ("| 01-strides | 43 | 41 | 12 (29 %) | 11 | 1 | 0 | 92 % |",
                   "`samples/blind`", "| 01-strides | 21 | 21 | 6 (29 %) | 5 | 1 | 0 | 83 % |",
                   "| **total** | 43 | 41 | 12 (29 %) | 11 | 1 | 0 | 92 % |",
                   "Reference answers: 7 of 7 pass, and 0 get a diagnosis",
                   "| *Check my work* | 1.50 | 1.90 | 5 of 7 failing |",
                   "| the grader's sandboxed check of the notebook | 2.25 | 2.75 | 5 |",
                   "`nbgrader autograde` of that hand-in (diagnosis on): 9.3 s"):  # fmt: skip
        assert figure in page, figure
