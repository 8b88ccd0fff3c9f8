"""`make solutions`: nbgrader's generate_solution, run, without the hidden tests.

The Makefile target runs in a scratch course directory (config, content and source
copied from this one), for two assignments.
"""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from npmem.dev.samples import solutions
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.selfcheck.plan import split_test

pytestmark = pytest.mark.slow

CHOSEN = ["01-strides", "04-views"]


def test_make_solutions_publishes_run_solutions_without_hidden_tests(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    for folder in ("content", "source"):
        shutil.copytree(ROOT / folder, course / folder)
    proc = subprocess.run(
        [
            "make",
            "-C",
            str(course),
            "-f",
            str(ROOT / "Makefile"),
            "solutions",
            f"VENV={ROOT / '.venv'}",
            f"ASSIGNMENTS={' '.join(CHOSEN)}",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for assignment in CHOSEN:
        path = course / "solution" / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
        nb = nbformat.read(path, as_version=4)
        assert "BEGIN HIDDEN TESTS" not in path.read_text()
        source = nbformat.read(ROOT / "source" / assignment / path.name, as_version=4)
        cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
        for cell in source.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):  # the test cell keeps its visible part only
                visible, _hidden = split_test(cell.source)
                assert cells[meta["grade_id"]].source.split() == visible.split()
        for gid, code in solutions(assignment).items():
            assert code.strip().splitlines()[-1].strip() in cells[gid].source
        errors = [
            (c.get("id"), o.ename)
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if o.output_type == "error"
        ]
        assert not errors, errors
        [check_output] = cells["check_my_work"].outputs
        assert "instructor's version" in check_output.data["text/plain"]
        assert not any(course.glob("**/.npmem-progress.json"))
