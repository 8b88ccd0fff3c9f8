"""The documented learner's path, walked in a real JupyterLab in headless Chromium.

On a fresh copy of the course (01-strides released by nbgrader from the current
source/, the working copy my-work/ made as `make lab` makes it, and the server started
with `make lab`'s options): open the front door, open 01 from its table, Run All on the
blank notebook to the end (the explorers render), answer one exercise right and one
wrong, run their tests, open a hint, save, Check my work (one passed, one failed with the
known mistake it shows named, five not attempted, told apart), worked solutions for the
two checked exercises, reload the page (the explorers' pictures are still there), and
the progress on the front door. Opening a notebook writes nothing, even past the
autosave interval. Screenshots are kept in tests/artifacts/learner-*.png.
"""

from __future__ import annotations

import json
import re
import shutil
import time

import nbformat
import pytest

from npmem.authoring.build import PASS_LINE
from npmem.authoring.index import build_index
from npmem.dev.samples import mutants, solutions
from npmem.grading import diagnosis
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ROOT
from npmem.selfcheck import lab, workspace

import browser_support
from browser_support import KERNEL_READY, NB, TOKEN, known_mistake, lab_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser = browser_support.browser  # the shared Chromium fixture
ARTIFACTS = ROOT / "tests" / "artifacts"
AUTOSAVE_SECONDS = 3  # JupyterLab's autosave interval for this server (default 120 s)
ASSIGNMENT, NOTEBOOK = "01-strides", "strides"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A fresh course: 01 released by nbgrader from source/, my-work/ as `make lab` makes
    it, and JupyterLab with the learner's options of `make lab`."""
    root = tmp_path_factory.mktemp("learner-path")
    course = root / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    nbg.run("generate_assignment", ASSIGNMENT, "--force", cwd=course)
    (course / "notebooks").mkdir()
    (course / "notebooks" / "index.ipynb").write_text(nbformat.writes(build_index()) + "\n")
    assert ASSIGNMENT in workspace.ensure(course)
    argv, env = lab.command(course, [])
    args = [a for a in argv[2:] if not a.startswith(("--ServerApp.root_dir", "--allow-root"))]
    settings = {
        "@jupyterlab/docmanager-extension/plugin": {"autosaveInterval": AUTOSAVE_SECONDS},
    }
    with lab_server(
        course,
        root,
        args=args,
        env={"JUPYTER_CONFIG_PATH": env["JUPYTER_CONFIG_PATH"]},
        plugin_settings=settings,
    ) as url:
        yield url, course


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"learner-{name}.png"))


def _code_cell(page, text: str):
    return page.locator(f"{NB} .jp-CodeCell").filter(has_text=text).first


def _type_into(page, cell, code: str) -> None:
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("Escape")


def _run(page, cell, timeout: float = 300) -> None:
    """Run one cell as a learner does (Shift+Enter) and wait until it has finished: its
    prompt shows a new execution count."""
    prompt = cell.locator(".jp-InputArea-prompt")
    before = prompt.inner_text().strip()
    prompt.click()
    page.keyboard.press("Shift+Enter")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = prompt.inner_text().strip()
        if now != before and re.fullmatch(r"\[\d+\]:", now):
            return
        time.sleep(0.2)
    raise TimeoutError(f"the cell did not finish: prompt {prompt.inner_text()!r}")


def _menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).first.click()


def _dirty(page) -> bool:
    return page.locator(".jp-mod-current.jp-mod-dirty").count() > 0


def _untouched_after_autosave(page, path) -> None:
    """The notebook on show is not marked modified, and the file stays as it was past
    the autosave interval."""
    before = (path.stat().st_mtime_ns, path.read_bytes())
    time.sleep(AUTOSAVE_SECONDS * 3)
    assert not _dirty(page), f"{path.name} opened marked as modified"
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before, f"{path.name} was rewritten"


def _wait_idle(page) -> None:
    page.wait_for_function(KERNEL_READY, timeout=180_000)


