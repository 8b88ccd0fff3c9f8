"""Grade a notebook's answers: start the grading engine, send it one job per exercise, score.

The one place that runs an answer against its tests is :mod:`.engine`; this is its
client, which every grader of the course shares. :class:`Checker` starts the engine with
the set-up cells through a *launch* function, which says how its process is started: the
instructor's verifier starts it inside the sandbox (``npmem.sandbox.recheck``), the
learner's check and the mutation pass as a plain ``python -I`` process with resource
limits (:func:`local`). It sends one job per exercise (the answer's solution cells and the
test cell) and turns the engine's reports into an :class:`Outcome` per test cell, scored
by nbgrader's rules (:mod:`.rules`). A report counts only if it carries this run's nonce.
The rules:

* an exercise's job runs the solution cells before its test (a later answer may use an
  earlier function); when a job dies or hangs inside an *earlier* exercise's cell, that
  cell is dropped and the job runs again, so one crash costs one exercise only;
* a job that dies, hangs past the time limit or reports nothing scores 0 for that
  exercise, with the reason;
* when the engine itself dies, a new one is started for the remaining exercises.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import json
import os
import queue
import secrets
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .interpreter import python_c


@dataclass
class ExercisePlan:
    """One autograded test cell and the solution cells it checks."""

    test_id: str
    test_code: str
    points: float
    solution_ids: list[str]  # solution cells since the previous test cell
    earlier_ids: list[str]  # solution cells before those


@dataclass
class Plan:
    """What to run for one notebook of an assignment."""

    setup: list[tuple[str, str]]  # (grade id, code) of the locked cells, in order
    exercises: list[ExercisePlan]
    solution_ids: list[str] = field(default_factory=list)
    ignore_pattern: str | None = None  # IgnorePattern.pattern: stderr that does not count


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
    ename: str = ""  # the test's error: its type ("StderrOutput": it wrote to stderr) ...
    evalue: str = ""  # ... and its message
    solution_error: str = ""  # "Type: message" the exercise's own solution cell raised
    stderr: str = ""  # what the test cell wrote to stderr (before IgnorePattern)
    line: int | None = None  # the line of the test cell that failed, when known
    seconds: float = 0.0  # wall time of the exercise's job
    signature: str = ""  # how a failing answer fails, when diagnosed (grading/diagnosis)
    mistake: str = ""  # the catalogued misconception that signature names, if one does ...
    diagnosis: str = ""  # ... and the sentence that names it (set by the caller who knows
    # the assignment: the verifier, npmem.sandbox.verify)


READY_SECONDS = 120.0  # at least this long for the set-up cells, however short the timeout
ENGINE = "import os, npmem.grading.engine as h; os._exit(h.main())"


@dataclass
class Started:
    """An engine process as a launch function started it."""

    proc: subprocess.Popen
    warnings: list[str] = field(default_factory=list)  # protections asked for, not had
    close: Callable[[], None] = lambda: None  # after the process has ended


Launch = Callable[[list[str]], Started]  # argv -> the started process (pipes on 0, 1, 2)

THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
KEEP_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MPLCONFIGDIR", "NPMEM_HEADLESS")


def local(cwd: Path, memory: int | None = None) -> Launch:
    """Start the engine as a plain ``python -I`` process in ``cwd``, without a sandbox:
    for a learner's own code on their own machine and for the course's own mutants.

    ``memory`` caps its address space (``RLIMIT_AS``), so a runaway answer fails with
    ``MemoryError``; no core files. The environment is this one's essentials, with
    ``NBGRADER_EXECUTION=autograde`` (the notebook behaves as under nbgrader: explorers
    stay idle, the check cell does nothing) and one thread per numerical library.
    """

    def launch(argv: list[str]) -> Started:
        env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
        env |= {"NBGRADER_EXECUTION": "autograde", "MPLBACKEND": "agg", **THREADS}
        if memory:  # set by the engine itself: no preexec_fn, which threads make unsafe
            env["NPMEM_ENGINE_MEMORY"] = str(memory)
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        return Started(proc)

    return launch


class SetupFailed(RuntimeError):
    """The set-up cells failed, or the engine did not start."""


class Engine:
    """One running engine process."""

    def __init__(self, plan: Plan, launch: Launch, timeout: float):
        self.timeout = timeout
        # the set-up cells may take longer than one exercise (imports on a cold cache)
        ready_within = max(timeout, READY_SECONDS)
        self.nonce = secrets.token_hex(16)
        # imported, not run as __main__: the engine's own functions then live in a
        # module the guard snapshots (npmem.*) and restores after student code
        self.started = launch(python_c(ENGINE))
        self.proc = self.started.proc
        self.lines: queue.Queue = queue.Queue()
        # the last lines the engine wrote to stderr: why it did not start, if it did not
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self._send(
            {
                "nonce": self.nonce,
                "tests": [e.test_code for e in plan.exercises],
                "setup": [{"id": gid, "code": code} for gid, code in plan.setup],
            }
        )
        ready = self._next(timeout=ready_within)
        if ready is None or ready.get("type") != "ready":
            detail = (ready or {}).get("detail") or self._why_not_started()
            self.close()
            raise SetupFailed(f"setup cells failed: {detail}")

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
        """One line: the engine did not start, and the last thing it said, if anything."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)  # let its last words arrive
        time.sleep(0.1)
        said = [line for line in self.stderr_tail if line.strip()]
        return "the grading engine did not start" + (f": {said[-1].strip()}" if said else "")

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
            "timeout": self.timeout,
            "cpu": int(self.timeout) + 1,
        }
        try:
            self._send(job)
        except (BrokenPipeError, OSError):
            return None, None, None
        result, cell, ended = None, None, None
        deadline = time.monotonic() + self.timeout + 15
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
            elif kind == "diagnosis" and result is not None:
                result = {**result, "signature": msg.get("signature")}
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
                self.proc.wait()
        self.started.close()


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


