"""The course's nbgrader configuration, read in one place, in the two ways it is needed.

* :func:`open_course`: nbgrader's API on a course directory, configured exactly as the
  ``nbgrader`` command configures itself there (Jupyter config paths, then the course's
  ``nbgrader_config.py``). The instructor's tools, the sandbox and the cluster use it.
* :func:`load`: the few grading settings the learner's check needs (per-cell timeout,
  stderr pattern, deleted test cells, ignored files, ClearSolutions' markers), read from
  ``nbgrader_config.py`` without running it: running it in a learner's kernel would run
  whatever else an instructor's configuration does. Only plain top-level assignments of
  literal values, ``c.Section.key = <literal>``, are taken; ``tests/test_selfcheck_unit.py``
  checks they agree with what traitlets loads. Defaults are nbgrader 0.9's.

Loading ``nbgrader_config.py`` changes no environment variable (``tests/test_config.py``).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def chdir(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@dataclass(frozen=True)
class NbgraderSettings:
    """What the trusted side needs of the course's nbgrader configuration."""

    db_url: str
    ignore_pattern: str | None  # IgnorePattern.pattern when IgnorePattern.enabled


def ignore_pattern(config) -> str | None:
    """nbgrader's ``IgnorePattern`` as ``config`` sets it: its pattern, or None when off."""
    from nbgrader.preprocessors import IgnorePattern

    pp = IgnorePattern(config=config)
    return pp.pattern if pp.enabled and pp.pattern else None


def _environment() -> tuple:
    return tuple(
        os.environ.get(k)
        for k in ("NPMEM_DB_URL", "JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR", "HOME")
    )


def nbgrader_settings(root: Path) -> NbgraderSettings:
    """The course's settings as ``nbgrader`` run from ``root`` loads them: every Jupyter
    config directory (``/etc/jupyter``, ``~/.jupyter``, ``JUPYTER_CONFIG_PATH``...), then
    ``root/nbgrader_config.py``. Cached per course and environment."""
    return _nbgrader_settings(str(Path(root).resolve()), _environment())


def course_config(root: Path):
    """The traitlets ``Config`` that ``nbgrader`` run from ``root`` loads (a copy)."""
    import copy

    return copy.deepcopy(_course_app(str(Path(root).resolve()), _environment()).config)


@functools.lru_cache(maxsize=64)
def _course_app(root: str, env: tuple):
    from nbgrader.apps.baseapp import NbGrader

    with chdir(Path(root)):
        app = NbGrader()
        app.initialize([f"--CourseDirectory.root={root}", "--log-level=ERROR"])
        return app


@functools.lru_cache(maxsize=64)
def _nbgrader_settings(root: str, env: tuple) -> NbgraderSettings:
    app = _course_app(root, env)
    return NbgraderSettings(str(app.coursedir.db_url), ignore_pattern(app.config))


def open_course(root: Path, *overrides: str):
    """nbgrader's API on the course at ``root``, configured like ``nbgrader`` run from there.

    The configuration is read as the command line reads it (Jupyter config paths, then
    ``root/nbgrader_config.py``); ``overrides`` are command-line style settings such as
    ``--CourseDirectory.db_url=...``, and win over the files.
    """
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.apps.baseapp import NbGrader
    from sqlalchemy.exc import SAWarning

    # nbgrader's gradebook code triggers SQLAlchemy 2 "not in session" warnings about
    # relationships it fills in later; they say nothing to an instructor
    warnings.filterwarnings("ignore", category=SAWarning, message=".*not in session.*")

    root = Path(root).resolve()
    with chdir(root):
        app = NbGrader()
        app.initialize([f"--CourseDirectory.root={root}", "--log-level=WARN", *overrides])
        api = NbGraderAPI(coursedir=app.coursedir, parent=app)
    return api


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


def section(root: Path, name: str) -> dict[str, object]:
    """The literal settings of one section (``ClearSolutions``...) of the course's config."""
    config_file = Path(root) / "nbgrader_config.py"
    if not config_file.is_file():
        return {}
    found = literal_assignments(config_file.read_text())
    return {key: value for (sec, key), value in found.items() if sec == name}


def load(root: Path) -> Settings:
    """Settings from ``root/nbgrader_config.py``; nbgrader's defaults when it is absent."""
    config_file = root / "nbgrader_config.py"
    if not config_file.is_file():
        return Settings()
    cfg: dict[tuple[str, str], Any] = literal_assignments(config_file.read_text())
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
