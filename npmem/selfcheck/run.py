"""Stock nbgrader's run, for comparisons only (``full=True``): every cell, in a fresh kernel.

Every cell runs one at a time with its tags, the way ``nbgrader autograde`` without the
course's grader runs them. The learner's check itself runs answers in the grading engine
(``npmem.grading.answers``); benchmarks and the parity tests use this run to show that
skipping the demonstrations changes no score.

The kernel is a new process of this same Python, started in a scratch copy of the
learner's folder with ``NBGRADER_EXECUTION=autograde`` in its environment (so the
notebook behaves exactly as under nbgrader: explorers stay idle and the check cell
does nothing). Execution mirrors nbgrader's ``Execute`` preprocessor: errors do not
stop the run, each cell has the course's timeout and is interrupted when it runs out,
a timed-out cell records nbgrader's ``CellTimeoutError``, and the kernel keeps its
history in memory. The kernel's own console output goes to a log file, never to the
learner's notebook.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from npmem.grading import rules
from npmem.grading.config import TIMEOUT_ERROR, Settings

from . import plan
from .report import Exercise


@dataclass
class Step:
    """One thing to execute: a whole cell, or the visible or hidden part of a test cell."""

    source: str
    part: str  # "cell", "visible" or "hidden"
    tags: list[str] = field(default_factory=list)
    outputs: list = field(default_factory=list)
    ran: bool = False
    seconds: float = 0.0

    @property
    def error(self):
        return next((o for o in self.outputs if o.get("output_type") == "error"), None)


def _quiet_log() -> logging.Logger:
    log = logging.getLogger("npmem.selfcheck.kernel")
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    log.propagate = False
    return log


def _kernel_manager():
    """A kernel manager whose ``python3`` kernel is this very interpreter."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())

    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())


def kernel_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JPY_SESSION_NAME", "JPY_PARENT_PID")}
    env["NBGRADER_EXECUTION"] = "autograde"
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


def _record_reply_error(cell, cell_index, execute_reply):
    """nbgrader's Execute.on_cell_executed: an error reply always leaves an error output."""
    content = execute_reply["content"]
    if content["status"] != "error":
        return
    if any(o.output_type == "error" and o.ename == content["ename"] for o in cell.outputs):
        return
    out = nbformat.NotebookNode(output_type="error")
    out.ename, out.evalue = content["ename"], content["evalue"]
    out.traceback = content["traceback"] or ["ERROR: an error occurred"]
    cell.outputs.append(out)


class KernelDied(RuntimeError):
    """The grading kernel stopped (out of memory, a crash, ``os._exit``)."""


