"""`make demo` runs the instructor pipeline end to end and every score is deserved."""

from __future__ import annotations

import csv

import pytest
from shared_runs import demo  # noqa: F401 (the demo's run, shared with test_instructor.py)

from npmem.dev.samples import students
from npmem.grading.catalogue import ASSIGNMENTS

pytestmark = pytest.mark.slow


def test_demo_pipeline(demo):  # noqa: F811
    course, proc = demo.course, demo.proc
    out = proc.stdout
    assert proc.returncode == 0, demo.failure()
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
    # the class report names the misconceptions the grader recognised in ben's hand-ins:
    # each of his wrong answers whose catalogued signature names it alone
    assert "## Misconceptions found" in out
    report = (course / "reports" / "class-report.md").read_text()
    named = _named_mistakes(roster["ben"]["answers"])
    assert len(named) >= 6, named  # the sample class shows several
    for aid, gid, label in named:
        assert f"| {aid} | {gid} | {label} | 1 |" in report, (aid, gid, label)
    assert report.count(" | 1 |") == len(named)  # and nothing else: ada passes, cai is blank


def _named_mistakes(answers: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(assignment, exercise, label) of each wrong answer the catalogue names alone."""
    from npmem.grading import diagnosis

    found = []
    for aid, choices in answers.items():
        for gid, choice in choices.items():
            for sig, mistakes in diagnosis.load(aid).get(gid, {}).items():
                if any(m.source.endswith(f"/{gid}/{choice}.py") for m in mistakes):
                    named = diagnosis.diagnose(aid, gid, sig)
                    if named is not None:
                        found.append((aid, gid, _cell(named.label)))
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
