"""The instructor's path through nbgrader's formgrader, walked in headless Chromium.

On a fresh copy of the course (no exchange, no gradebook), with the instructor's Lab as
``make lab-instructor`` starts it (``npmem lab-instructor``: the exchange made first):
the formgrader shows no exchange warning and offers Release; Release 01-strides there;
two students fetch and submit with nbgrader's own commands (``ada`` honestly, one
answer wrong; ``eve`` with every test cell emptied, tests/data/adversarial/edit_tests.py);
Collect there; the Autograde button for each (the honest log has no checksum warning,
the hostile one keeps nbgrader's); the gradebook's *Flagged?* column marks eve only; the
Manual Grading view shows, under ada's failed test, a traceback box with the failing
check's message, the known mistake it shows and no hidden test's code; and the feedback
page nbgrader generates, which names that mistake too.
Screenshots are kept in tests/artifacts/formgrader-*.png.
"""

from __future__ import annotations

import importlib.util
import re

import nbformat
import pytest
from nbgrader.api import Gradebook

from npmem.dev.samples import fill, mutants, solutions
from npmem.grading import diagnosis
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ROOT
from npmem.instructor import workflow

import browser_support
from browser_support import TOKEN, known_mistake, lab_server
from helpers import make_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:.*not in session:sqlalchemy.exc.SAWarning"),
]

browser = browser_support.browser  # the shared Chromium fixture
ARTIFACTS = ROOT / "tests" / "artifacts"
ASSIGNMENT, NOTEBOOK = "01-strides", "strides"
WRONG = ("byte_offset", "negative_not_wrapped")  # ada's one wrong answer, a known mistake
CHECKSUM = "Attribute 'checksum' for cell"


def _attack(name: str):
    path = ROOT / "tests" / "data" / "adversarial" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"adversarial_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def course(tmp_path_factory, monkeypatch_module):
    """A fresh course, nothing generated, and the instructor's Lab on it."""
    monkeypatch_module.delenv("NPMEM_EXCHANGE", raising=False)
    root = tmp_path_factory.mktemp("formgrader-walk")
    course = make_course(root)
    assert not (course / "exchange").exists() and not (course / "gradebook.db").exists()
    # what `make lab-instructor` does before the server starts (npmem lab-instructor)
    workflow.ensure_exchange(course)
    argv = workflow.lab_command(course, [])
    args = [a for a in argv[2:] if not a.startswith(("--ServerApp.root_dir", "--allow-root"))]
    home = root / "lab-home"
    home.mkdir()
    with lab_server(course, home, args=args) as url:
        yield url, course, root


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"formgrader-{name}.png"), full_page=full_page)


def _row(page, text: str):
    return page.locator("#main-table tr").filter(has_text=text).first


def _modal(page, timeout: float = 60_000) -> str:
    """The text of the success modal the formgrader opens after an action; closes it.
    An error modal fails the walk with its text."""
    shown = page.locator(".modal.in, .modal.show")
    shown.first.wait_for(timeout=timeout)
    text = shown.first.inner_text()
    assert shown.first.get_attribute("id") == "success-modal", text
    shown.first.locator("button", has_text=re.compile("Close|OK", re.I)).first.click()
    shown.first.wait_for(state="hidden")
    return text


def _submit(course, root, student: str, change) -> None:
    """Fetch, answer and submit as ``student`` does, with nbgrader's own commands."""
    home, exchange = root / "homes" / student, course / "exchange"
    nbg.as_student(student, "fetch_assignment", ASSIGNMENT, home=home, exchange=exchange)
    path = home / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nbformat.write(change(nbformat.read(path, as_version=4)), path)
    nbg.as_student(student, "submit", ASSIGNMENT, home=home, exchange=exchange)


