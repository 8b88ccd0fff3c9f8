"""environment.yml (Binder/conda) and pyproject.toml name the same dependencies."""

from __future__ import annotations

import re
import tomllib

from npmem.course import ROOT


def _normalise(requirement: str) -> tuple[str, str]:
    """('memory-profiler', '>=0.61') from 'memory_profiler>=0.61' or 'memory_profiler >=0.61'."""
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = match[1].lower().replace("_", "-")
    spec = ",".join(sorted(p.strip() for p in match[2].replace(" ", "").split(",") if p))
    return name, spec


def _environment_yml() -> dict[str, str]:
    deps: dict[str, str] = {}
    section = None
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"^[a-z]+:", line):
            section = line.split(":")[0]
        m = re.match(r"^  - ([^#]+?)\s*$", line)
        if section == "dependencies" and m and not m[1].startswith(("python", "pip")):
            name, spec = _normalise(m[1])
            deps[name] = spec
    return deps


def _pyproject() -> dict[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        project = tomllib.load(fh)["project"]
    return dict(_normalise(r) for r in project["dependencies"])


def test_environment_yml_matches_pyproject():
    assert _environment_yml() == _pyproject()


def test_environment_pins_python_311_and_the_mission_packages():
    text = (ROOT / "environment.yml").read_text()
    assert "  - python=3.11" in text
    for name in ["numpy", "jupyterlab", "nbgrader", "ipywidgets", "matplotlib", "memory-profiler"]:
        assert name in _environment_yml()
    assert _environment_yml()["nbgrader"] == "<0.10,>=0.9.6"


def test_binder_files_install_npmem_and_hide_instructor_tools():
    post = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post
    for ext in ["create-assignment", "formgrader", "course-list", "assignment-list"]:
        assert f"labextension disable --level=sys_prefix @jupyter/nbgrader:{ext}" in post
    assert "validate-assignment" not in post
    for ext in ["formgrader", "course_list", "assignment_list"]:
        assert f"server extension disable --sys-prefix nbgrader.server_extensions.{ext}" in post
    assert "/lab/tree/my-work/index.ipynb" in post
    # Binder's start makes the learner's working copy before the server starts
    assert "python -m npmem.selfcheck.workspace" in (ROOT / "start").read_text()
    assert (ROOT / "postBuild").stat().st_mode & 0o111 and (ROOT / "start").stat().st_mode & 0o111
    # repo2docker ignores top-level files when a binder/ folder exists
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_postbuild_extension_ids_exist_in_the_installed_nbgrader():
    """The plugin ids postBuild disables are the ones this nbgrader ships (renamed in 0.9.3)."""
    import sys
    from pathlib import Path

    static = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static"
    shipped = set()
    for js in static.glob("*.js"):
        shipped |= set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', js.read_text(errors="ignore")))
    disabled = set(re.findall(r"(@jupyter/nbgrader:[a-z-]+)", (ROOT / "postBuild").read_text()))
    assert disabled and disabled <= shipped, disabled - shipped
    from npmem.selfcheck.lab import LAB_EXTENSIONS_OFF

    assert disabled == set(LAB_EXTENSIONS_OFF)  # make lab and Binder: the same learner's Lab
