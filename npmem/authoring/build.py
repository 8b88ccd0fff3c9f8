"""Build nbgrader source notebooks from percent-format authoring files.

An authoring file ``content/<assignment>.py`` is a Python file in jupytext's percent
format: jupytext reads it into cells (it splits at the ``# %%`` lines, strips the ``# `` of
markdown lines, and turns the commented IPython magics of code cells, such as
``# %load_ext memory_profiler``, back into magics). The words after ``# %%`` are the
course's own::

    # %% [markdown]            a markdown cell; each line loses its leading "# "
    # %%                       an ordinary code cell
    # %% readonly id=setup     a locked cell (learners cannot edit it)
    # %% solution id=f         an autograded answer cell (### BEGIN/END SOLUTION inside)
    # %% tests id=test_f points=2
                               an autograder test cell (### BEGIN/END HIDDEN TESTS inside)
    # %% hint id=f             a hint for exercise f, in markdown, revealed on click
                               (a line "# ---" starts a further, bigger hint)
    # %% check                 the closing "Check my work" cells (no body: generated)

The output is a valid nbformat 4.5 notebook with nbgrader schema-3 metadata,
no outputs and no execution counts: what nbgrader's ``generate_assignment`` reads.

It also rebuilds ``notebooks/index.ipynb`` (the front door) from the assignments' titles.

Usage: ``python -m npmem.authoring.build [--check] [ASSIGNMENT ...]``
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat
from jupytext.formats import get_format_implementation

from npmem.grading.catalogue import ROOT, content_file
from npmem.grading.cells import CHECK_ID, test_id
from npmem.grading.notebook import notebook_metadata


def authored(root: Path = ROOT) -> dict[str, str]:
    """Assignment id -> notebook name, from ``content/``: ``01-strides.py`` -> ``strides``.

    The build's own list (a new lesson has no ``source/`` folder yet); everything
    downstream reads :data:`npmem.grading.catalogue.ASSIGNMENTS`, found in ``source/``.
    """
    return {p.stem: p.stem.split("-", 1)[1] for p in sorted((root / "content").glob("[0-9]*-*.py"))}


AUTHORED = authored()


def source_notebook(assignment: str, root: Path = ROOT) -> Path:
    """Where the build writes ``assignment``'s instructor notebook."""
    return root / "source" / assignment / f"{AUTHORED[assignment]}.ipynb"


# jupytext's reader of the percent format, driven one cell at a time as ``jupytext.reads``
# drives it, so that each cell keeps the line it starts on (for the authoring errors)
PERCENT = get_format_implementation(".py", "percent").cell_reader_class
FORMAT = {"extension": ".py", "format_name": "percent"}
_MARKERS = PERCENT(FORMAT)
KINDS = {"readonly", "solution", "tests", "hint", "check"}

CHECK_INTRO = """\
## Check my work

When you have answered the exercises (or some of them), **save the notebook** (**File →
Save Notebook**, or <kbd>Ctrl</kbd>+<kbd>S</kbd>) and run the cell below. It grades your
*saved* notebook the way the course's grader does: in a fresh kernel, with the visible tests
**and the hidden ones**. The table shows your points for each exercise, which tests pass,
and what a failing test expected and got, never the hidden tests' code. Check as often as
you like: your best score is kept beside your work, and the course's front door
(`index.ipynb` in `my-work/`) shows it.

Stuck? Each exercise has a **Hint** under its test cell. Once you have checked an attempt
at an exercise, `solution("name")` in a new cell shows a worked solution."""

# Printed (on stdout) by a test cell once its visible tests pass. It sits just above the
# hidden tests, so it says nothing about them; a failing visible test never reaches it.
PASS_LINE = "✔ visible tests passed — hidden tests run when you check or submit"

# JupyterLab's Run All and nbclient go on past a cell with this tag when it raises, so a
# blank notebook runs to the end; nbgrader still scores the failing test cell 0.
RAISES = "raises-exception"

CHECK_CODE = """\
# Save first (Ctrl+S): the check grades the saved notebook.
from npmem.selfcheck import check, solution

check("{assignment}")"""


class AuthoringError(ValueError):
    """The authoring file is malformed; the message names file and line."""


def _nbgrader_meta(kind: str, grade_id: str, points: int | None) -> dict:
    meta = {
        "grade": kind == "tests",
        "grade_id": grade_id,
        "locked": kind in ("readonly", "tests"),
        "schema_version": 3,
        "solution": kind == "solution",
        "task": False,
    }
    if kind == "tests":
        meta["points"] = points
    return meta


