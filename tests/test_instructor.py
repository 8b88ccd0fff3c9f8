"""The instructor workflow at class scale: parallel autograde, feedback, class report."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from shared_runs import copy_course, demo, stock_graded, submitted  # noqa: F401

from npmem.dev.samples import build_submission, students
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, source_notebook
from npmem.grading.gradebook import cell_scores, max_scores
from npmem.instructor.report import collect as report_rows
from npmem.instructor.report import write as write_report

from helpers import make_course

pytestmark = pytest.mark.slow

MIXED = ["02-dtypes", "04-views"]  # the two quickest notebooks to execute

SUMMARY = re.compile(
    r"autograded (\d+) submission\(s\) in .*; (\d+) already up to date, "
    r"(\d+) failed, (\d+) not gradable"
)


@pytest.fixture(scope="module")
def graded_both_ways(graded, stock_graded):  # noqa: F811
    """Each MIXED assignment's class (the reference, the blank release and a round of
    wrong answers) graded by ours, the course's parallel autograde on two workers (each
    exercise graded once in the sandbox; conftest's shared ``graded``), and by stock
    serial nbgrader (a kernel, no sandbox; shared_runs' ``stock_graded``)."""
    return {aid: (graded(aid), stock_graded(aid)) for aid in MIXED}


def test_parallel_scores_are_exactly_the_serial_scores(graded_both_ways):
    for aid, (ours, stock) in graded_both_ways.items():
        out = ours.proc.stdout
        assert ours.proc.returncode == 0, out[-2000:] + ours.proc.stderr[-2000:]
        assert stock.proc.returncode == 0, stock.proc.stderr[-2000:]
        sids = submitted(ours.course, aid)
        assert sids == ["blank", "mutants0", "reference"], sids
        assert stock.students == sids
        for sid in sids:
            want = stock.scores(sid)
            assert want is not None, f"stock serial did not grade {sid}"
            assert ours.scores(sid) == want, (aid, sid)
        # the parallel run graded each submission exactly once, and none failed or was
        # held back (its summary line and one progress line per submission)
        assert SUMMARY.search(out).groups() == (str(len(sids)), "0", "0", "0"), out
        done = re.findall(r"^\[\d+/\d+\] (\S+) / (\S+): (\S+)", out, re.MULTILINE)
        assert sorted(done) == [(sid, aid, "ok") for sid in sids], out


def test_parallel_scores_are_the_deserved_ones(graded_both_ways):
    for aid, (ours, _) in graded_both_ways.items():
        nb = ASSIGNMENTS[aid]
        maxima = max_scores(ours.course, aid, nb)
        assert ours.scores("reference") == maxima
        assert set(ours.scores("blank").values()) == {0.0}
        assert ours.rounds
        for k, chosen in enumerate(ours.rounds):
            got = ours.scores(f"mutants{k}")
            for test_id, points in maxima.items():
                lost = test_id.removeprefix("test_") in chosen
                assert got[test_id] == (0.0 if lost else points), (aid, k, test_id)


def test_gradebook_is_sound_and_autograded_notebooks_are_in_place(graded_both_ways):
    for aid, (ours, stock) in graded_both_ways.items():
        check = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys; "
                "print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check')"
                ".fetchone()[0])",
                str(ours.course / "gradebook.db"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert check.stdout.strip() == "ok"
        name = f"{ASSIGNMENTS[aid]}.ipynb"
        for sid in stock.students:
            theirs = stock.course / "autograded" / sid / aid
            mine = ours.course / "autograded" / sid / aid
            assert (mine / name).exists() and (mine / "timestamp.txt").exists()
            a = nbformat.read(theirs / name, as_version=4)
            b = nbformat.read(mine / name, as_version=4)
            assert raised_in_tests(a) == raised_in_tests(b), (aid, sid)
        assert not (ours.course / ".npmem-grading").exists(), "worker copies left behind"


def raised_in_tests(nb) -> dict[str, list[str]]:
    """The exceptions each test cell raised."""
    return {
        c.metadata["nbgrader"]["grade_id"]: [o.ename for o in c.outputs if "ename" in o]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def test_class_report_counts_passes_per_exercise(graded_both_ways, tmp_path):
    for aid, (ours, _) in graded_both_ways.items():
        url = f"sqlite:///{ours.course / 'gradebook.db'}"
        assignments, exercises = report_rows(url)
        by_aid = {a.assignment: a for a in assignments}
        rounds = ours.rounds
        n = 2 + len(rounds)
        assert by_aid[aid].graded == n
        mine = [e for e in exercises if e.assignment == aid]
        assert mine
        for e in mine:
            # the reference passes everything, the blank nothing, a round only what it kept
            wrong_in = sum(1 for chosen in rounds if e.exercise in chosen)
            assert e.graded == n
            assert e.passed == 1 + len(rounds) - wrong_in, e
        assert any(e.passed < n - 1 for e in mine)  # a round of wrong answers lost points
        paths = write_report(url, tmp_path / aid)
        assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"| {aid} |" in paths["md"].read_text()
        if aid == "02-dtypes":
            assert "| 02-dtypes | downcast |" in paths["md"].read_text()
        assert paths["csv"].read_text().count("\n") == 1 + len(exercises)


# ---- feedback ---------------------------------------------------------------------


def hidden_lines(assignment: str) -> list[str]:
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    lines = []
    for cell in nb.cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            inside = cell.source.split("### BEGIN HIDDEN TESTS")[1]
            inside = inside.split("### END HIDDEN TESTS")[0]
            lines += [ln.strip() for ln in inside.splitlines() if ln.strip()]
    return lines


def page_text(path) -> str:
    """What a reader sees: the body's text, tags removed, entities decoded."""
    page = path.read_text()
    body = page[page.find("<body") :]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def leaked(lines: list[str], text: str) -> list[str]:
    """Hidden-test lines visible in the text: as a whole line, or anywhere when distinctive.

    Short lines (``)``, ``pass``, ``gc.collect()``) also occur in prose and in the
    checks' messages ("... once the caller ran gc.collect()"), so they count only as a
    whole line; a line of 16 characters or more counts wherever it appears.
    """
    shown = {ln.strip() for ln in text.splitlines()}
    return [ln for ln in lines if ln in shown or (len(ln) >= 16 and ln in text)]


@pytest.fixture(scope="module")
def ben_feedback(demo):  # noqa: F811
    """Sample student Ben (right and wrong answers) in every assignment, autograded with
    the rest of the sample class and given feedback per exercise: the demo's course
    (``python -m npmem.dev.demo``, run once per test run), read and never written."""
    assert demo.proc.returncode == 0, demo.failure()
    for aid in ASSIGNMENTS:
        assert cell_scores(demo.course, aid, ASSIGNMENTS[aid], "ben"), f"ben not graded in {aid}"
        page = demo.course / "feedback" / "ben" / aid / f"{ASSIGNMENTS[aid]}.html"
        assert page.exists(), f"no feedback for ben in {aid}"
    return demo.course


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_feedback_never_shows_a_hidden_test_line(ben_feedback, assignment):
    page = ben_feedback / "feedback" / "ben" / assignment / f"{ASSIGNMENTS[assignment]}.html"
    lines = hidden_lines(assignment)
    assert len(lines) > 10
    assert leaked(lines, page_text(page)) == []


def test_feedback_tells_score_pass_fail_and_message(ben_feedback):
    aid = "01-strides"
    choices = students()["ben"]["answers"][aid]
    text = page_text(ben_feedback / "feedback" / "ben" / aid / "strides.html")
    scores = cell_scores(ben_feedback, aid, "strides", "ben")
    maxima = max_scores(ben_feedback, aid, "strides")
    assert f"Score: {sum(scores.values())} / {sum(maxima.values())}" in text
    for test_id, points in maxima.items():
        gid = test_id.removeprefix("test_")
        if choices.get(gid, choices["*"]) == "solution":
            assert f"{points:g} / {points:g} points: passed every check." in text
        else:
            assert f"0 / {points:g} points: not passed." in text
    # the failing check's message, e.g. "strides_for(...): expected (..), got (..)"
    assert "What the first failing check reported" in text
    assert re.search(r"AssertionError: strides_for\(.*expected", text), text[:3000]
    assert "Traceback" not in text and "BEGIN HIDDEN" not in text


def test_stock_feedback_would_leak_the_hidden_tests(ben_feedback, tmp_path):
    """The check above can fail: nbgrader's own feedback shows the hidden tests."""
    aid = "01-strides"
    # on a copy of what feedback is made from: the demo's course stays as it was
    course = tmp_path / "course"
    course.mkdir()
    for name in ("nbgrader_config.py", "gradebook.db"):
        shutil.copy(ben_feedback / name, course)
    shutil.copytree(ben_feedback / "source" / aid, course / "source" / aid)
    shutil.copytree(ben_feedback / "autograded" / "ben" / aid, course / "autograded" / "ben" / aid)
    nbg.run(
        "generate_feedback",
        aid,
        "--force",
        "--GenerateFeedback.preprocessors=nbgrader.preprocessors.GetGrades",
        f"--CourseDirectory.feedback_directory={tmp_path / 'stock'}",
        cwd=course,
    )
    page = tmp_path / "stock" / "ben" / aid / "strides.html"
    assert len(leaked(hidden_lines(aid), page_text(page))) > 10
    # and the demo's own feedback, made from the same graded notebook, shows none
    ours = ben_feedback / "feedback" / "ben" / aid / "strides.html"
    assert leaked(hidden_lines(aid), page_text(ours)) == []


def test_regrade_one_late_student_through_the_exchange(tmp_path):
    """Release, a student submits late through the exchange, `make regrade` grades only them."""
    from npmem.instructor import workflow

    aid = "02-dtypes"
    course = make_course(tmp_path)
    (course / "exchange").mkdir()
    workflow.release(course, aid)
    workflow.due(course, aid, "2020-01-01 00:00:00 UTC")
    home = tmp_path / "homes" / "zoe"
    nbg.as_student("zoe", "fetch_assignment", aid, home=home, exchange=course / "exchange")
    path = home / aid / f"{ASSIGNMENTS[aid]}.ipynb"
    nbformat.write(build_submission(aid, {"*": "solution"}), path)
    nbg.as_student("zoe", "submit", aid, home=home, exchange=course / "exchange")
    result = workflow.regrade(course, aid, "zoe", say=lambda _: None)
    assert [(g.assignment, g.student) for g in result.graded] == [(aid, "zoe")]
    assert cell_scores(course, aid, ASSIGNMENTS[aid], "zoe") == max_scores(
        course, aid, ASSIGNMENTS[aid]
    )
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(ASSIGNMENTS[aid], aid, "zoe")
        assert nb.late_submission_penalty == nb.score  # years late: nothing left
    assert workflow.feedback(course, aid, "zoe") == 1


def test_command_line_report_and_check(graded_both_ways, tmp_path):
    run = [sys.executable, "-m", "npmem.instructor"]
    for aid, (ours, _) in graded_both_ways.items():
        out = subprocess.run(
            [*run, "check", aid, "--root", str(ours.course)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "every submission looks gradable" in out
        # the report is written into the course: a copy of it, the shared one stays as it was
        course = copy_course(ours.course, tmp_path / aid, {"autograded", "feedback", "reports"})
        out = subprocess.run(
            [*run, "report", "--root", str(course)], capture_output=True, text=True, check=True
        ).stdout
        assert "# Class report" in out and f"| {aid} |" in out
        assert (course / "reports" / "class-report.png").stat().st_size > 10_000
    bad = subprocess.run([*run, "frobnicate", "--root", str(tmp_path)], capture_output=True)
    assert bad.returncode == 2
