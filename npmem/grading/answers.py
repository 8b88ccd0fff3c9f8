"""Re-check one submission in the sandbox, exercise by exercise (the trusted side).

:func:`recheck` starts :mod:`.harness` in a fresh :class:`~.box.Box`, sends it the
instructor's setup cells, then one job per exercise (the student's solution cells and the
instructor's test), and turns the harness's reports into an :class:`Outcome` per test
cell. A report counts only if it carries this run's nonce. The rules:

* an exercise's job runs the solution cells before its test (a later answer may use an
  earlier function); when a job dies or hangs inside an *earlier* exercise's cell, that
  cell is dropped and the job runs again, so one crash costs one exercise only;
* a job that dies, hangs past ``Limits.verify_timeout`` or reports nothing scores 0 for
  that exercise, with the reason;
* when the harness itself dies, a new box is started for the remaining exercises.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import functools
import json
import queue
import secrets
import subprocess
import threading
import time
from dataclasses import dataclass, field

from npmem.grading import rules

from . import jail, pyast
from .box import Box
from .settings import Limits
from .sources import Plan


@dataclass
class Outcome:
    """The verdict on one test cell."""

    test_id: str
    points: float
    status: str  # pass | fail | tampered | crashed | timeout | missing | error
    score: float
    detail: str = ""
    blocked: list[str] = field(default_factory=list)
    tampering: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # earlier cells left out (they crashed)


HARNESS = "import os, npmem.sandbox.harness as h; os._exit(h.main())"


class Harness:
    """One running harness in one box."""

    def __init__(self, plan: Plan, limits: Limits, imports: list[str]):
        self.limits = limits
        self.box = Box(limits).__enter__()
        self.nonce = secrets.token_hex(16)
        self.proc = self.box.popen(
            # imported, not run as __main__: the harness's own functions then live in a
            # module the guard snapshots (npmem.*) and restores after student code
            jail.python_c(HARNESS),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            wall_seconds=limits.submission_timeout,
        )
        self.lines: queue.Queue = queue.Queue()
        # the last lines the harness wrote to stderr: why it did not start, if it did not
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self._send(
            {
                "nonce": self.nonce,
                "imports": imports,
                "setup": [{"id": gid, "code": code} for gid, code in plan.setup],
            }
        )
        ready = self._next(timeout=limits.verify_timeout)
        if ready is None or ready.get("type") != "ready":
            detail = (ready or {}).get("detail") or self._why_not_started()
            self.close()
            raise RuntimeError(f"setup cells failed in the sandbox: {detail}")

    def _read(self) -> None:
        assert self.proc.stdout is not None  # started with stdout=PIPE
        for raw in self.proc.stdout:
            try:
                msg = ast.literal_eval(raw.decode("utf-8", "replace").strip())
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                continue
            if isinstance(msg, dict) and msg.get("nonce") == self.nonce:
                self.lines.put(msg)
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None  # started with stderr=PIPE
        for raw in self.proc.stderr:
            self.stderr_tail.append(raw.decode("utf-8", "replace").rstrip()[:300])

    def _why_not_started(self) -> str:
        """One line: the verifier did not start, and the last thing it said, if anything."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)  # let its last words arrive
        time.sleep(0.1)
        said = [line for line in self.stderr_tail if line.strip()]
        return "the verifier did not start" + (f": {said[-1].strip()}" if said else "")

    def _send(self, msg: dict) -> None:
        assert self.proc.stdin is not None  # started with stdin=PIPE
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        self.proc.stdin.flush()

    def _next(self, timeout: float) -> dict | None:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, job: dict) -> tuple[dict | None, str | None, dict | None]:
        """(result report, last cell started, exit report) of one job."""
        job = {
            **job,
            "timeout": self.limits.verify_timeout,
            "cpu": int(self.limits.verify_timeout) + 1,
        }
        try:
            self._send(job)
        except (BrokenPipeError, OSError):
            return None, None, None
        result, cell, ended = None, None, None
        deadline = time.monotonic() + self.limits.verify_timeout + 15
        while ended is None and time.monotonic() < deadline:
            msg = self._next(timeout=1.0)
            if msg is None:
                if not self.alive():
                    break
                continue
            if msg.get("job") != job["job"]:
                continue
            kind = msg.get("type")
            if kind == "progress":
                cell = msg.get("cell")
            elif kind == "result" and result is None:
                result = msg
            elif kind == "exit":
                ended = msg
        return result, cell, ended

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self._send({"quit": True})
                self.proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
        self.box.__exit__(None, None, None)


def imports_of(codes: list[str]) -> list[str]:
    """Modules the instructor's code imports, to load before any student code runs."""
    return sorted({name for code in codes for name in _imports(code)})


@functools.lru_cache(maxsize=1024)
def _imports(code: str) -> tuple[str, ...]:
    """The modules one cell imports (the same instructor cells come with every student)."""
    try:
        tree = pyast.parse(code)
    except SyntaxError:
        return ()
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return tuple(names)


