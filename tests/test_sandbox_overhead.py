"""The cost of the hardening, measured on correct submissions with real nbgrader."""

from __future__ import annotations

import json
import os

import pytest

from npmem.dev.bench_sandbox import measure
from npmem.grading.catalogue import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as on CI"),
]


def test_the_sandbox_costs_seconds_per_submission_not_minutes():
    result = measure("01-strides", students=2)
    out = ROOT / "tests" / "artifacts" / "sandbox-overhead.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    # correct submissions keep full marks and no flag (measure() checks), and the whole
    # hardening (each exercise graded once in the sandbox) stays within a few seconds each
    assert result["stock_seconds_per_submission"] > 0
    assert result["overhead_seconds_per_submission"] < 30, result