def execute(
    steps: list[Step],
    cwd: Path,
    settings: Settings,
    *,
    skip: Callable[[int, list[Step]], bool] = lambda i, steps: False,
    progress: Callable[[int, int], None] | None = None,
) -> float:
    """Run ``steps`` in order in one fresh kernel; return the kernel start-up seconds.

    ``skip(i, steps)`` is asked before step ``i`` runs (it sees the earlier results).
    Raises KernelDied with the index of the step that was running.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s.source, metadata={"tags": s.tags}) for s in steps]
    client = NotebookClient(
        nb,
        km=_kernel_manager(),
        timeout=settings.timeout,
        interrupt_on_timeout=settings.interrupt_on_timeout,
        error_on_timeout=dict(TIMEOUT_ERROR),
        raise_on_iopub_timeout=True,
        allow_errors=True,
        shutdown_kernel="immediate",
        on_cell_executed=_record_reply_error,
        resources={"metadata": {"path": str(cwd)}},
        log=_quiet_log(),
    )
    started = time.perf_counter()
    with open(cwd.parent / "kernel.log", "ab") as kernel_log:
        with client.setup_kernel(
            env=kernel_env(), stdout=kernel_log, stderr=subprocess.STDOUT, cleanup_kc=True
        ):
            startup = time.perf_counter() - started
            budget_left = None
            for i, step in enumerate(steps):
                if skip(i, steps):
                    continue
                if progress:
                    progress(i, len(steps))
                # the two parts of one test cell share the cell's time budget
                if step.part == "hidden" and budget_left is not None:
                    client.timeout = budget_left
                else:
                    client.timeout, budget_left = settings.timeout, None
                begin = time.perf_counter()
                try:
                    cell = client.execute_cell(nb.cells[i], i)
                except DeadKernelError as err:
                    raise KernelDied(i) from err
                step.seconds = time.perf_counter() - begin
                step.outputs, step.ran = list(cell.outputs), True
                if step.part == "visible" and settings.timeout:
                    budget_left = max(1, int(settings.timeout - step.seconds))
    return startup


def every_cell(cells: list[plan.Cell], cwd: Path, settings: Settings, progress=None):
    """Run every cell of ``cells`` with its tags in one fresh kernel, as stock nbgrader.

    Returns ({test cell index: Exercise}, {cell index: its error message}, the kernel
    start-up seconds, notes). Each test cell runs as its visible and its hidden part, one
    after the other (exactly the statements of the whole cell, in order), so the report
    can say which part failed.
    """
    steps: list[Step] = []
    owner: list[int] = []
    for i, cell in enumerate(cells):
        if cell.kind == "tests":
            visible, hidden = plan.split_test(cell.source)
            parts = [("visible", visible)] if visible.strip() else []
            parts += [("hidden", hidden)] if hidden is not None else []
        else:
            parts = [("cell", cell.source)]
        for part, text in parts:
            steps.append(Step(text, part, cell.tags))
            owner.append(i)

    def skip(k: int, steps: list[Step]) -> bool:
        # as in the whole cell, the hidden part never runs once the visible part failed
        return (
            steps[k].part == "hidden"
            and k > 0
            and owner[k - 1] == owner[k]
            and steps[k - 1].error is not None
        )

    notes: list[str] = []
    startup = 0.0
    try:
        startup = execute(steps, cwd, settings, skip=skip, progress=progress)
    except KernelDied as died:
        cell = cells[owner[died.args[0]]]
        what = f"the tests of {cell.grade_id}" if cell.kind == "tests" else "a cell"
        notes.append(
            f"The kernel stopped while running {what} (out of memory, or a crash), so "
            "nothing after it was checked. nbgrader would not grade this notebook at all: "
            "find what uses so much memory and run the check again."
        )
    cell_errors: dict[int, str] = {}
    for step, i in zip(steps, owner, strict=True):
        if step.part == "cell" and step.error is not None:
            cell_errors[i] = rules.error_message(rules.first_error(step.outputs), settings.timeout)
    results: dict[int, Exercise] = {}
    for i, cell in enumerate(cells):
        if cell.kind == "tests":
            by_part = {
                steps[k].part: steps[k]
                for k in range(len(steps))
                if owner[k] == i and steps[k].part in ("visible", "hidden")
            }
            results[i] = _exercise(cell, by_part, settings)
    return results, cell_errors, startup, notes


def _state(step: Step | None, outputs: list) -> str:
    if step is None:
        return "none"
    if not step.ran:
        return "not run"
    return "fail" if rules.failed(outputs) else "pass"


def _exercise(cell: plan.Cell, parts: dict[str, Step], settings: Settings) -> Exercise:
    visible, hidden = parts.get("visible"), parts.get("hidden")
    pattern = settings.ignore_pattern
    v_out = rules.ignore_stderr(visible.outputs if visible else [], pattern)
    h_out = rules.ignore_stderr(hidden.outputs if hidden else [], pattern)
    # the visible part is not the end of the cell: a value it displays is not a score
    combined = [o for o in v_out if o.get("output_type") != "execute_result"] + h_out
    ran = any(s.ran for s in parts.values())
    max_points = float(cell.points or 0)
    refused = ""
    try:
        points = rules.score(combined, max_points) if ran or not parts else 0.0
    except ValueError as err:  # nbgrader fails the whole notebook on this
        points, refused = 0.0, f"the test displayed a value nbgrader refuses: {err}"
    error = rules.first_error(combined)
    if error is not None:
        message = rules.error_message(error, settings.timeout)
    else:
        message = refused or rules.stderr_message(combined) or ""
    if not message and points < max_points:
        message = "the test displayed a partial score" if ran else "not run"
    return Exercise(
        0,
        "",
        points,
        max_points,
        _state(visible, v_out),
        _state(hidden, h_out),  # "not run" when the visible part failed first
        message,
        True,
        cell.grade_id or "",
    )
