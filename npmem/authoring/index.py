"""Build ``notebooks/index.ipynb``, the course's front door, from the assignments' titles.

Under the list of assignments, a code cell shows the learner's progress: the best score
of every check they ran (``npmem.selfcheck``), read from the progress file beside their
work (``my-work/.npmem-progress.json``). It works before anything was checked, too.

The links point into ``my-work/``, the learner's own copy of ``release/`` that ``make
lab`` (and Binder's ``start``) makes (``npmem.selfcheck.workspace``). The same relative
links and progress path work from ``notebooks/index.ipynb`` and from the copy of the front
door in ``my-work/index.ipynb``, since ``../my-work`` is ``my-work`` seen from either.
"""

from __future__ import annotations

import nbformat

from npmem.grading.catalogue import ROOT
from npmem.grading.notebook import notebook_metadata, title

from .build import AUTHORED, source_notebook, write_if_stale

WORK = "my-work"  # the learner's copy of release/ (npmem.selfcheck.workspace.WORKDIR)

INDEX = ROOT / "notebooks" / "index.ipynb"

INTRO = """\
# NumPy Memory

A hands-on course on how NumPy uses memory: what an array *is* in memory, how to choose
its size, when an operation copies, how to work with data larger than RAM, and how to
find and fix memory leaks. Every notebook explains with live, measured demonstrations
(the numbers you see are measured on the machine running it), lets you explore with
interactive widgets, and asks you to write small functions that are checked by tests.

**You need:** Python and NumPy basics (creating arrays, indexing, `dtype`)."""

WHERE = f"""\
## Where your work lives

You work in **`{WORK}/`**, your own copy of the assignments. `make lab` (and Binder) makes
it the first time JupyterLab starts, and on later starts only adds assignments you do not
have yet: it never overwrites a notebook you have there, and the course's own commands
(`make generate`, a `git pull` of a course update) never touch it (git ignores it). The
notebooks in `release/` are the course's pristine copies; answers written there can be
lost. No `{WORK}/` folder yet (JupyterLab started some other way)? Run
`python -m npmem.selfcheck.workspace` in a terminal from the course folder."""

PROGRESS_INTRO = f"""\
## Your progress

Run the cell below (<kbd>Shift</kbd>+<kbd>Enter</kbd>) to see the best score of every
assignment you have checked. Each notebook ends with a **Check my work** cell that grades
your saved notebook with all the tests, hidden ones included; the scores are kept in
`{WORK}/.npmem-progress.json`, on this computer only."""

PROGRESS_CODE = f"""\
from npmem.selfcheck import show_progress

show_progress("../{WORK}")"""

HOW_TO = """\
## How to work through an assignment

1. Open the notebook from the table above and run it from the top (**Run → Run All
   Cells** or <kbd>Shift</kbd>+<kbd>Enter</kbd> cell by cell). Demonstrations print what
   they measure; explorers are interactive: move the controls. In a fresh notebook the
   exercises' test cells fail (nothing is answered yet): Run All carries on past them.
2. Each exercise is a function. Replace `raise NotImplementedError()` with your code and
   run the cell.
3. Run the test cell under it. It prints `✔ visible tests passed` when your function
   passes the visible tests; a failure says what was expected and what your function
   gave. Stuck? Click **Hint** under the test cell.
4. Save (<kbd>Ctrl</kbd>+<kbd>S</kbd>) and run **Check my work**, the notebook's last
   cell. Hidden tests then try your functions on fresh inputs: other shapes, dtypes and
   non-contiguous arrays. A function that only handles the visible examples will not pass
   them, so write the general rule. The table says which exercises pass and what a
   failing test expected; after a checked attempt, `solution("name")` shows a worked
   solution.
5. In a class graded with nbgrader, **Validate** (toolbar) runs the visible tests and you
   submit from the Assignments tab; the instructor's grader then runs the hidden tests.

Restart the kernel (**Kernel → Restart Kernel and Run All Cells**) now and then: the
grader runs your notebook from a fresh start, top to bottom, and so does the check.

## Instructors and self-learners

The repository is also an nbgrader course directory (course id `numpy-memory`); see the
instructors' guide (`docs/instructors.md`) for `make demo`, `make release A=...` and grading a
class. Self-learners need nothing else: the check runs on your own machine or on Binder,
with no instructor."""


def build_index() -> nbformat.NotebookNode:
    rows = ["| # | assignment | notebook |", "|---|---|---|"]
    for n, (aid, name) in enumerate(AUTHORED.items(), start=1):
        link = f"../{WORK}/{aid}/{name}.ipynb"
        rows.append(
            f"| {n} | {title(source_notebook(aid))} | [{WORK}/{aid}/{name}.ipynb]({link}) |"
        )
    order = "## The assignments, in order\n\nEach builds on the ones before it.\n\n" + "\n".join(
        rows
    )

    nb = nbformat.v4.new_notebook()
    nb.metadata = notebook_metadata()
    for k, text in enumerate([INTRO, order, WHERE, PROGRESS_INTRO, HOW_TO]):
        cell = nbformat.v4.new_markdown_cell(text)
        cell.id = f"index-{k}"
        nb.cells.append(cell)
        if text is PROGRESS_INTRO:
            code = nbformat.v4.new_code_cell(PROGRESS_CODE)
            code.id = "index-progress"
            nb.cells.append(code)
    nbformat.validate(nb)
    return nb


def build(check: bool = False) -> bool:
    return write_if_stale(INDEX, nbformat.writes(build_index()) + "\n", check)