def with_pass_line(source: str) -> str:
    """A test cell's code with ``print(PASS_LINE)`` at the end of its visible part."""
    lines = source.split("\n")
    at = next((k for k, ln in enumerate(lines) if "### BEGIN HIDDEN TESTS" in ln), len(lines))
    visible = lines[:at]
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in visible):
        return source  # no visible tests: nothing to announce
    while visible and not visible[-1].strip():
        visible.pop()
    gap = [""] if at < len(lines) else []
    return "\n".join([*visible, f"print({PASS_LINE!r})", *gap, *lines[at:]])


def _parse_header(rest: str, where: str) -> tuple[str, dict[str, str]]:
    rest = rest.strip()
    if rest == "[markdown]":
        return "markdown", {}
    if not rest:
        return "code", {}
    words = rest.split()
    kind = words[0]
    attrs: dict[str, str] = {}
    if kind not in KINDS:
        raise AuthoringError(f"{where}: unknown cell kind {kind!r} (use {sorted(KINDS)})")
    if kind == "check":
        if len(words) > 1:
            raise AuthoringError(f"{where}: a check cell takes no attributes")
        return kind, attrs
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep:
            raise AuthoringError(f"{where}: expected key=value, got {word!r}")
        attrs[key] = value
    if "id" not in attrs or not re.fullmatch(r"[A-Za-z0-9_\-]+", attrs["id"]):
        raise AuthoringError(f"{where}: {kind} cell needs id=<letters, digits, _ or ->")
    if kind == "tests":
        if not attrs.get("points", "").isdigit() or int(attrs["points"]) < 1:
            raise AuthoringError(f"{where}: tests cell needs points=<positive integer>")
    return kind, attrs


def _check_markdown_lines(lines: list[str], first: int, name: str) -> None:
    """Markdown lines are comments (``# text`` or ``#``) or blank; ``first`` is the line
    number of ``lines[0]``. jupytext would take ``#text`` too: the course does not."""
    for lineno, line in enumerate(lines, start=first):
        if line and line != "#" and not line.startswith("# "):
            raise AuthoringError(f"{name}:{lineno}: markdown line must start with '# ': {line!r}")


# jupytext's rule for a code cell: a comment is a magic, and loses one "# ", when its text
# starts with % or %% and a letter (``# %memit x``, ``# x = %memit y``; not ``# % of``) or
# continues such a line ending in a backslash. It uncomments a shell escape (``# !ls``), a
# help query (``# np.ones?``) and a shell command it knows by name (``# cd dir``, ``# ls``)
# too: none of these is in a lesson, so such a line is a comment to escape or reword.
MAGIC_LINE = re.compile(r"^\s*(?:[A-Za-z_]\w*\s*=\s*)?%{1,2}[A-Za-z]")


def _check_uncommented(raw: list[str], read: list[str], first: int, name: str) -> None:
    """``read`` (jupytext's reading of code lines ``raw``) uncomments magics only."""
    continued = False
    for lineno, (before, after) in enumerate(zip(raw, read, strict=True), start=first):
        code = before != after and not after.lstrip().startswith("#")  # "# # x" is escaped
        if code and not continued and not MAGIC_LINE.match(after):
            raise AuthoringError(
                f"{name}:{lineno}: jupytext reads this comment as code ({after.strip()!r}); "
                f"to keep it a comment, write '# {before.lstrip()}' or reword it"
            )
        continued = code and after.rstrip().endswith("\\")


def hint_markdown(exercise: str, text: str) -> str:
    """Hints that open on a click (HTML ``<details>``), then where the worked solution is."""
    parts = [p.strip("\n") for p in re.split(r"(?m)^---\s*$", text) if p.strip()]
    blocks = []
    for k, part in enumerate(parts, start=1):
        label = "Hint" if len(parts) == 1 else f"Hint {k} of {len(parts)}"
        blocks.append(
            f'<details class="npmem-hint">\n<summary><b>{label}</b> for <code>{exercise}</code>'
            f"</summary>\n\n{part}\n\n</details>"
        )
    blocks.append(
        f"*Worked solution:* once you have checked an attempt (the **Check my work** cell at "
        f'the end), run `solution("{exercise}")` in a new cell.'
    )
    return "\n\n".join(blocks)


