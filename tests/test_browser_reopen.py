"""Explorers stay live when their notebook is closed and reopened while its kernel runs.

A learner closes a notebook's tab and opens the file again: JupyterLab reconnects the
new panel to the kernel that still runs, and the outputs come back from the file. An
explorer's live picture is widget state (an ``ipywidgets.Image`` inside its box), which
the kernel sends again to the new view, so changing the first dropdown still changes
the picture; the still image kept in the file for a reader without a kernel, and its
note, stay hidden while the widget renders. Screenshots: tests/artifacts/reopen-*.png.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from npmem.dev.bench_explorers import EXPLORERS
from npmem.grading.catalogue import ROOT

import browser_support
from browser_support import NB, lab_server, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser = browser_support.browser  # the shared Chromium fixture

ARTIFACTS = ROOT / "tests" / "artifacts"
NAMES = ["strides", "broadcasting", "leaks"]  # the explorers of 01, 03 and 06
FILE = "reopen.ipynb"
IDLE = (
    f"() => !Array.from(document.querySelectorAll('{NB} .jp-InputPrompt'))"
    ".some(p => p.textContent.includes('[*]'))"
)

#: per explorer cell: whether its widget rendered, and what its live and still pictures show
STATE = f"""() => Array.from(document.querySelectorAll('{NB} .jp-CodeCell'))
  .filter(c => c.querySelector('.cm-content').textContent.includes('explorer()')
               || c.querySelector('.cm-content').textContent.includes('monitor()'))
  .map(c => {{
    const live = c.querySelector('.npmem-explorer img.npmem-picture');
    const still = c.querySelector(".jp-OutputArea-output[data-mime-type='image/png'] img");
    const note = c.querySelector('.npmem-still-note');
    const shown = e => !!e && e.offsetParent !== null && e.getBoundingClientRect().height > 0;
    return {{
      widget: !!c.querySelector('.npmem-explorer'),
      live: live ? live.src : null,
      liveShown: shown(live) && live.naturalWidth > 0,
      stillShown: shown(still),
      noteShown: shown(note),
      select: c.querySelectorAll('.npmem-explorer select').length,
    }};
  }})"""


def _cells(page) -> list[dict]:
    return page.evaluate(STATE)


def _wait_live(page, n: int) -> list[dict]:
    page.wait_for_function(
        f"(n) => {{ const s = ({STATE})(); return s.length === n"
        " && s.every(c => c.widget && c.liveShown && c.select > 0); }",
        arg=n,
        timeout=120_000,
    )
    return _cells(page)


def _change_first_dropdowns(page, cells: list[dict]) -> None:
    """Choose the next option of each explorer's first dropdown; its live picture changes."""
    for k, before in enumerate(cells):
        page.evaluate(
            f"""(k) => {{
  const c = Array.from(document.querySelectorAll('{NB} .jp-CodeCell'))
    .filter(c => c.querySelector('.npmem-explorer'))[k];
  const s = c.querySelector('.npmem-explorer select');
  s.selectedIndex = (s.selectedIndex + 1) % s.options.length;
  s.dispatchEvent(new Event('change', {{bubbles: true}}));
}}""",
            k,
        )
        page.wait_for_function(
            f"([k, src]) => {{ const c = ({STATE})()[k]; return c.live && c.live !== src"
            " && c.liveShown; }",
            arg=[k, before["live"]],
            timeout=60_000,
        )


def test_explorers_stay_live_after_the_notebook_is_closed_and_reopened(browser, tmp_path):
    work = tmp_path / "course"
    work.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(EXPLORERS[name]) for name in NAMES]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, work / FILE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with lab_server(work, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            open_notebook(page, url, FILE)
            page.locator(f"{NB} .jp-Cell").first.click()
            page.keyboard.press("Escape")
            for _ in NAMES:
                page.keyboard.press("Shift+Enter")
                page.wait_for_function(IDLE, timeout=180_000)
            first = _wait_live(page, len(NAMES))
            # a live session shows the widget's picture only: the still and note are hidden
            assert not any(c["stillShown"] or c["noteShown"] for c in first), first
            _change_first_dropdowns(page, first)
            page.keyboard.press("Control+s")
            page.wait_for_function(
                "() => !document.querySelector('.jp-NotebookPanel .jp-mod-dirty')"
                " && !document.title.startsWith('*')",
                timeout=30_000,
            )
            page.screenshot(path=str(ARTIFACTS / "reopen-1-ran.png"))

            # close the notebook's tab (the kernel keeps running), then open the file again
            page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").first.hover()
            page.locator(
                ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon"
            ).first.click()
            page.locator(".jp-NotebookPanel").first.wait_for(state="detached", timeout=30_000)
            page.locator(f".jp-DirListing-item[title^='Name: {FILE}']").first.dblclick()
            page.locator(f"{NB} .jp-Cell").first.wait_for()
            page.wait_for_function(browser_support.KERNEL_READY, timeout=120_000)
            again = _wait_live(page, len(NAMES))
            assert not any(c["stillShown"] or c["noteShown"] for c in again), again
            # (a widget renders only from a model in a running kernel: the panel joined it)
            page.screenshot(path=str(ARTIFACTS / "reopen-2-reopened.png"))

            _change_first_dropdowns(page, again)
            page.locator(f"{NB} .jp-CodeCell:has(.npmem-explorer)").first.screenshot(
                path=str(ARTIFACTS / "reopen-3-changed.png")
            )
        finally:
            page.close()

    # the file keeps a still and the note for every explorer, for a reader without a kernel
    saved = nbformat.read(work / FILE, as_version=4)
    explorers = [c for c in saved.cells if c.source.strip()]  # (Shift+Enter adds one)
    assert len(explorers) == len(NAMES)
    for cell in explorers:
        kinds = [next(iter(o.get("data", {})), o.output_type) for o in cell.outputs]
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), kinds
        assert any("run this cell" in o.get("data", {}).get("text/html", "") for o in cell.outputs)
    shutil.rmtree(work, ignore_errors=True)