def test_the_learners_path(course, browser):
    lab_url, root = course
    work = root / workspace.WORKDIR
    mine = work / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    door = work / "index.ipynb"
    released = root / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    released_before = released.read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        # ---- the front door, as `make lab` opens it, in a learner's Lab -------------
        page.goto(f"{lab_url}/lab/workspaces/learner/tree/my-work/index.ipynb?reset&token={TOKEN}")
        page.locator(f"{NB} .jp-Cell").first.wait_for()
        _wait_idle(page)
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        assert set(lab.LAB_EXTENSIONS_OFF) <= set(config["disabledExtensions"])
        assert "@jupyter/nbgrader:validate-assignment" not in config["disabledExtensions"]
        assert page.locator(".lm-TabBar-tab[title*='Create Assignment']").count() == 0
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert "File" in menus and "Nbgrader" not in menus, menus  # no empty Nbgrader menu
        formgrader = page.request.get(f"{lab_url}/formgrader?token={TOKEN}")
        assert formgrader.status == 404  # the server extension is off for this server
        _untouched_after_autosave(page, door)
        _shot(page, "1-front-door")

        # ---- open 01 from the front door's table -------------------------------------
        page.locator(f"{NB} a", has_text=f"my-work/{ASSIGNMENT}/{NOTEBOOK}.ipynb").click()
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()
        page.locator(
            f".lm-TabBar-tab.lm-mod-current[title*='my-work/{ASSIGNMENT}/{NOTEBOOK}.ipynb']"
        ).wait_for()
        _wait_idle(page)
        _untouched_after_autosave(page, mine)
        # from here on, JupyterLab's default interval: an autosave racing the test's own
        # Ctrl+S would make JupyterLab ask whether the file "changed on disk"
        plugin = (
            root.parent / "settings/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
        )
        plugin.write_text(json.dumps({"autosaveInterval": 120}))
        page.reload()
        page.locator(f"{NB} .jp-Cell").first.wait_for()
        _wait_idle(page)

        # ---- Run All on the blank notebook: it reaches the end ------------------------
        _menu(page, "Run", "Run All Cells")
        check = _code_cell(page, f'check("{ASSIGNMENT}")')
        check.locator(".npmem-selfcheck table").wait_for(state="attached", timeout=600_000)
        _wait_idle(page)
        prompts = page.locator(f"{NB} .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        assert prompts and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in prompts), prompts
        errors = page.locator(f"{NB} .jp-CodeCell").filter(
            has=page.locator(".jp-OutputArea-output[data-mime-type*='stderr']")
        )
        tests = page.locator(f"{NB} .jp-CodeCell").filter(has_text=PASS_LINE[:10])
        assert errors.count() == 7, "each of the seven blank exercises fails its test"
        assert tests.count() == 7  # the test cells, whose source prints the pass line
        explorer = _code_cell(page, "strides_explorer()")
        explorer.locator(".jupyter-widgets").first.wait_for(state="attached")
        explorer.locator(".jp-OutputArea-output img").first.wait_for(state="visible")
        table = check.locator(".npmem-selfcheck table")
        assert table.locator("tr.npmem-todo").count() == 7
        explorer.scroll_into_view_if_needed()
        _shot(page, "2-run-all-explorer")
        check.scroll_into_view_if_needed()
        _shot(page, "3-run-all-end")

        # ---- one exercise right, one wrong; run each and its test ---------------------
        right = solutions(ASSIGNMENT)["strides_for"]
        wrong = mutants(ASSIGNMENT)["byte_offset"]["negative_not_wrapped"]
        for name, code in (("strides_for", right), ("byte_offset", wrong)):
            cell = _code_cell(page, f"def {name}(")
            _type_into(page, cell, code)
            _run(page, cell)
            _wait_idle(page)
            test = _code_cell(page, f"check_equal({name}(")
            test.scroll_into_view_if_needed()
            _run(page, test)
            _wait_idle(page)
        passed = _code_cell(page, "check_equal(strides_for(").locator(".jp-OutputArea")
        assert passed.inner_text().strip() == PASS_LINE
        failed = _code_cell(page, "check_equal(byte_offset(").locator(".jp-OutputArea")
        text = failed.inner_text()
        assert "AssertionError: byte_offset(" in text and "expected" in text and "got" in text
        assert "checks.py" not in text and "Traceback" in text
        last = text.strip().splitlines()[-1]  # the good message comes last
        assert re.fullmatch(r"AssertionError: byte_offset\(.*\): expected .+, got .+", last), last
        stdout = failed.locator(".jp-OutputArea-output[data-mime-type*='stdout']")
        assert stdout.count() == 0  # no pass line from a failing test
        failed.scroll_into_view_if_needed()
        _shot(page, "4-failing-test")

        # ---- a hint opens on a click ------------------------------------------------
        hint = page.locator(f"{NB} details.npmem-hint").first
        hint.scroll_into_view_if_needed()
        assert hint.get_attribute("open") is None
        hint.locator("summary").click()
        page.wait_for_function(
            "() => document.querySelector('details.npmem-hint').hasAttribute('open')"
        )
        _shot(page, "5-hint")

        # ---- save, Check my work -------------------------------------------------------
        page.keyboard.press("Control+s")
        page.wait_for_function(
            "() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=30_000
        )
        saved = nbformat.read(mine, as_version=4)
        assert right in [c.source for c in saved.cells] and wrong in [c.source for c in saved.cells]
        check.scroll_into_view_if_needed()
        _run(page, check)
        page.wait_for_function(
            "() => { const t = document.querySelector('.npmem-selfcheck table');"
            " return t && t.querySelectorAll('tr.npmem-pass').length === 1; }",
            timeout=300_000,
        )
        _wait_idle(page)
        table = check.locator(".npmem-selfcheck table")
        rows = {
            r.get_attribute("data-exercise"): r.get_attribute("class")
            for r in table.locator("tbody tr").all()
        }
        assert rows.pop("strides_for") == "npmem-pass"
        assert rows.pop("byte_offset") == "npmem-fail"
        assert sorted(rows.values()) == ["npmem-todo"] * 5
        marks = {
            cls: table.locator(f"tr.{cls} .npmem-status").first
            for cls in ("npmem-pass", "npmem-fail", "npmem-todo")
        }
        words = {cls: m.inner_text().replace("\xa0", " ") for cls, m in marks.items()}
        assert words == {
            "npmem-pass": "✔ passed",
            "npmem-fail": "✘ failed",
            "npmem-todo": "○ not attempted",
        }
        colours = {cls: m.evaluate("e => getComputedStyle(e).color") for cls, m in marks.items()}
        assert len(set(colours.values())) == 3, colours
        fail_row = table.locator("tr.npmem-fail").inner_text()
        assert "AssertionError: byte_offset(" in fail_row
        # the wrong answer is a catalogued mistake: named under its message, once
        said = table.locator("tr.npmem-fail .npmem-diagnosis")
        assert said.count() == 1 and table.locator(".npmem-diagnosis").count() == 1
        assert said.inner_text().strip() == diagnosis.MARK + known_mistake(
            ASSIGNMENT, "byte_offset", "negative_not_wrapped"
        )
        for todo in table.locator("tr.npmem-todo").all():
            assert "Error" not in todo.inner_text() and "✘" not in todo.inner_text()
        score = check.locator(".npmem-selfcheck").get_attribute("data-score")
        max_score = check.locator(".npmem-selfcheck").get_attribute("data-max-score")
        check.scroll_into_view_if_needed()
        _shot(page, "6-check-my-work")
        check.screenshot(path=str(ARTIFACTS / "learner-6-check-table.png"))

        # ---- worked solutions: the checked ones unlock, the others not ---------------
        cells = page.locator(f"{NB} .jp-CodeCell")
        count = cells.count()
        for k, name in enumerate(("strides_for", "byte_offset", "contiguity")):
            cell = cells.nth(count - 1 + k)  # the empty cell Shift+Enter added below
            _type_into(page, cell, f'solution("{name}")')
            _run(page, cell)
            cell.locator(".jp-OutputArea-output").first.wait_for(timeout=60_000)
            shown = cell.locator(".jp-OutputArea").inner_text()
            if name == "contiguity":
                assert f"No checked attempt at {name}" in shown
            else:
                assert f"Worked solution of {name}" in shown, shown
                assert f"def {name}(" in shown
        _wait_idle(page)
        _shot(page, "7-solutions")
        recorded = json.loads((work / ".npmem-progress.json").read_text())
        exercises = recorded["assignments"][ASSIGNMENT]["exercises"]
        assert {k for k, v in exercises.items() if v["attempted"]} == {"strides_for", "byte_offset"}

        # ---- save and reload: the explorers' pictures and the table are still there --
        page.keyboard.press("Control+s")
        page.wait_for_function(
            "() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=30_000
        )
        page.reload()
        page.locator(f"{NB} .jp-Cell").first.wait_for()
        _wait_idle(page)
        explorer = _code_cell(page, "strides_explorer()")
        explorer.scroll_into_view_if_needed()
        picture = explorer.locator(".jp-OutputArea-output img").first
        picture.wait_for(state="visible")
        assert picture.evaluate("img => img.naturalWidth") > 0
        _shot(page, "8-reloaded-explorer")
        check = _code_cell(page, f'check("{ASSIGNMENT}")')
        assert check.locator(".npmem-selfcheck tr.npmem-fail").count() == 1
    except Exception:
        _shot(page, "failed")
        raise
    finally:
        page.close()

    # ---- the progress on the front door ------------------------------------------------
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{lab_url}/lab/workspaces/door/tree/my-work/index.ipynb?reset&token={TOKEN}")
        page.locator(f"{NB} .jp-Cell").first.wait_for()
        _wait_idle(page)
        cell = _code_cell(page, "show_progress(")
        cell.scroll_into_view_if_needed()
        _run(page, cell)
        row = cell.locator(f".npmem-progress tr[data-assignment='{ASSIGNMENT}']")
        row.wait_for(state="visible", timeout=60_000)
        assert f"{score} / {max_score}" in row.inner_text()
        assert "1 / 7" in row.inner_text()  # exercises passed
        assert cell.locator("tr.npmem-unchecked").count() == 5
        cell.scroll_into_view_if_needed()
        _shot(page, "9-front-door-progress")
    finally:
        page.close()
    # the course's own files were not touched by any of it
    assert released.read_bytes() == released_before
    assert not list((root / "release").glob("*/.ipynb_checkpoints"))
