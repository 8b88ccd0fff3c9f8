"""`make demo` runs the instructor pipeline end to end and every score is deserved."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from npmem.dev.samples import students
from npmem.grading.catalogue import ASSIGNMENTS

from helpers import make_course

pytestmark = pytest.mark.slow


def test_demo_pipeline(tmp_path):
    course = make_course(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "npmem.dev.demo", "--root", str(course)],
        capture_output=True,
        text=True,
        timeout=3000,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-4000:] + proc.stderr[-4000:]
    assert "every score is what its sample submission deserves" in out
    roster = students()
    for aid in ASSIGNMENTS:
        assert f"== {aid}: generate and release" in out
        for sid, info in roster.items():
            if aid in info["answers"]:
                # each sample student got feedback through the exchange
                fb = list((course / ".demo-homes" / sid / aid / "feedback").glob("*/*.html"))
                assert fb, f"no feedback fetched by {sid} for {aid}"
    with open(course / "grades.csv") as fh:
        rows = list(csv.DictReader(fh))
    by_student: dict[str, float] = {}
    for row in rows:
        by_student[row["student_id"]] = by_student.get(row["student_id"], 0) + float(row["score"])
    assert by_student["cai"] == 0
    assert by_student["ada"] > by_student["ben"] > 0
