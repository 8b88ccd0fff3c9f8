"""The package's layers, the imports between them, and the package map of docs/architecture.md.

Layers follow the data's path. A module may import its own package, the layers below
its own, and nothing else: the topic modules (what notebooks import) import no grading
code; the grading core imports no front-end; the front-ends (authoring, self-check,
sandbox) import the core but not each other; the instructor tools drive the sandbox; the
cluster drives the instructor tools; only the ``npmem`` command (``npmem.cli``) imports
``dev``.

``python -m npmem.dev.package_map`` rewrites the map in docs/architecture.md;
``tests/test_architecture.py`` fails when it is stale or when an import runs backwards.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from .pages import between

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
PAGE = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- package map: begin -->", "<!-- package map: end -->"

# (name, packages in it, what it is), lowest first
LAYERS: list[tuple[str, tuple[str, ...], str]] = [
    ("topic", ("npmem",), "what the notebooks import: checks, measurements, the explorers' logic"),
    ("explorers", ("npmem.explorers",), "the ipywidgets wiring over the topic modules"),
    ("core", ("npmem.grading",), "the grading core: catalogue, cells, configuration, gradebook"),
    (
        "front-ends",
        ("npmem.authoring", "npmem.selfcheck", "npmem.sandbox"),
        "build the course; check a learner's work; run hand-ins safely (not each other)",
    ),
    ("instructor", ("npmem.instructor",), "a class through nbgrader's commands and exchange"),
    ("cluster", ("npmem.cluster",), "the instructor's grading on a Dask cluster"),
    ("dev", ("npmem.dev",), "demo, benchmarks, sample class, mutation pass"),
    ("command line", ("npmem.cli",), "the npmem command: one entry to every module's own"),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def package_of(module: str) -> str:
    """The package of a layer a module belongs to: the longest listed prefix."""
    best = ""
    for _, packages, _ in LAYERS:
        for p in packages:
            inside = module == p or module.startswith(p + ".")
            # a top-level module (npmem.checks) is in "npmem"; npmem.selfcheck.x is not
            if p == "npmem":
                inside = module == "npmem" or module.count(".") == 1
            if inside and len(p) > len(best):
                best = p
    return best


def layer_of(module: str) -> int:
    pkg = package_of(module)
    for i, (_, packages, _) in enumerate(LAYERS):
        if pkg in packages:
            return i
    raise KeyError(module)


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``npmem`` import in the file, at any depth (function-level too)."""
    tree = ast.parse(path.read_text(), str(path))
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]  # the package a relative import starts from
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "npmem"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "npmem":
                continue
            if node.module is None or node.level and not node.module:
                # from . import x: each name is a module of that package
                found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return found


def backward_imports() -> list[str]:
    """Every import that points up the layers or across to a sibling front-end."""
    wrong = []
    for path in modules():
        mine = module_name(path)
        my_pkg, my_layer = package_of(mine), layer_of(mine)
        for line, target in imports(path):
            their_pkg, their_layer = package_of(target), layer_of(target)
            if their_pkg == my_pkg or their_layer < my_layer:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            mine_is, theirs_is = LAYERS[my_layer][0], LAYERS[their_layer][0]
            wrong.append(f"{where}: {mine} ({mine_is}) imports {target} ({theirs_is})")
    return wrong


def first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ").replace("|", "\\|")


def render() -> str:
    out = [""]
    for name, packages, what in LAYERS:
        out += [f"### {name}: {what}", "", "| module | what it does |", "|---|---|"]
        for path in modules():
            if package_of(module_name(path)) in packages:
                out.append(f"| `{path.relative_to(ROOT)}` | {first_line(path)} |")
        out.append("")
    return "\n".join(out)


def updated(page: str) -> str:
    return between(page, BEGIN, END, render())


def main(argv: list[str] | None = None) -> int:
    PAGE.write_text(updated(PAGE.read_text()))
    print(f"wrote the package map of {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
