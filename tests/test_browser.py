"""A real JupyterLab in headless Chromium: each release notebook as a learner meets it.

For every assignment: open the release notebook, run its cells one by one as a new
learner does, down to the first explorer (the exercise stubs above it raise
NotImplementedError in their test cells; nothing else may fail), then change the
explorer's first dropdown and check that the picture it shows changes. (Every release
notebook runs to its end in the learner's environment in tests/test_binder_env.py, the
suite's one run of the blank notebooks, and 01-strides to its end in this browser in
tests/test_learner_path.py.) The picture is an ordinary image output of the
explorer's cell, beside the widget: the test times the change from the input event to
the new image in the page (recorded in tests/artifacts/browser-explorer-latency.json;
``make bench-explorers`` reports the figures, no test asserts a speed), then saves the
notebook and checks that the file keeps that very picture and the note that asks to
run the cell again. Screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import time

import nbformat
import pytest

from npmem.dev.bench_explorers import time_change
from npmem.grading.catalogue import ASSIGNMENTS, ROOT

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
        yield url, work


ACTIVE_INDEX = (
    f"() => Array.from(document.querySelectorAll('{NB} .jp-Cell'))"
    ".findIndex(c => c.classList.contains('jp-mod-active'))"
)
IDLE = (
    f"() => !Array.from(document.querySelectorAll('{NB} .jp-InputPrompt'))"
    ".some(p => p.textContent.includes('[*]'))"
)


def _first_explorer_cell(cells) -> int:
    """The index of the first cell that shows an explorer: it calls a name the notebook
    imports from ``npmem.explorers``."""
    names = {
        name.strip()
        for cell in cells
        if cell.cell_type == "code"
        for found in re.findall(r"from npmem\.explorers\.\w+ import ([\w, ]+)", cell.source)
        for name in found.split(",")
    }
    calls = re.compile(rf"^(?:{'|'.join(sorted(names))})\(", re.MULTILINE)
    return next(
        k for k, cell in enumerate(cells) if cell.cell_type == "code" and calls.search(cell.source)
    )


def _run_cells_through(page, last: int) -> None:
    """Shift+Enter through the notebook as a learner does, one cell at a time, until cell
    ``last`` has run.

    Each cell finishes before the next starts, so a failing exercise stub does not
    abort the cells queued after it (the kernel drops queued cells after an error).
    """
    page.locator(f"{NB} .jp-Cell").first.click()
    page.keyboard.press("Escape")
    for before in range(last + 1):
        for _attempt in range(3):
            page.keyboard.press("Shift+Enter")
            try:
                page.wait_for_function(f"(b) => ({ACTIVE_INDEX})() > b", arg=before, timeout=5_000)
                break
            except Exception:  # the key press was lost: focus the active cell and retry
                page.locator(f"{NB} .jp-Cell.jp-mod-active").first.click()
                page.keyboard.press("Escape")
        page.wait_for_function(IDLE, timeout=120_000)


EXPLORER_CELL = f"{NB} .jp-CodeCell:has(.npmem-explorer)"
# the live picture, inside the widget; the still: an image output beside it
PICTURE = f"{EXPLORER_CELL} .npmem-explorer img.npmem-picture"
STILL = f"{EXPLORER_CELL} .jp-OutputArea-output[data-mime-type='image/png'] img"
#: the bytes an <img> shows, base64 (the widget's picture is a blob: URL)
IMAGE_BASE64 = """async (img) => {
  const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  let s = ''; for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}"""
LATENCY = ARTIFACTS / "browser-explorer-latency.json"


def _explorer_image(page) -> str:
    img = page.locator(PICTURE).first
    img.wait_for(state="visible", timeout=60_000)
    return img.get_attribute("src")


def _saved_explorer_outputs(path) -> list:
    """The outputs, in the notebook file, of the cell that shows an explorer's note
    (none while the file is being written)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except (nbformat.reader.NotJSONError, ValueError):  # caught mid-write
        return []
    for cell in nb.cells:
        if cell.cell_type == "code" and any(
            "run this cell" in o.get("data", {}).get("text/html", "") for o in cell.outputs
        ):
            return cell.outputs
    return []


def _record_latency(assignment: str, ms: float) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = json.loads(LATENCY.read_text()) if LATENCY.exists() else {}
    data[assignment] = round(ms, 1)
    LATENCY.write_text(json.dumps(data, indent=2) + "\n")


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_release_notebook_in_jupyterlab(lab, browser, assignment):
    url, work = lab
    name = ASSIGNMENTS[assignment]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        open_notebook(page, url, f"{assignment}/{name}.ipynb")
        cells = nbformat.read(work / assignment / f"{name}.ipynb", as_version=4).cells
        last = _first_explorer_cell(cells)
        _run_cells_through(page, last)
        page.screenshot(path=str(ARTIFACTS / f"browser-{assignment}-ran.png"), full_page=False)

        prompts = page.evaluate(
            f"(last) => Array.from(document.querySelectorAll('{NB} .jp-Cell')).slice(0, last + 1)"
            ".filter(c => c.classList.contains('jp-CodeCell'))"
            ".filter(c => c.querySelector('.cm-content').textContent.trim() !== '')"
            ".map(c => c.querySelector('.jp-InputPrompt').textContent)",
            last,
        )
        # every code cell down to the explorer's, as many as the file has there
        assert len(prompts) == sum(
            1 for c in cells[: last + 1] if c.cell_type == "code" and c.source.strip()
        )
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
        # one picture on show: the still and its note are in the cell but hidden
        assert page.locator(STILL).count() == 1 and not page.locator(STILL).first.is_visible()
        note = page.locator(f"{EXPLORER_CELL} .npmem-still-note").first
        assert "run this cell" in note.text_content() and not note.is_visible()
        page.screenshot(path=str(ARTIFACTS / f"browser-{assignment}-before.png"), full_page=False)
        cell = page.evaluate(
            f"() => Array.from(document.querySelectorAll('{NB} .jp-CodeCell'))"
            ".findIndex(c => c.querySelector('.npmem-explorer'))"
        )
        select = explorer.locator("select").first
        current = select.evaluate("s => s.selectedIndex")
        n_options = select.evaluate("s => s.options.length")
        ms = time_change(page, cell, 0, (current + 1) % n_options, timeout_ms=60_000)
        assert ms is not None, "no new picture after the first dropdown changed"
        _record_latency(assignment, ms)
        after = _explorer_image(page)
        assert after != before and after.startswith("blob:")
        shown = page.locator(PICTURE).first.evaluate(IMAGE_BASE64)
        page.locator(EXPLORER_CELL).first.screenshot(
            path=str(ARTIFACTS / f"browser-{assignment}-explorer.png")
        )

        # saved, the notebook keeps the last picture as a plain image output, and the note
        page.locator(f"{NB} .jp-Cell").first.click()
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while True:
            outputs = _saved_explorer_outputs(work / assignment / f"{name}.ipynb")
            pngs = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
            if pngs and pngs[0].replace("\n", "") == shown:
                break
            assert time.monotonic() < deadline, "the saved notebook lacks the last picture"
            time.sleep(0.5)
        assert base64.b64decode(pngs[0])[:8] == b"\x89PNG\r\n\x1a\n"
        notes = [o["data"].get("text/html", "") for o in outputs if "data" in o]
        assert any("run this cell" in n for n in notes)
    finally:
        page.close()