def _check_cells(assignment: str | None, where: str) -> list[nbformat.NotebookNode]:
    if not assignment:
        raise AuthoringError(f"{where}: a check cell needs to know its assignment id")
    intro = nbformat.v4.new_markdown_cell(CHECK_INTRO)
    intro.id = "check-intro"
    code = nbformat.v4.new_code_cell(CHECK_CODE.format(assignment=assignment))
    code.id = CHECK_ID
    code.metadata["nbgrader"] = _nbgrader_meta("readonly", CHECK_ID, None)
    return [intro, code]


def _assignment_of(name: str) -> str | None:
    stem = name.rsplit("/", 1)[-1].removesuffix(".py")
    return stem if re.fullmatch(r"\d\d-[a-z]+", stem) else None


def _read_cells(text: str, name: str) -> list[tuple[str, dict[str, str], str, str]]:
    """(kind, attributes, source, "file:line") of each cell, as jupytext reads it.

    jupytext reads each cell from a plain percent-format marker (``# %% [markdown]`` for
    markdown and hint cells, ``# %%`` for code cells): the words after ``# %%`` are the
    course's, parsed here. Magics are uncommented in code cells only (in a markdown cell
    jupytext would read ``# # Why?``, a heading, as the help query ``Why?``).
    """
    lines = text.splitlines()
    cells = []
    pos = 0
    while pos < len(lines):
        line = lines[pos]
        marked = bool(_MARKERS.start_code_re.match(line))
        marked = marked or bool(_MARKERS.alternative_start_code_re.match(line))
        where = f"{name}:{pos + 1}"
        kind, attrs = _parse_header(line.partition("%%")[2], where) if marked else ("", {})
        markdown = kind in ("markdown", "hint")
        reader = PERCENT({**FORMAT, "comment_magics": not markdown})
        header = "# %% [markdown]" if markdown else "# %%"
        cell, size = reader.read([header if marked else line, *lines[pos + 1 :]])
        first = pos + 1 + marked  # the line number of the cell's first line
        body = lines[pos + marked : pos + size]
        if not marked:  # the lines before the first marker: comments only, and no cell
            for lineno, code in enumerate(body, start=first):
                if code.strip() and not code.startswith("#"):
                    raise AuthoringError(f"{name}:{lineno}: code before the first '# %%' marker")
        elif markdown:
            _check_markdown_lines(body, first, name)
        else:
            _check_uncommented(reader.org_content, reader.content, first, name)
        if marked:
            cells.append((kind, attrs, cell.source.strip("\n"), where))
        pos += size
    return cells


MIN_EXERCISES = 6  # an assignment's exercises, each a function the learner writes


def parse(
    text: str, name: str = "<content>", assignment: str | None = None, whole: bool = False
) -> nbformat.NotebookNode:
    """Turn authoring text into a notebook (``assignment`` defaults to the file's stem).

    Every cell is checked as it is read; with ``whole`` (a course file, as :func:`build`
    reads it) the assignment is checked as a whole too: at least :data:`MIN_EXERCISES`
    exercises, each with one hint cell after its tests.
    """
    assignment = assignment or _assignment_of(name)
    nb = nbformat.v4.new_notebook()
    nb.metadata = notebook_metadata()
    cells = _read_cells(text, name)
    seen: set[str] = set()
    exercises: dict[str, str] = {}  # solution id -> where its cell starts
    tested: set[str] = set()
    pending: str | None = None  # the solution cell waiting for its tests cell
    hinted: set[str] = set()
    checked = False
    index = -1  # hint and check cells do not count, so other cells keep their ids
    for kind, attrs, source, where in cells:
        index += kind not in ("hint", "check")
        if checked and kind in ("solution", "tests", "check"):
            raise AuthoringError(
                f"{where}: {kind} cell after the check cell, which ends a notebook"
            )
        if kind == "check":
            if source.strip():
                raise AuthoringError(f"{where}: a check cell has no body (it is generated)")
            nb.cells.extend(_check_cells(assignment, where))
            checked = True
            continue
        if kind == "hint":
            exercise = attrs["id"]
            if exercise not in exercises:
                raise AuthoringError(f"{where}: hint for {exercise!r}, which is no exercise above")
            if exercise in hinted:
                raise AuthoringError(f"{where}: a second hint cell for {exercise!r}")
            if whole and exercise not in tested:
                raise AuthoringError(f"{where}: the hint for {exercise!r} comes before its tests")
            hinted.add(exercise)
            if not source.strip():
                raise AuthoringError(f"{where}: empty hint")
            cell = nbformat.v4.new_markdown_cell(hint_markdown(exercise, source))
            cell.id = f"hint-{exercise}"
            nb.cells.append(cell)
            continue
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(source)
            cell.id = f"md-{index:03d}"
        else:
            cell = nbformat.v4.new_code_cell(source)
            cell.id = f"code-{index:03d}"
            if kind != "code":
                grade_id = attrs["id"]
                if grade_id in seen:
                    raise AuthoringError(f"{where}: duplicate id {grade_id!r}")
                seen.add(grade_id)
                points = int(attrs["points"]) if kind == "tests" else None
                cell.metadata["nbgrader"] = _nbgrader_meta(kind, grade_id, points)
                cell.id = grade_id
                _check_markers(kind, source, where)
                if kind == "tests":
                    cell.source = with_pass_line(source)
                    cell.metadata["tags"] = [RAISES]
                if kind == "solution":
                    _check_function(source, grade_id, where)
                    exercises[grade_id] = where
                    pending = grade_id
                if kind == "tests":
                    if pending is None:
                        raise AuthoringError(
                            f"{where}: tests cell {grade_id!r} follows no exercise"
                        )
                    if grade_id != test_id(pending):
                        raise AuthoringError(
                            f"{where}: tests cell {grade_id!r} after exercise {pending!r}: "
                            f"its id must be {test_id(pending)!r}"
                        )
                    tested.add(pending)
                    pending = None
        if not cell.source.strip():
            raise AuthoringError(f"{where}: empty cell")
        nb.cells.append(cell)
    if whole:
        _check_whole(exercises, tested, hinted, name)
    nbformat.validate(nb)
    return nb


