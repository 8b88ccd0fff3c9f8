"""Run nbgrader's own command-line tools, as an instructor or as a student would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .catalogue import COURSE_ID


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message carries its command line and output."""


def executable() -> str:
    """The nbgrader next to this Python, so the course's own environment is used."""
    local = Path(sys.executable).with_name("nbgrader")
    found = str(local) if local.exists() else shutil.which("nbgrader")
    if not found:
        raise NbgraderError("nbgrader is not installed in this environment (pip install -e .)")
    return found


def run(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    check: bool = True,
    timeout: float | None = 1800,
) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in ``cwd``; raise NbgraderError on failure when ``check``."""
    full_env = {**os.environ, **(env or {})}
    # nbgrader shells out to `alembic` (and kernels to `python`) by name: put this
    # environment's bin directory first so a fresh gradebook can be created.
    bindir = str(Path(sys.executable).parent)
    full_env["PATH"] = bindir + os.pathsep + full_env.get("PATH", "")
    proc = subprocess.run(
        [executable(), *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise NbgraderError(
            f"nbgrader {' '.join(args)} failed ({proc.returncode}) in {cwd}:\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return proc


def as_student(
    student: str, *args: str, home: Path, exchange: Path, check: bool = True
) -> subprocess.CompletedProcess:
    """Run a student-side command (fetch_assignment, submit, fetch_feedback) from ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    return run(
        *args,
        f"--course={COURSE_ID}",
        f"--student={student}",
        f"--Exchange.root={exchange}",
        f"--Exchange.cache={home / '.nbgrader-cache'}",
        cwd=home,
        env={"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter")},
        check=check,
    )
