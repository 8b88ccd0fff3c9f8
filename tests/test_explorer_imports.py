"""Importing an explorer does not import matplotlib; drawing does.

Grading runs each lesson's set-up cell, which imports the lesson's explorer, for every
submission (and every "Check my work"), and never draws: matplotlib, most of a second to
import, is imported only where something is drawn. Each check runs in a fresh interpreter,
since this one has long imported matplotlib.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: module -> the names its lesson's set-up cell imports, and the explorer that lesson calls
LESSON_IMPORTS = {
    "strides": (["strides_explorer"], "strides_explorer()"),
    "dtypes": (["dtypes_explorer"], "dtypes_explorer()"),
    "broadcasting": (["broadcasting_explorer"], "broadcasting_explorer()"),
    "views": (["views_explorer"], "views_explorer()"),
    "memmap": (["memmap_explorer"], "memmap_explorer()"),
    "leaks": (["figure_for", "leak_monitor"], "leak_monitor()"),
}

LOADED = "sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')"


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("module", list(LESSON_IMPORTS))
def test_importing_an_explorer_does_not_import_matplotlib(module):
    """The set-up cell's import, then the explorer as grading calls it (headless: a note,
    no picture), leave matplotlib unimported."""
    names, call = LESSON_IMPORTS[module]
    code = f"""
import sys
from npmem.explorers.{module} import {", ".join(names)}
loaded = {LOADED}
assert not loaded, f"importing npmem.explorers.{module} imported {{loaded}}"
{call}
loaded = {LOADED}
assert not loaded, f"{call} (headless) imported {{loaded}}"
"""
    run(code, NPMEM_HEADLESS="1")


def test_drawing_imports_matplotlib():
    """``_display``'s names import without matplotlib too; ``figure_for`` imports it (and
    ``_drawing``) and draws as before: a matplotlib Figure on the explorers' canvas, its
    labels ``Labels``."""
    code = f"""
import sys
from npmem.explorers._display import NOTE, STYLE, Picture, draw_labels, follow, reuse_figure
from npmem.explorers.strides import PITCH, draw_buffer, figure_for
loaded = {LOADED}
assert not loaded, f"importing _display and strides imported {{loaded}}"
fig = figure_for(3, 4, "int16", "C", "transpose")
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from npmem.explorers._drawing import ExplorerCanvas, Labels
assert isinstance(fig, Figure) and isinstance(fig.canvas, ExplorerCanvas), fig
assert issubclass(Labels, PathCollection)
assert any(isinstance(c, Labels) for c in fig.axes[0].collections)
print(len({LOADED}))
"""
    assert int(run(code).stdout) > 0
