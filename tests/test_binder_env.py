"""environment.yml, as close to Binder as this machine allows: a fresh virtual environment.

Binder (repo2docker) builds the learner's environment from environment.yml, runs
postBuild, and starts the server through start. Here the same packages at the same
pinned versions (conda's `name=X` as pip's `name==X`) are resolved together and installed
from PyPI into a new venv (by uv, whose resolution is pip's), postBuild runs in it (it
installs this repository with --no-deps and sets up JupyterLab), and then, inside that
environment only:

* JupyterLab started through start opens on the front door in the learner's working copy
  (my-work/, which start makes), with nbgrader's instructor extensions and the
  Assignment List (no exchange on Binder) disabled;
* every release notebook runs top to bottom as a new learner's Run All would, only its
  exercises' test cells failing (NotImplementedError), its Check my work cell included
  (the suite's one run of the blank notebooks);
* the check flow (the command line, solutions unlocking, progress) gives the right scores.

If a pin in environment.yml stops resolving, or a package the notebooks import is
missing from it, this test fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from npmem.grading.catalogue import ASSIGNMENTS, ROOT

pytestmark = pytest.mark.slow

INSTRUCTOR_EXTENSIONS = ["create-assignment", "formgrader", "course-list", "assignment-list"]


def environment_requirements() -> tuple[str, list[str]]:
    """(python version, pip requirements) from environment.yml's dependencies."""
    python, reqs, section = None, [], None
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"^[a-z]+:", line):
            section = line.split(":")[0]
        m = re.match(r"^  - ([^#]+?)\s*(?:#.*)?$", line)
        nested = re.match(r"^ {4,}- ([^#]+?)\s*(?:#.*)?$", line)  # items of "- pip:"
        if section != "dependencies" or not (m or nested):
            continue
        spec = (m or nested)[1].replace(" ", "")
        if m and re.fullmatch(r"[A-Za-z0-9_.\-]+=[^=<>!~]+", spec):
            spec = spec.replace("=", "==", 1)  # conda's exact pin, spelt as pip's
        if spec.startswith("python=="):
            python = spec.split("==", 1)[1]
        elif spec not in ("pip", "pip:"):
            reqs.append(spec)
    return python, reqs


def _run(cmd, env, cwd=ROOT, timeout=1800):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """A new venv built from environment.yml, then postBuild; yields (bin dir, env)."""
    python, reqs = environment_requirements()
    assert python.startswith("3.11.") and reqs
    base = shutil.which("python" + ".".join(python.split(".")[:2])) or sys.executable
    root = tmp_path_factory.mktemp("binder")
    venv, home = root / "venv", root / "home"
    home.mkdir()
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    bindir = venv / "bin"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "NBGRADER", "JPY_", "PYTHON"))
    }
    env |= {
        "HOME": str(home),
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
        "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv")),
    }
    # every pin of environment.yml (its pip too) resolved together and installed by uv,
    # which resolves as pip does, in seconds (no .pyc is written at install time: Python
    # compiles what it imports)
    uv = Path(sys.executable).with_name("uv")
    _run([str(uv), "pip", "install", "--quiet", "--python", str(bindir / "python"), *reqs], env)
    _run(["bash", str(ROOT / "postBuild")], env)
    yield bindir, env, root


