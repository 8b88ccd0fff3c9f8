"""A real JupyterLab in headless Chromium, shared by the browser tests.

``lab_server(work)`` starts JupyterLab on a free localhost port serving ``work``, with
its own home, settings and workspaces; ``browser`` is a pytest fixture giving Debian's
Chromium driven by Playwright. ``open_notebook`` opens one notebook in a workspace of
its own and waits until its kernel is connected and idle.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

TOKEN = "npmem-browser-test"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The notebook on show (a restored tab from another notebook would be hidden).
NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
KERNEL_READY = (
    "() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))"
    ".some(t => /\\|\\s*Idle/.test(t.textContent))"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"jupyter lab did not answer at {url}")


@contextlib.contextmanager
def lab_server(
    work: Path,
    home: Path,
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
    plugin_settings: dict[str, dict] | None = None,
):
    """JupyterLab serving ``work``, with everything it writes under ``home``; yields its URL.

    ``args`` and ``env`` are added to the server's command line and environment;
    ``plugin_settings`` maps ``"<package>/<plugin>"`` to user settings of that plugin.
    """
    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed (apt-get install chromium; .ci/run does it)")
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    # Render every cell (no virtual scrolling), so the test sees the whole notebook.
    nb_settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    nb_settings.mkdir(parents=True)
    (nb_settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    for key, values in (plugin_settings or {}).items():
        package, plugin = key.rsplit("/", 1)
        folder = home / "settings" / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    port = _free_port()
    extra_env = env or {}
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    env.pop("NBGRADER_EXECUTION", None)
    env.update(extra_env)
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--ServerApp.root_dir={work}",
            f"--IdentityProvider.token={TOKEN}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *(["--allow-root"] if os.geteuid() == 0 else []),
            *(args or []),
        ],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status?token={TOKEN}", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        yield b
        b.close()


def open_notebook(page, lab: str, path: str) -> None:
    """Open one notebook in a workspace of its own and wait for its kernel to be idle.

    A fresh workspace keeps JupyterLab from restoring tabs of earlier notebooks, and
    the status bar's "| Idle" means the kernel is connected, not merely starting.
    """
    workspace = path.replace("/", "-").replace(".", "-")
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{path}?reset&token={TOKEN}")
    page.locator(f"{NB} .jp-Cell").first.wait_for()
    page.wait_for_function(KERNEL_READY, timeout=120_000)


def known_mistake(assignment: str, exercise: str, answer: str) -> str:
    """The sentence the course says to a hand-in with catalogued wrong answer ``answer``
    (samples/mutants/<assignment>/<exercise>/<answer>.py), read from the catalogue."""
    from npmem.grading import diagnosis

    for sig, mistakes in diagnosis.load(assignment).get(exercise, {}).items():
        if any(m.source.endswith(f"/{exercise}/{answer}.py") for m in mistakes):
            named = diagnosis.diagnose(assignment, exercise, sig)
            assert named is not None, f"{answer} is catalogued but not named alone"
            return diagnosis.sentence(named)
    raise AssertionError(f"{assignment}/{exercise}/{answer} is not in the catalogue")