def _score(result: dict, points: float) -> float:
    """The test cell's score from its last expression, by nbgrader's own rule.

    ``value`` is the ``repr`` of the cell's last expression, what IPython shows as its
    ``text/plain`` output; nbgrader's ``get_partial_grade`` turns it into points (a number
    within [0, points] is the score; anything else, a negative number included, gives full
    points; a number above the points is refused with ``ValueError``, as in nbgrader).
    """
    value = result.get("value")
    if value is None:
        return points
    output = {"output_type": "execute_result", "data": {"text/plain": value}}
    return rules.partial_grade(output, points)


def recheck(
    plan: Plan,
    answers: dict[str, str],
    limits: Limits | None = None,
    warnings: list[str] | None = None,
) -> list[Outcome]:
    """Verdicts for every exercise of ``plan`` on the student's ``answers`` (id -> code).

    What the sandbox could not enforce (no cgroup, for example) is added to ``warnings``.
    """
    limits = limits or Limits.from_env()
    imports = imports_of([c for _, c in plan.setup] + [e.test_code for e in plan.exercises])
    outcomes: list[Outcome] = []
    poisoned: dict[str, str] = {}  # earlier solution cell -> why it is left out
    harness: Harness | None = None
    try:
        for ex in plan.exercises:
            if not any(sid in answers for sid in ex.solution_ids):
                outcomes.append(
                    Outcome(
                        ex.test_id,
                        ex.points,
                        "missing",
                        0.0,
                        "no solution cell for this exercise in the submission",
                    )
                )
                continue
            dropped: list[str] = []
            while True:
                if harness is None or not harness.alive():
                    if harness is not None:
                        harness.close()
                    harness = Harness(plan, limits, imports)
                    if warnings is not None:
                        warnings.extend(w for w in harness.box.warnings if w not in warnings)
                cells = [
                    sid
                    for sid in ex.earlier_ids + ex.solution_ids
                    if sid in answers and sid not in poisoned
                ]
                job = {
                    "job": ex.test_id,
                    "solutions": [{"id": sid, "code": answers[sid]} for sid in cells],
                    "test": {"id": ex.test_id, "code": ex.test_code},
                }
                result, cell, ended = harness.run(job)
                if result is not None and not (
                    result.get("status") == "tampered" and result.get("cell") in ex.earlier_ids
                ):
                    outcomes.append(_outcome(ex, result, dropped, plan.ignore_pattern))
                    break
                # no verdict, or an earlier exercise's cell spoiled the environment
                if result is not None:
                    culprit, why = result.get("cell"), "it tampered with the test environment"
                else:
                    culprit, why = cell, _ending(ended, limits)
                if culprit in ex.earlier_ids and culprit not in poisoned:
                    poisoned[culprit] = why
                    dropped.append(f"{culprit} ({why})")
                    continue
                status = "timeout" if ended and ended.get("timed_out") else "crashed"
                where = "the test" if culprit == ex.test_id else f"cell {culprit}"
                if culprit in ex.solution_ids:  # later exercises go on without this cell
                    poisoned[culprit] = why
                outcomes.append(
                    Outcome(
                        ex.test_id,
                        ex.points,
                        status,
                        0.0,
                        f"{where}: {_ending(ended, limits)}",
                        dropped=dropped,
                    )
                )
                break
    finally:
        if harness is not None:
            harness.close()
    return outcomes


def _ending(ended: dict | None, limits: Limits) -> str:
    if ended is None:
        return "the verifier stopped answering"
    if ended.get("timed_out"):
        return f"still running after {limits.verify_timeout:g} s"
    if ended.get("signal"):
        import signal as _signal

        sig = ended["signal"]
        name = _signal.Signals(sig).name if sig in _signal.Signals._value2member_map_ else sig
        return f"the process was killed by {name}"
    return f"the process exited (status {ended.get('code')}) before the test finished"


def _wrote_to_stderr(result: dict, pattern: str | None) -> str | None:
    """nbgrader's rule for a test cell that wrote to stderr, after IgnorePattern."""
    text = result.get("stderr") or ""
    if not text:
        return None
    outputs = [{"output_type": "stream", "name": "stderr", "text": text}]
    kept = rules.ignore_stderr(outputs, pattern)
    return rules.stderr_message(kept) if rules.failed(kept) else None


def _outcome(ex, result: dict, dropped: list[str], pattern: str | None = None) -> Outcome:
    status = result.get("status", "error")
    errors = result.get("solution_errors") or []
    stderr = _wrote_to_stderr(result, pattern) if status == "pass" else None
    if stderr:
        status, result = "fail", {**result, "ename": "StderrOutput", "evalue": stderr}
    if status == "pass":
        try:
            score, detail = _score(result, ex.points), ""
        except ValueError as err:  # nbgrader fails the whole notebook on this
            status, score = "error", 0.0
            detail = f"the test cell's value {result.get('value')}: {err}"
    elif status == "tampered":
        score = 0.0
        detail = "; ".join(result.get("tampering") or []) or str(result.get("evalue"))
    else:
        score = 0.0
        detail = f"{result.get('ename')}: {result.get('evalue')}"
        own = [e for e in errors if e[0] in ex.solution_ids]
        if own:
            detail += f" (the solution cell raised {own[0][1]}: {own[0][2]})"
    return Outcome(
        ex.test_id,
        ex.points,
        status,
        score,
        detail,
        blocked=result.get("blocked") or [],
        tampering=result.get("tampering") or [],
        dropped=dropped,
    )
