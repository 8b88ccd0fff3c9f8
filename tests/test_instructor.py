"""The instructor workflow at class scale: parallel autograde, feedback, class report."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from npmem.dev.samples import build_submission, fill, mutants, solutions, students
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, source_notebook
from npmem.grading.gradebook import cell_scores, max_scores
from npmem.instructor.autograde import autograde
from npmem.instructor.report import collect as report_rows
from npmem.instructor.report import write as write_report

from helpers import make_course, mutant_rounds, submit

pytestmark = pytest.mark.slow

MIXED = ["02-dtypes", "04-views"]  # the two quickest notebooks to execute


def mixed_class(course, assignment):
    """reference, blank and every round of wrong answers."""
    release = nbformat.read(
        course / "release" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb", as_version=4
    )
    sols, wrong = solutions(assignment), mutants(assignment)
    submit(course, "reference", assignment, fill(release, sols))
    submit(course, "blank", assignment, release)
    for k, chosen in enumerate(mutant_rounds(assignment)):
        answers = {**sols, **{gid: wrong[gid][name] for gid, name in chosen.items()}}
        submit(course, f"mutants{k}", assignment, fill(release, answers))


@pytest.fixture(scope="module")
def graded_both_ways(tmp_path_factory):
    """The same mixed class graded by stock serial nbgrader and by ours with 2 workers
    (each exercise graded once in the sandbox)."""
    tmp = tmp_path_factory.mktemp("parallel")
    ours = make_course(tmp)
    for aid in MIXED:
        nbg.run("generate_assignment", aid, "--force", cwd=ours)
        mixed_class(ours, aid)
    stock = tmp / "stock"
    shutil.copytree(ours, stock)
    # stock: nbgrader's own kernel execution, no sandbox; ours: the sandbox's single pass
    off = {"NPMEM_SANDBOX": "off"}
    serial = {aid: nbg.run("autograde", aid, cwd=stock, env=off, check=False) for aid in MIXED}
    result = autograde(ours, MIXED, jobs=2, say=lambda _: None)
    return ours, stock, result, serial


def test_parallel_scores_are_exactly_the_serial_scores(graded_both_ways):
    ours, stock, result, serial = graded_both_ways
    assert not result.failed and not result.held_back, result
    for aid in MIXED:
        assert serial[aid].returncode == 0, serial[aid].stderr[-2000:]
        sids = sorted(p.parent.name for p in (ours / "submitted").glob(f"*/{aid}"))
        assert len(sids) >= 4
        for sid in sids:
            want = cell_scores(stock, aid, ASSIGNMENTS[aid], sid)
            assert want is not None, f"stock serial did not grade {sid}"
            assert cell_scores(ours, aid, ASSIGNMENTS[aid], sid) == want, (aid, sid)
    graded = {(g.assignment, g.student) for g in result.graded}
    assert (
        len(graded)
        == len(result.graded)
        == sum(len(list((ours / "submitted").glob(f"*/{aid}"))) for aid in MIXED)
    )


def test_parallel_scores_are_the_deserved_ones(graded_both_ways):
    ours, *_ = graded_both_ways
    for aid in MIXED:
        nb = ASSIGNMENTS[aid]
        maxima = max_scores(ours, aid, nb)
        assert cell_scores(ours, aid, nb, "reference") == maxima
        assert set(cell_scores(ours, aid, nb, "blank").values()) == {0.0}
        for k, chosen in enumerate(mutant_rounds(aid)):
            got = cell_scores(ours, aid, nb, f"mutants{k}")
            for test_id, points in maxima.items():
                lost = test_id.removeprefix("test_") in chosen
                assert got[test_id] == (0.0 if lost else points), (aid, k, test_id)


def test_gradebook_is_sound_and_autograded_notebooks_are_in_place(graded_both_ways):
    ours, stock, *_ = graded_both_ways
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; "
            "print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])",
            str(ours / "gradebook.db"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == "ok"
    for aid in MIXED:
        name = f"{ASSIGNMENTS[aid]}.ipynb"
        for folder in (stock / "autograded").glob(f"*/{aid}"):
            mine = ours / "autograded" / folder.parent.name / aid
            assert (mine / name).exists() and (mine / "timestamp.txt").exists()
            a = nbformat.read(folder / name, as_version=4)
            b = nbformat.read(mine / name, as_version=4)
            assert raised_in_tests(a) == raised_in_tests(b)
    assert not (ours / ".npmem-grading").exists(), "worker copies left behind"


def raised_in_tests(nb) -> dict[str, list[str]]:
    """The exceptions each test cell raised."""
    return {
        c.metadata["nbgrader"]["grade_id"]: [o.ename for o in c.outputs if "ename" in o]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def test_class_report_counts_passes_per_exercise(graded_both_ways, tmp_path):
    ours, *_ = graded_both_ways
    url = f"sqlite:///{ours / 'gradebook.db'}"
    assignments, exercises = report_rows(url)
    by_aid = {a.assignment: a for a in assignments}
    for aid in MIXED:
        rounds = mutant_rounds(aid)
        n = 2 + len(rounds)
        assert by_aid[aid].graded == n
        for e in (e for e in exercises if e.assignment == aid):
            # the reference passes everything, the blank nothing, a round only what it kept
            wrong_in = sum(1 for chosen in rounds if e.exercise in chosen)
            assert e.graded == n
            assert e.passed == 1 + len(rounds) - wrong_in, e
    paths = write_report(url, tmp_path)
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
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
def ben_feedback(tmp_path_factory):
    """Sample student Ben (right and wrong answers) in every assignment, with feedback."""
    course = make_course(tmp_path_factory.mktemp("feedback"))
    ben = students()["ben"]["answers"]
    for aid in ASSIGNMENTS:
        nbg.run("generate_assignment", aid, "--force", cwd=course)
        submit(course, "ben", aid, build_submission(aid, ben[aid]))
    result = autograde(course, jobs=2, say=lambda _: None)
    assert not result.failed, [g.problem for g in result.failed]
    for aid in ASSIGNMENTS:
        nbg.run("generate_feedback", aid, "--force", cwd=course)
    return course


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
    nbg.run(
        "generate_feedback",
        aid,
        "--force",
        "--GenerateFeedback.preprocessors=nbgrader.preprocessors.GetGrades",
        f"--CourseDirectory.feedback_directory={tmp_path / 'stock'}",
        cwd=ben_feedback,
    )
    page = tmp_path / "stock" / "ben" / aid / "strides.html"
    assert len(leaked(hidden_lines(aid), page_text(page))) > 10


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


def test_command_line_report_and_check(graded_both_ways):
    ours, *_ = graded_both_ways
    run = [sys.executable, "-m", "npmem.instructor"]
    out = subprocess.run(
        [*run, "check", *MIXED, "--root", str(ours)], capture_output=True, text=True, check=True
    ).stdout
    assert "every submission looks gradable" in out
    out = subprocess.run(
        [*run, "report", "--root", str(ours)], capture_output=True, text=True, check=True
    ).stdout
    assert "# Class report" in out and "| 04-views |" in out
    assert (ours / "reports" / "class-report.png").stat().st_size > 10_000
    bad = subprocess.run([*run, "frobnicate", "--root", str(ours)], capture_output=True)
    assert bad.returncode == 2
