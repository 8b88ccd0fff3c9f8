"""The self-learner's loop in a real JupyterLab, in headless Chromium.

A new learner opens 01-strides, reads a hint, writes one exercise right and another
wrong, saves, and runs the notebook's last cell, Check my work. The table it shows must
say that the right one passes and the wrong one fails, with the failing test's message;
then a worked solution unlocks for the checked attempt, and the front door shows the
score. Screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from npmem.dev.samples import mutants, solutions
from npmem.grading.catalogue import ROOT

import browser_support
from browser_support import NB, TOKEN, lab_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser = browser_support.browser  # the shared Chromium fixture
ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOK = "my-work/01-strides/strides.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """JupyterLab on a copy of the course as a learner has it: release/, notebooks/ and
    the learner's working copy my-work/, as `make lab` makes it."""
    from npmem.selfcheck import workspace

    root = tmp_path_factory.mktemp("selfcheck-lab")
    work = root / "course"
    shutil.copytree(ROOT / "release", work / "release")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    workspace.ensure(work)
    with lab_server(work, root) as url:
        yield url, work


def _code_cell(page, text: str):
    return page.locator(f"{NB} .jp-CodeCell").filter(has_text=text).first


def _type_into(page, cell, code: str) -> None:
    """Replace a cell's code as a learner does: click into it, select all, type."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("Escape")


def _run(page, cell) -> None:
    cell.locator(".jp-InputArea-prompt").click()  # select the cell, command mode
    page.keyboard.press("Shift+Enter")


def _saved_sources(lab: str, path: str) -> list[str]:
    with urllib.request.urlopen(f"{lab}/api/contents/{path}?token={TOKEN}") as resp:
        model = json.load(resp)
    return ["".join(c["source"]) for c in model["content"]["cells"]]


def test_check_my_work_in_jupyterlab(course, browser):
    lab, work = course
    right = solutions("01-strides")["strides_for"]
    wrong = mutants("01-strides")["contiguity"]["empty_not_special"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        open_notebook(page, lab, NOTEBOOK)

        # a hint opens on a click, and only then
        hint = page.locator(f"{NB} details.npmem-hint").first
        hint.scroll_into_view_if_needed()
        assert hint.get_attribute("open") is None
        body = hint.get_by_text("In C order the last axis is contiguous")
        assert not body.is_visible()
        hint.locator("summary").click()
        body.wait_for(state="visible")
        page.screenshot(path=str(ARTIFACTS / "selfcheck-hint.png"))

        # one exercise right, one wrong, then save
        _type_into(page, _code_cell(page, "def strides_for("), right)
        _type_into(page, _code_cell(page, "def contiguity("), wrong)
        page.keyboard.press("Control+s")
        page.wait_for_function(
            "() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=30_000
        )
        saved = _saved_sources(lab, NOTEBOOK)
        assert right in saved and wrong in saved

        # Check my work: the notebook's last cell
        check = _code_cell(page, 'check("01-strides")')
        check.scroll_into_view_if_needed()
        _run(page, check)
        table = check.locator(".npmem-selfcheck table")
        table.wait_for(state="visible", timeout=180_000)
        check.screenshot(path=str(ARTIFACTS / "selfcheck-table.png"))
        passed = table.locator("tr.npmem-pass")
        failed = table.locator("tr.npmem-fail")
        assert passed.count() == 1 and failed.count() == 1
        assert passed.first.get_attribute("data-exercise") == "strides_for"
        assert failed.first.get_attribute("data-exercise") == "contiguity"
        row = failed.first.inner_text().replace("\xa0", " ")
        assert "0 / 2" in row and "✔ pass" in row and "✘ fail" in row  # visible ok, hidden not
        assert "AssertionError: contiguity(" in row and "expected" in row and ", got" in row
        assert table.locator("tr.npmem-todo").count() == 5
        todo = table.locator("tr.npmem-todo").first.inner_text().replace("\xa0", " ")
        assert "○ not attempted" in todo and "NotImplementedError" not in todo
        summary = check.locator(".npmem-selfcheck").inner_text().replace("\xa0", " ")
        full = check.locator(".npmem-selfcheck").get_attribute("data-max-score")
        assert f"2 / {full} points" in summary and "Traceback" not in summary

        # the worked solution unlocks for the checked attempt, not for the others
        cells = page.locator(f"{NB} .jp-CodeCell")
        count = cells.count()
        new = cells.nth(count - 1)  # the empty cell Shift+Enter added below the check
        _type_into(page, new, 'solution("contiguity")')
        _run(page, new)
        shown = new.locator(".jp-RenderedMarkdown")
        shown.wait_for(state="visible", timeout=60_000)
        assert "Worked solution of contiguity" in shown.inner_text()
        assert "def contiguity(shape, strides, itemsize):" in shown.inner_text()
        locked = cells.nth(count)  # and the one added below that
        _type_into(page, locked, 'solution("byte_offset")')
        _run(page, locked)
        locked.locator(".jp-OutputArea-output").first.wait_for(timeout=60_000)
        assert "No checked attempt at byte_offset" in locked.inner_text()
        page.screenshot(path=str(ARTIFACTS / "selfcheck-solution.png"))
    finally:
        page.close()

    # the front door shows the score
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        open_notebook(page, lab, "notebooks/index.ipynb")
        cell = _code_cell(page, "show_progress(")
        cell.scroll_into_view_if_needed()
        _run(page, cell)
        row = cell.locator(".npmem-progress tr[data-assignment='01-strides']")
        row.wait_for(state="visible", timeout=60_000)
        assert f"2 / {full}" in row.inner_text()
        assert cell.locator("tr.npmem-unchecked").count() == 5
        cell.screenshot(path=str(ARTIFACTS / "selfcheck-front-door.png"))
    finally:
        page.close()
    recorded = json.loads((work / "my-work" / ".npmem-progress.json").read_text())
    assert recorded["assignments"]["01-strides"]["best"] == 2
