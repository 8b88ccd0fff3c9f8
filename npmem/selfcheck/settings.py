"""The course's grading settings, read from its ``nbgrader_config.py``.

The check grades as ``nbgrader autograde`` does, so it takes the same per-cell timeout,
the same stderr pattern to ignore and the same rule for deleted test cells from the
course's own configuration. Defaults are nbgrader 0.9's.

The file is read, not run: running it in a learner's kernel would run whatever else an
instructor's configuration does (set up kernels, read environment variables). Only plain
top-level assignments of literal values, ``c.Section.key = <literal>``, are taken;
``tests/test_selfcheck_unit.py`` checks they agree with what traitlets loads.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# nbgrader.preprocessors.Execute.error_on_timeout, what a timed-out cell records
TIMEOUT_ERROR = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
}


@dataclass(frozen=True)
class Settings:
    timeout: int | None = 30  # Execute.timeout, seconds per cell
    interrupt_on_timeout: bool = True  # Execute.interrupt_on_timeout
    ignore_pattern: str | None = None  # IgnorePattern.pattern when IgnorePattern.enabled
    add_missing_cells: bool = False  # OverwriteCells.add_missing_cells
    ignore: tuple[str, ...] = (".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback")


def literal_assignments(text: str) -> dict[tuple[str, str], object]:
    """``{(section, key): value}`` for every top-level ``c.section.key = <literal>``."""
    found = {}
    for stmt in ast.parse(text).body:
        if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
            continue
        target = stmt.targets[0]
        if not (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Attribute)
            and isinstance(target.value.value, ast.Name)
            and target.value.value.id == "c"
        ):
            continue
        try:
            value = ast.literal_eval(stmt.value)
        except ValueError:
            continue
        found[target.value.attr, target.attr] = value
    return found


def load(root: Path) -> Settings:
    """Settings from ``root/nbgrader_config.py``; nbgrader's defaults when it is absent."""
    config_file = root / "nbgrader_config.py"
    if not config_file.is_file():
        return Settings()
    cfg = literal_assignments(config_file.read_text())
    base = Settings()
    enabled = cfg.get(("IgnorePattern", "enabled"), False)
    pattern = cfg.get(("IgnorePattern", "pattern")) if enabled else None
    return Settings(
        timeout=cfg.get(("Execute", "timeout"), base.timeout),
        interrupt_on_timeout=cfg.get(("Execute", "interrupt_on_timeout"), True),
        ignore_pattern=pattern or None,
        add_missing_cells=cfg.get(("OverwriteCells", "add_missing_cells"), False),
        ignore=tuple(cfg.get(("CourseDirectory", "ignore"), base.ignore)),
    )