def _check_function(source: str, grade_id: str, where: str) -> None:
    """An exercise is a function the learner writes: the solution cell defines one."""
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise AuthoringError(
            f"{where}: solution cell {grade_id!r} is not Python ({err.msg})"
        ) from None
    if not any(isinstance(n, ast.FunctionDef) for n in tree.body):
        raise AuthoringError(
            f"{where}: solution cell {grade_id!r} defines no function "
            "(an exercise is a function the learner writes)"
        )


def _check_whole(exercises: dict[str, str], tested: set[str], hinted: set[str], name: str):
    for exercise, where in exercises.items():
        if exercise not in tested:
            raise AuthoringError(f"{where}: exercise {exercise!r} has no tests cell after it")
        if exercise not in hinted:
            raise AuthoringError(f"{where}: exercise {exercise!r} has no hint cell after its tests")
    if len(exercises) < MIN_EXERCISES:
        raise AuthoringError(
            f"{name}:1: {len(exercises)} exercise(s); an assignment has at least {MIN_EXERCISES}"
        )


def _check_markers(kind: str, source: str, where: str) -> None:
    if kind == "solution" and "### BEGIN SOLUTION" not in source:
        raise AuthoringError(f"{where}: solution cell without '### BEGIN SOLUTION'")
    if kind == "tests" and "### BEGIN HIDDEN TESTS" not in source:
        raise AuthoringError(f"{where}: tests cell without hidden tests")
    if kind == "tests":
        last = [ln for ln in source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if last and not last[-1].startswith((" ", "\t")) and _is_bare_expression(last[-1]):
            raise AuthoringError(
                f"{where}: tests cell ends in a bare expression; nbgrader would take it "
                "as a partial score"
            )


def _is_bare_expression(line: str) -> bool:
    import ast

    try:
        tree = ast.parse(line)
    except SyntaxError:
        return False
    return (
        bool(tree.body)
        and isinstance(tree.body[-1], ast.Expr)
        and not isinstance(tree.body[-1].value, ast.Call)
    )


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def build(assignment: str, check: bool = False) -> bool:
    """Write (or with ``check``, compare) one source notebook; True when up to date."""
    src = content_file(assignment)
    text = render(
        parse(src.read_text(), str(src.relative_to(src.parents[1])), assignment, whole=True)
    )
    return write_if_stale(source_notebook(assignment), text, check)


def write_if_stale(out: Path, text: str, check: bool) -> bool:
    """True when ``out`` already holds ``text``; else write it (unless ``check``)."""
    current = out.read_text() if out.exists() else None
    if current == text:
        return True
    if not check:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=list(AUTHORED))
    parser.add_argument("--check", action="store_true", help="fail if a notebook is stale")
    args = parser.parse_args(argv)
    stale = []
    for assignment in args.assignments:
        try:
            fresh = build(assignment, check=args.check)
        except AuthoringError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        if not fresh:
            stale.append(assignment)
            print(("stale: " if args.check else "built: ") + str(source_notebook(assignment)))
    from . import index

    if not index.build(check=args.check):
        stale.append("index")
        print(("stale: " if args.check else "built: ") + str(index.INDEX))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
