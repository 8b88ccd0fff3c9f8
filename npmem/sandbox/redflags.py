"""Code a person should look at: a static scan of what the student wrote.

A red flag does not change a score. It says "this submission reaches for the grading
machinery" (IPython's internals, ``builtins``, ``sys.modules``, frames, ``ctypes``), "for
things outside the notebook" (the course directory, the gradebook, the network, other
processes) or "for values that can lie" (an ``ndarray`` subclass, a custom ``__eq__``), so
that the instructor can read it. The reference solutions raise none
(``tests/test_sandbox_units.py``).

Only cells the student could have written are scanned: solution cells, and any other code
cell whose source is not exactly one of the release's own cells.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from npmem.grading.cells import meta as cell_meta
from npmem.grading.cells import source as cell_source

from . import pyast

MODULES = {
    "ctypes": "loads C code into the process",
    "cffi": "loads C code into the process",
    "inspect": "inspects the running program",
    "gc": "reaches objects through the garbage collector",
    "socket": "opens network connections",
    "urllib": "opens network connections",
    "http": "opens network connections",
    "requests": "opens network connections",
    "subprocess": "starts other programs",
    "multiprocessing": "starts other processes",
    "signal": "installs signal handlers",
    "sqlite3": "opens databases (the gradebook is one)",
    "IPython": "reaches into IPython's internals",
    "builtins": "can replace Python's built-in functions",
    "importlib": "changes how modules are imported",
    "threading": "starts threads that keep running",
    "atexit": "runs code when the process exits",
}
NAMES = {
    "get_ipython": "reaches into IPython's internals",
    "__builtins__": "can replace Python's built-in functions",
    "__import__": "changes how modules are imported",
    "_getframe": "reads the caller's frames",
    "f_back": "reads the caller's frames",
    "f_globals": "reads the caller's variables",
    "f_locals": "reads the caller's variables",
    "tb_frame": "reads frames through a traceback",
    "__code__": "rewrites functions",
    "__globals__": "reaches other functions' variables",
    "__subclasses__": "walks the class hierarchy",
    "set_custom_exc": "hides errors from the grader",
    "showtraceback": "hides errors from the grader",
    "input_transformers_cleanup": "rewrites later cells",
    "input_transformers_post": "rewrites later cells",
    "ast_transformers": "rewrites later cells",
    "run_cell": "changes how cells run",
    "_exit": "kills the process",
    "exit": "ends the process",
    "quit": "ends the process",
    "fork": "starts processes",
    "kill": "signals other processes",
    "system": "runs shell commands",
    "settrace": "traces the program",
    "setprofile": "traces the program",
    "modules": "can swap modules (sys.modules)",
    "meta_path": "changes how modules are imported",
    "__array_function__": "overrides NumPy functions for its values",
    "__array_ufunc__": "overrides NumPy functions for its values",
    "__eq__": "defines its own equality",
    "exec": "runs code built at run time",
    "eval": "runs code built at run time",
    "compile": "builds code at run time",
    "setattr": "changes attributes by name",
}
STRINGS = [
    (re.compile(r"\.\./|\.\.\\"), "walks up out of its folder"),
    (re.compile(r"gradebook|\.db\b", re.I), "names the gradebook"),
    (
        re.compile(r"(^|/)(source|submitted|autograded|release|exchange|feedback)(/|$)"),
        "names a course folder",
    ),
    (re.compile(r"/proc/|/dev/mem"), "reads process memory or state"),
    (re.compile(r"NBGRADER"), "checks whether it is being graded"),
    (re.compile(r"\.ipynb\b"), "opens notebooks"),
]
PATCHABLE = {"np", "numpy", "npmem", "checks", "measure", "testing", "builtins", "sys"}
LIBRARIES = {"numpy", "npmem", "builtins", "sys", "IPython", "math", "operator"}


@dataclass
class Flag:
    cell: str
    line: int
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.cell} line {self.line}: {self.what} ({self.why})"


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def scan_code(code: str, cell: str) -> list[Flag]:
    try:
        tree = pyast.parse(code)
    except SyntaxError as err:
        return [Flag(cell, err.lineno or 1, "does not parse", "cannot be checked statically")]
    flags: list[Flag] = []
    patchable = set(PATCHABLE)
    for node in ast.walk(tree):  # names bound to the libraries the tests use
        if isinstance(node, ast.Import):
            patchable |= {
                (a.asname or a.name).split(".")[0]
                for a in node.names
                if a.name.split(".")[0] in LIBRARIES
            }
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
            patchable |= {a.asname or a.name for a in node.names}

    def add(node: ast.AST, what: str, why: str) -> None:
        flag = Flag(cell, getattr(node, "lineno", 0), what, why)
        if all((f.line, f.what) != (flag.line, flag.what) for f in flags):
            flags.append(flag)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names]
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{n}" for n in names]
            for name in names:
                top = name.split(".")[0]
                if top in MODULES:
                    add(node, f"import {name}", MODULES[top])
                leaf = name.split(".")[-1]
                if leaf in NAMES:
                    add(node, f"import {name}", NAMES[leaf])
        elif isinstance(node, ast.Name) and node.id in NAMES:
            add(node, node.id, NAMES[node.id])
        elif isinstance(node, ast.Attribute) and node.attr in NAMES:
            dotted = _dotted(node)
            if node.attr in ("modules", "kill", "system", "fork", "exit", "quit") and not (
                dotted.startswith(("sys.", "os."))
            ):
                continue
            add(node, dotted or node.attr, NAMES[node.attr])
        elif isinstance(node, ast.FunctionDef) and node.name in NAMES:
            add(node, f"def {node.name}", NAMES[node.name])
        elif isinstance(node, ast.ClassDef):
            for base in node.bases:
                if _dotted(base).endswith(("ndarray", "memmap", "matrix")):
                    add(
                        node,
                        f"class {node.name}({_dotted(base)})",
                        "a NumPy array subclass can lie to comparisons",
                    )
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute):
                    dotted = _dotted(target)
                    if dotted.split(".")[0] in patchable:
                        add(node, f"{dotted} = ...", "replaces part of a library the tests use")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern, why in STRINGS:
                if pattern.search(node.value):
                    add(node, repr(node.value[:40]), why)
    return sorted(flags, key=lambda f: f.line)


def scan(submitted: dict, release: dict) -> list[Flag]:
    """Red flags in every code cell the student could have written."""
    # the release's own code (read-only cells, tests, demonstrations), left as it was
    instructor = {
        cell_source(c)
        for c in release.get("cells", [])
        if c.get("cell_type") == "code" and not cell_meta(c).get("solution")
    }
    flags = []
    for n, cell in enumerate(submitted.get("cells", [])):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        code = cell_source(cell)
        if code in instructor or not code.strip():
            continue
        label = cell_meta(cell).get("grade_id") or f"cell {n + 1}"
        # IPython magics and shell escapes are not Python: scan the rest
        code = "\n".join(
            "" if ln.lstrip().startswith(("%", "!")) else ln for ln in code.splitlines()
        )
        flags += scan_code(code, label)
    return flags