class Checker:
    """Grades answers against one plan in one warm engine, restarted when it dies.

    ``launch`` starts the engine's process; ``timeout`` is the wall time of one
    exercise's job (its solution cells and its test cell).
    """

    def __init__(self, plan: Plan, launch: Launch, timeout: float, *, diagnose: bool = False):
        self.plan, self.launch, self.timeout = plan, launch, timeout
        self.diagnose = diagnose  # run a failing test cell again for its signature
        self.engine: Engine | None = None
        self.restarts = 0  # engines started after the first one died
        self.startup_seconds = 0.0  # the set-up cells and the guard, in the last engine
        self.warnings: list[str] = []  # what the launcher could not enforce

    def start(self) -> Engine:
        """The running engine, started (again) when there is none."""
        return self._engine()

    def _engine(self) -> Engine:
        if self.engine is not None and self.engine.alive():
            return self.engine
        if self.engine is not None:
            self.engine.close()
            self.restarts += 1
        began = time.perf_counter()
        self.engine = Engine(self.plan, self.launch, self.timeout)
        self.startup_seconds = time.perf_counter() - began
        self.warnings += [w for w in self.engine.started.warnings if w not in self.warnings]
        return self.engine

    def check(
        self, answers: dict[str, str], progress: Callable[[int, int], None] | None = None
    ) -> list[Outcome]:
        """Verdicts for every exercise of the plan on ``answers`` (solution id -> code);
        ``progress(i, n)`` is told before exercise ``i`` of ``n`` runs."""
        poisoned: dict[str, str] = {}  # earlier solution cell -> why it is left out
        outcomes = []
        for i, ex in enumerate(self.plan.exercises):
            if progress:
                progress(i, len(self.plan.exercises))
            outcomes.append(self.exercise(ex, answers, poisoned))
        return outcomes

    def exercise(
        self, ex: ExercisePlan, answers: dict[str, str], poisoned: dict[str, str] | None = None
    ) -> Outcome:
        """The verdict on one exercise: its solution cells (after the earlier exercises'
        ones) and its test cell, in a fresh fork of the set-up state."""
        poisoned = {} if poisoned is None else poisoned
        began = time.perf_counter()
        if not any(sid in answers for sid in ex.solution_ids):
            return Outcome(
                ex.test_id,
                ex.points,
                "missing",
                0.0,
                "no solution cell for this exercise in the submission",
            )
        dropped: list[str] = []
        while True:
            engine = self._engine()
            cells = [
                sid
                for sid in ex.earlier_ids + ex.solution_ids
                if sid in answers and sid not in poisoned
            ]
            job = {
                "job": ex.test_id,
                "solutions": [{"id": sid, "code": answers[sid]} for sid in cells],
                "test": {"id": ex.test_id, "code": ex.test_code},
                "diagnose": self.diagnose,
            }
            result, cell, ended = engine.run(job)
            if result is not None and not (
                result.get("status") == "tampered" and result.get("cell") in ex.earlier_ids
            ):
                outcome = _outcome(ex, result, dropped, self.plan.ignore_pattern)
                break
            # no verdict, or an earlier exercise's cell spoiled the environment
            if result is not None:
                culprit, why = result.get("cell"), "it tampered with the test environment"
            else:
                culprit, why = cell, _ending(ended, self.timeout)
            if culprit in ex.earlier_ids and culprit not in poisoned:
                poisoned[culprit] = why
                dropped.append(f"{culprit} ({why})")
                continue
            status = "timeout" if ended and ended.get("timed_out") else "crashed"
            where = "the test" if culprit == ex.test_id else f"cell {culprit}"
            if culprit in ex.solution_ids:  # later exercises go on without this cell
                poisoned[culprit] = why
            detail = f"{where}: {_ending(ended, self.timeout)}"
            outcome = Outcome(ex.test_id, ex.points, status, 0.0, detail, dropped=dropped)
            break
        outcome.seconds = time.perf_counter() - began
        return outcome

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def grade(
    plan: Plan,
    answers: dict[str, str],
    launch: Launch,
    timeout: float,
    warnings: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    diagnose: bool = True,
) -> list[Outcome]:
    """Verdicts for every exercise of ``plan`` on ``answers`` (solution id -> code), in
    one engine started by ``launch``; what it could not enforce is added to ``warnings``.

    This is the instructor's grading (the verifier, ``npmem.sandbox.recheck``), so by
    default a failing test cell runs once more, in the same engine, after its verdict is
    sent, for its signature (``Outcome.signature``; ``diagnose=False`` leaves it out).
    Raises :class:`SetupFailed` when the set-up cells fail (or the engine cannot start).
    """
    with Checker(plan, launch, timeout, diagnose=diagnose) as checker:
        try:
            return checker.check(answers, progress)
        finally:
            if warnings is not None:
                warnings.extend(w for w in checker.warnings if w not in warnings)


def _ending(ended: dict | None, timeout: float) -> str:
    if ended is None:
        return "the grading engine stopped answering"
    if ended.get("timed_out"):
        return f"still running after {timeout:g} s"
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
    own = [e for e in errors if e[0] in ex.solution_ids]
    solution_error = f"{own[0][1]}: {own[0][2]}" if own else ""
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
        if own:
            detail += f" (the solution cell raised {solution_error})"
    return Outcome(
        ex.test_id,
        ex.points,
        status,
        score,
        detail,
        blocked=result.get("blocked") or [],
        tampering=result.get("tampering") or [],
        dropped=dropped,
        ename=result.get("ename") or "" if status == "fail" else "",
        evalue=result.get("evalue") or "" if status == "fail" else "",
        solution_error=solution_error,
        stderr=result.get("stderr") or "",
        line=result.get("line"),
        signature=result.get("signature") or "",
    )
