"""A course graded from a copy: the sandbox imports exactly the ``npmem`` the grader bound.

The venv's editable install points at this checkout. Here the grader imports another copy
of ``npmem`` (from ``PYTHONPATH``, as a course copied to a grading host or a second
offering on the same venv would), and the sandboxed interpreter, started with ``-I``,
must load that copy, the one the sandbox shows, and not the one the venv points at.
"""

from __future__ import annotations

import shutil
import sys

import nbformat
import pytest

from npmem.dev.samples import fill, solutions
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores, max_scores
from npmem.sandbox import jail

from helpers import make_course, submit

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-strides"


def test_a_perfect_hand_in_scores_full_marks_when_graded_with_another_npmem(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "npmem", lib / "npmem", ignore=shutil.ignore_patterns("__pycache__"))
    course = make_course(tmp_path)
    env = {"PYTHONPATH": str(lib), "NPMEM_COURSE_ROOT": str(course)}
    nbg.run("generate_assignment", ASSIGNMENT, "--force", cwd=course, env=env)
    notebook = ASSIGNMENTS[ASSIGNMENT]
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{notebook}.ipynb", as_version=4)
    submit(course, "perfect", ASSIGNMENT, fill(release, solutions(ASSIGNMENT, ROOT)))
    proc = nbg.run("autograde", ASSIGNMENT, "--force", cwd=course, env=env, check=False)
    scores = cell_scores(course, ASSIGNMENT, notebook, "perfect")
    assert scores == max_scores(course, ASSIGNMENT, notebook), proc.stderr[-3000:]


def test_the_sandboxed_interpreter_loads_npmem_from_the_bound_folder(tmp_path, monkeypatch):
    """``python_c`` loads the package from its folder even where ``-I`` would find another."""
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "npmem", lib / "npmem", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(lib))
    for name in [m for m in sys.modules if m == "npmem" or m.startswith("npmem.")]:
        monkeypatch.delitem(sys.modules, name)
    import subprocess

    argv = jail.python_c("import npmem; print(npmem.__file__)")
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    assert out == str((lib / "npmem" / "__init__.py").resolve())