def test_the_instructors_path_through_the_formgrader(course, browser):
    lab, course_dir, root = course
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    fg = f"{lab}/formgrader"
    try:
        # ---- a fresh clone: the exchange is there, Release is offered ----------------
        nbg.run("generate_assignment", ASSIGNMENT, "--force", cwd=course_dir)
        page.goto(f"{fg}/manage_assignments?token={TOKEN}")
        row = _row(page, ASSIGNMENT)
        row.locator(".release a").wait_for()
        assert page.locator("#warning-exchange").count() == 0
        assert "does not exist" not in page.locator("body").inner_text()
        _shot(page, "1-manage-assignments")

        # ---- Release, then the students fetch and submit --------------------------------
        row.locator(".release a").click()
        assert "Successfully released" in _modal(page)
        assert (course_dir / "exchange" / "numpy-memory" / "outbound" / ASSIGNMENT).is_dir()
        answers = dict(solutions(ASSIGNMENT))
        gid, mutant = WRONG
        answers[gid] = mutants(ASSIGNMENT)[gid][mutant]
        _submit(course_dir, root, "ada", lambda nb: fill(nb, answers))
        attack = _attack("edit_tests")
        assert attack.FLAGGED and attack.BASE == "blank"

        def hostile(nb):
            attack.tamper(nb)
            return nb

        _submit(course_dir, root, "eve", hostile)

        # ---- Collect -------------------------------------------------------------------
        page.reload()
        row = _row(page, ASSIGNMENT)
        row.locator(".collect a").click()
        assert "Successfully collected" in _modal(page)
        for sid in ("ada", "eve"):
            assert (course_dir / "submitted" / sid / ASSIGNMENT / f"{NOTEBOOK}.ipynb").exists()
        page.reload()
        _row(page, ASSIGNMENT).locator(".num-submissions a", has_text="2").wait_for()
        _shot(page, "2-released-collected")

        # ---- Autograde, the formgrader's button, per student ----------------------------
        page.goto(f"{fg}/manage_submissions/{ASSIGNMENT}?token={TOKEN}")
        logs = {}
        for sid in ("ada", "eve"):
            _row(page, sid).locator(".autograde a").click()
            shown = page.locator(".modal.in, .modal.show").first
            shown.wait_for(timeout=600_000)
            logs[sid] = shown.inner_text()
            if sid == "eve":
                _shot(page, "3-autograde-log-eve")
            assert _modal(page) == logs[sid]
            assert "Successfully autograded" in logs[sid], logs[sid]
            page.reload()
        assert CHECKSUM not in logs["ada"], logs["ada"]  # untouched test cells: quiet
        assert CHECKSUM in logs["eve"]  # emptied test cells: nbgrader's warning stays
        assert "FLAGGED" in logs["eve"] and "FLAGGED" not in logs["ada"]
        for sid, score in (("ada", "14 / 16"), ("eve", "0 / 16")):  # as graded, shown
            _row(page, sid).locator("td.score", has_text=score).wait_for()
        _shot(page, "4-manage-submissions")

        # ---- the gradebook: Flagged? marks the hostile hand-in --------------------------
        page.goto(f"{fg}/gradebook/{ASSIGNMENT}/{NOTEBOOK}?token={TOKEN}")
        page.locator("#main-table tr td.flagged").first.wait_for(state="attached")
        reveal = page.locator("button", has_text=re.compile("Show All Names", re.I))
        if reveal.count():
            reveal.first.click()
        flags = {}
        for sid in ("ada", "eve"):
            flag_row = _row(page, sid)
            flag_row.wait_for()
            flags[sid] = flag_row.locator("td.flagged .glyphicon-flag").count()
        assert flags == {"ada": 0, "eve": 1}, flags
        _shot(page, "5-gradebook-flagged")

        # ---- Manual Grading: ada's failed test shows its message ------------------------
        with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
            sub = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, "ada")
            sub_id = sub.id
            failed = [g.name for g in sub.grades if g.max_score and g.score < g.max_score]
            hidden = [c.source for c in gb.find_notebook(NOTEBOOK, ASSIGNMENT).source_cells]
        assert failed == [f"test_{gid}"], failed
        page.goto(f"{fg}/submissions/{sub_id}?token={TOKEN}")
        page.locator(".code_cell").first.wait_for()
        test_cell = page.locator(".code_cell").filter(has=page.locator(f"input#{failed[0]}"))
        assert test_cell.count() == 1
        box = test_cell.locator(".output_error")
        box.first.wait_for(state="attached")
        assert box.count() == 1
        shown_text = box.inner_text().strip()  # the box nbgrader's formgrade view renders
        message, said = shown_text.splitlines()  # the check's message, the known mistake
        assert re.fullmatch(rf"AssertionError: {gid}\(.*expected .*got .*", message), message
        assert said == diagnosis.MARK + known_mistake(ASSIGNMENT, *WRONG), said
        secret = _hidden_lines(hidden)
        assert secret and not any(line in shown_text for line in secret)
        box.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -250)")  # the test cell and its score too
        _shot(page, "6-manual-grading-traceback", full_page=False)

        # ---- feedback: nbgrader's Generate Feedback, the page a student reads -------------
        page.goto(f"{fg}/manage_submissions/{ASSIGNMENT}?token={TOKEN}")
        _row(page, "ada").locator(".generate-feedback a").click()
        assert "Successfully generated feedback" in _modal(page, timeout=300_000)
        html = course_dir / "feedback" / "ada" / ASSIGNMENT / f"{NOTEBOOK}.html"
        assert html.exists()
        page.goto(f"{lab}/files/feedback/ada/{ASSIGNMENT}/{NOTEBOOK}.html?token={TOKEN}")
        body = page.locator("body").inner_text()
        assert re.search(rf"AssertionError: {gid}\(", body), body[:2000]
        assert not any(line in body for line in secret)
        # the known mistake, once, under the failed exercise's message
        assert body.count(diagnosis.MARK.strip()) == 1, body[:3000]
        assert diagnosis.MARK + known_mistake(ASSIGNMENT, *WRONG) in body
        page.get_by_text(diagnosis.MARK.strip()).scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -300)")  # the exercise's title and message
        _shot(page, "7-feedback", full_page=False)
    finally:
        page.close()


def _hidden_lines(sources: list[str]) -> list[str]:
    """The code lines between the hidden-test markers of the gradebook's cells."""
    out = []
    for src in sources:
        inside = False
        for line in src.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 12:
                out.append(line.strip())
    return out