def test_the_environment_has_python_311_and_consistent_packages(binder):
    bindir, env, _ = binder
    version = _run([str(bindir / "python"), "--version"], env).stdout
    assert version.startswith("Python 3.11"), version
    _run([str(bindir / "python"), "-m", "pip", "check"], env)
    where = _run(
        [str(bindir / "python"), "-c", "import npmem, numpy; print(npmem.__file__)"], env
    ).stdout
    assert where.strip() == str(ROOT / "npmem" / "__init__.py")  # postBuild: this repo


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_opens_the_front_door_without_instructor_tools(binder):
    bindir, env, root = binder
    listed = _run([str(bindir / "jupyter"), "labextension", "list"], env)
    text = listed.stdout + listed.stderr
    disabled = text.split("Disabled extensions:", 1)[1] if "Disabled extensions:" in text else ""
    for ext in INSTRUCTOR_EXTENSIONS:
        assert f"@jupyter/nbgrader:{ext}" in disabled, text
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    servers = _run([str(bindir / "jupyter"), "server", "extension", "list"], env)
    text = servers.stdout + servers.stderr
    for ext in ("formgrader", "course_list", "assignment_list"):
        assert re.search(rf"nbgrader\.server_extensions\.{ext}\s.*disabled", text), text
    assert re.search(r"nbgrader\.server_extensions\.validate_assignment\s.*enabled", text), text

    # start makes my-work/ in the course it serves: here a copy, not this repository
    course = root / "course"
    for name in ("content", "source", "release", "notebooks", "npmem"):
        shutil.copytree(ROOT / name, course / name)

    port, token = _free_port(), "binder-test"
    log = open(root / "server.log", "w")
    server = subprocess.Popen(
        [
            str(ROOT / "start"),
            str(bindir / "jupyter"),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=course,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline, landed = time.monotonic() + 90, None
        while time.monotonic() < deadline and landed is None:
            assert server.poll() is None, (root / "server.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}") as resp:
                    landed = resp.url
            except OSError:
                time.sleep(0.5)
        assert landed is not None, "the server did not answer"
        assert landed.split("?")[0].endswith("/lab/tree/my-work/index.ipynb"), landed
        assert (course / "my-work" / "index.ipynb").is_file()
        assert (course / "my-work" / "01-strides" / "strides.ipynb").is_file()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


RUN_ALL = r"""
import json, shutil, sys, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from npmem.grading.catalogue import ASSIGNMENTS, ROOT

work = Path(sys.argv[1])
shutil.copytree(ROOT / "release", work / "release")
results = {}
for aid, name in ASSIGNMENTS.items():
    path = work / "release" / aid / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    # as Run All: the first error in a cell not tagged raises-exception stops the run
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start, stopped = time.perf_counter(), None
    try:
        client.execute()
    except CellExecutionError as err:
        stopped = str(err)[-3000:]
    failed, stderr = {}, []
    for cell in nb.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id", cell.id)
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                failed.setdefault(key, []).append(out.ename)
            if out.output_type == "stream" and out.name == "stderr":
                stderr.append([key, out.text[-500:]])
    tests = [c.metadata.nbgrader.grade_id for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade")]
    last = nb.cells[-1]
    results[aid] = {
        "seconds": round(time.perf_counter() - start, 1),
        "stopped": stopped,
        "failed": {k: sorted(set(v)) for k, v in failed.items()},
        "stderr": stderr,
        "tests": tests,
        "untagged": [c.metadata.nbgrader.grade_id for c in nb.cells
                     if c.metadata.get("nbgrader", {}).get("grade")
                     and "raises-exception" not in c.metadata.get("tags", [])],
        "last": last.metadata.get("nbgrader", {}).get("grade_id"),
        "check": "".join(o.get("data", {}).get("text/html", "") for o in last.get("outputs", [])),
    }
print(json.dumps(results))
"""


def test_every_release_notebook_runs_with_its_check_cell(binder, tmp_path):
    """Run All on every blank release notebook, in the learner's environment, goes to the
    end: nbclient with allow_errors=False stops, as JupyterLab's Run All does, at the first
    error in a cell not tagged raises-exception. Only the exercises' test cells fail, each
    with NotImplementedError, nothing writes to stderr, and the last cell, Check my work,
    shows every test as not attempted and saves the progress file.

    This is the suite's one run of the blank notebooks: release/ is what nbgrader
    generates from the current source/ (tests/test_release.py), so this is also Run All
    on each notebook as nbgrader releases it.
    """
    bindir, env, _ = binder
    script = tmp_path / "run_all.py"
    script.write_text(RUN_ALL)
    proc = _run([str(bindir / "python"), str(script), str(tmp_path / "work")], env)
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(results) == set(ASSIGNMENTS)
    for aid, result in results.items():
        assert result["stopped"] is None, (aid, result["stopped"])
        assert result["tests"] and not result["untagged"], (aid, result["untagged"])
        expected = {test: ["NotImplementedError"] for test in result["tests"]}
        assert result["failed"] == expected, (aid, result["failed"])
        assert not result["stderr"], (aid, result["stderr"])
        assert result["last"] == "check_my_work", aid
        assert f"Check my work · {aid}: 0 / " in result["check"], aid
        assert result["check"].count("class='npmem-todo'") == len(result["tests"]), aid
    saved = json.loads((tmp_path / "work" / "release" / ".npmem-progress.json").read_text())
    assert set(saved["assignments"]) == set(ASSIGNMENTS)


CHECK_FLOW = r"""
import json, sys
from pathlib import Path

import nbformat

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.dev.samples import build_submission, expected_scores
from npmem.selfcheck import progress, solution
from npmem.selfcheck.__main__ import main

work = Path(sys.argv[1])
rounds = [(work / "all", aid, {"*": "solution"}) for aid in ASSIGNMENTS]
wrong = {"*": "solution", "windows": "copies", "flat_view": "blank"}
rounds.append((work / "some", "01-strides", wrong))
out = []
for folder, aid, choices in rounds:
    path = folder / aid / f"{ASSIGNMENTS[aid]}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_submission(aid, choices), path)
    assert main([str(path)]) == 0
    entry = progress.load(folder)["assignments"][aid]
    out.append([aid, entry["last"], sum(expected_scores(aid, choices).values())])
path = work / "some" / "01-strides" / "strides.ipynb"
shown = str(solution("windows", path=path))
locked = str(solution("flat_view", path=path))
print(json.dumps({"scores": out, "shown": shown, "locked": locked}))
"""


def test_the_check_flow_gives_the_expected_scores(binder, tmp_path):
    bindir, env, _ = binder
    script = tmp_path / "check_flow.py"
    script.write_text(CHECK_FLOW)
    proc = _run([str(bindir / "python"), str(script), str(tmp_path / "work")], env)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for aid, got, expected in result["scores"]:
        assert got == expected, (aid, got, expected)
    assert result["scores"][-1][1] == result["scores"][0][2] - 4  # two exercises lost
    assert "def windows(x, width):" in result["shown"]
    assert "No checked attempt at flat_view" in result["locked"]
    assert "windows" in proc.stdout and "expected a view" in proc.stdout  # the printed table
