"""A real JupyterLab in headless Chromium: each release notebook as a learner meets it.

For every assignment: open the release notebook, run every cell one by one (the
exercise stubs raise NotImplementedError in their test cells, as they do for a new
learner; nothing else may fail), then change the explorer's first dropdown and check
that the figure it shows changes. Screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

import shutil

import pytest

from npmem.course import ASSIGNMENTS, ROOT

import browser_support
from browser_support import NB, lab_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser = browser_support.browser  # the shared Chromium fixture

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, serving a copy of the release notebooks."""
    root = tmp_path_factory.mktemp("lab")
    work = root / "course"
    shutil.copytree(ROOT / "release", work)
    with lab_server(work, root) as url:
        yield url


ACTIVE_INDEX = (
    f"() => Array.from(document.querySelectorAll('{NB} .jp-Cell'))"
    ".findIndex(c => c.classList.contains('jp-mod-active'))"
)
IDLE = (
    f"() => !Array.from(document.querySelectorAll('{NB} .jp-InputPrompt'))"
    ".some(p => p.textContent.includes('[*]'))"
)


def _run_every_cell(page) -> None:
    """Shift+Enter through the notebook as a learner does, one cell at a time.

    Each cell finishes before the next starts, so a failing exercise stub does not
    abort the cells queued after it (the kernel drops queued cells after an error).
    """
    n = page.locator(f"{NB} .jp-Cell").count()
    page.locator(f"{NB} .jp-Cell").first.click()
    page.keyboard.press("Escape")
    for _ in range(n):
        before = page.evaluate(ACTIVE_INDEX)
        for _attempt in range(3):
            page.keyboard.press("Shift+Enter")
            try:
                page.wait_for_function(
                    f"(b) => ({ACTIVE_INDEX})() > b || ({ACTIVE_INDEX})() === {n - 1}",
                    arg=before,
                    timeout=5_000,
                )
                break
            except Exception:  # the key press was lost: focus the active cell and retry
                page.locator(f"{NB} .jp-Cell.jp-mod-active").first.click()
                page.keyboard.press("Escape")
        page.wait_for_function(IDLE, timeout=120_000)
        if before == n - 1:
            break


def _explorer_image(page) -> str:
    img = page.locator(".npmem-explorer .jp-OutputArea-output img").first
    img.wait_for(state="visible", timeout=60_000)
    return img.get_attribute("src")


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_release_notebook_in_jupyterlab(lab, browser, assignment):
    name = ASSIGNMENTS[assignment]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        open_notebook(page, lab, f"{assignment}/{name}.ipynb")
        _run_every_cell(page)
        page.screenshot(path=str(ARTIFACTS / f"browser-{assignment}-ran.png"), full_page=False)

        # (Shift+Enter on the last cell adds an empty cell below it, as for a learner.)
        prompts = page.evaluate(
            f"() => Array.from(document.querySelectorAll('{NB} .jp-CodeCell'))"
            ".filter(c => c.querySelector('.cm-content').textContent.trim() !== '')"
            ".map(c => c.querySelector('.jp-InputPrompt').textContent)"
        )
        assert len(prompts) >= 10
        unrun = [p for p in prompts if not any(ch.isdigit() for ch in p)]
        assert not unrun, f"{len(unrun)} code cells did not run: {unrun[:5]}"
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).all_inner_texts()
        tracebacks = [e for e in errors if "Traceback" in e or "Error" in e]
        unexpected = [e for e in tracebacks if "NotImplementedError" not in e]
        assert not unexpected, "cells failed for a new learner:\n" + "\n---\n".join(
            e[-600:] for e in unexpected
        )

        explorer = page.locator(".npmem-explorer").first
        explorer.scroll_into_view_if_needed()
        before = _explorer_image(page)
        page.screenshot(path=str(ARTIFACTS / f"browser-{assignment}-before.png"), full_page=False)
        select = explorer.locator("select").first
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("s => s.options[s.selectedIndex].text")
        other = next(o for o in options if o != current)
        select.select_option(label=other)
        page.wait_for_function(
            "(before) => { const i = document.querySelector("
            "'.npmem-explorer .jp-OutputArea-output img'); return i && i.src !== before; }",
            arg=before,
            timeout=60_000,
        )
        after = _explorer_image(page)
        assert after != before
        explorer.screenshot(path=str(ARTIFACTS / f"browser-{assignment}-explorer.png"))
    finally:
        page.close()
