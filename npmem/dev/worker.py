"""A warm IPython process that runs notebook cells on request, as a kernel would.

Started by ``npmem.dev.runner.Worker`` as ``python -m npmem.dev.worker MEMORY_BYTES``.
Requests arrive as JSON lines on stdin, replies leave as JSON lines on the original
stdout; the cells' own stdout goes to a buffer and their stderr (Python's and file
descriptor 2's) is captured per cell, because nbgrader scores a test cell that writes
to stderr 0.

Requests:

* ``{"cmd": "run", "cells": [{"source": str, "points": float | None}, ...],
  "forget": [name, ...], "timeout": seconds, "after": [cell, ...]}``: delete the
  names, then run the cells in order under one time limit (SIGALRM); then delete the
  names again and run the ``after`` cells (the reference solution, put back) under
  another. Replies ``{"cells": [outcome, ...], "seconds": s, "after": [outcome, ...]}``,
  an outcome per cell run: ``{"status": "pass" | "error" | "stderr" | "partial" |
  "timeout", "detail": str}``. A cell with ``points`` is graded like nbgrader's
  ``determine_grade``; after a graded cell fails, the remaining cells are not run.
* ``{"cmd": "quit"}``.

The address space of the process is capped (``RLIMIT_AS``) so that a runaway mutant
fails with MemoryError instead of taking the machine.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import resource
import signal
import sys
import tempfile
import time
import tracemalloc
import warnings

DETAIL = 500  # characters of an error message kept in a reply


class CellTimeout(BaseException):
    """Raised by SIGALRM inside a cell: a BaseException, so a test's except Exception
    cannot swallow it."""


def _alarm(signum, frame):
    raise CellTimeout("time limit reached")


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= DETAIL else text[: DETAIL - 3] + "..."


class Runner:
    def __init__(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.hist_file = ":memory:"
        self.shell = InteractiveShell.instance(config=config)
        self.shell.colors = "nocolor"
        self.filters = list(warnings.filters)

    def snapshot(self) -> None:
        """After the set-up cells: keep their warning filters, and move every object they
        made out of the collector's sight (gc.freeze), so that a gc.collect() in a test
        costs what it costs in a kernel rather than a walk over IPython and matplotlib."""
        self.filters = list(warnings.filters)
        gc.collect()
        gc.freeze()

    def _reset_warnings(self) -> None:
        # a fresh kernel per submission: warnings already shown once must show again
        # typeshed types the live list as a Sequence and omits its cache reset
        warnings.filters[:] = self.filters  # type: ignore[index]
        warnings._filters_mutated()  # type: ignore[attr-defined]

    def run_cell(self, source: str, points: float | None) -> dict:
        out, err = io.StringIO(), io.StringIO()
        with tempfile.TemporaryFile() as fd_err:
            sys.stderr.flush()
            saved = os.dup(2)
            os.dup2(fd_err.fileno(), 2)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    result = self.shell.run_cell(source, store_history=True)
            finally:
                sys.stderr.flush()
                os.dup2(saved, 2)
                os.close(saved)
            fd_err.seek(0)
            c_err = fd_err.read().decode(errors="replace")
        error = result.error_before_exec or result.error_in_exec
        if isinstance(error, CellTimeout):
            return {"status": "timeout", "detail": "time limit reached"}
        if error is not None:
            return {"status": "error", "detail": _short(f"{type(error).__name__}: {error}")}
        stderr = err.getvalue() + c_err
        if stderr:
            return {"status": "stderr", "detail": _short(stderr)}
        if points is not None and result.result is not None:
            assert self.shell.display_formatter is not None  # a shell always has one
            text = self.shell.display_formatter.format(result.result)[0].get("text/plain", "")
            try:
                score = float(text)
            except ValueError:
                score = None  # nbgrader: full credit, with a warning
            if score is not None and score > points:
                return {"status": "error", "detail": f"partial score {text} above {points}"}
            if score is not None and 0.0 <= score < points:
                return {"status": "partial", "detail": f"last expression {text} < {points}"}
        return {"status": "pass", "detail": ""}

    def run(self, cells: list[dict], forget: list[str], timeout: float) -> list[dict]:
        ns = self.shell.user_ns
        for name in forget:
            ns.pop(name, None)
        self._reset_warnings()
        was_tracing = tracemalloc.is_tracing()
        first = self.shell.execution_count
        outcomes: list[dict] = []
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            for cell in cells:
                outcome = self.run_cell(cell["source"], cell.get("points"))
                outcomes.append(outcome)
                if outcome["status"] == "timeout":
                    break
                if cell.get("points") is not None and outcome["status"] != "pass":
                    break
        except CellTimeout:  # fired between cells, outside the shell's own handler
            outcomes.append({"status": "timeout", "detail": "time limit reached"})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if tracemalloc.is_tracing() and not was_tracing:
            tracemalloc.stop()
        self._forget_outputs(first)
        gc.collect()
        return outcomes

    def job(self, msg: dict) -> dict:
        """The cells of a request, timed; then its ``after`` cells (the reference put back)."""
        timeout = msg.get("timeout", 10.0)
        start = time.perf_counter()
        outcomes = self.run(msg["cells"], msg.get("forget", []), timeout)
        seconds = time.perf_counter() - start
        after = msg.get("after")
        restored = self.run(after, msg.get("forget", []), timeout) if after else []
        return {"cells": outcomes, "seconds": seconds, "after": restored}

    def _forget_outputs(self, first: int) -> None:
        """Out[n], _n, _in and _ of the cells just run must not keep their values alive
        (DisplayHook.flush does this for the whole history, at a cost that grows with it)."""
        ns, hidden = self.shell.user_ns, self.shell.user_ns_hidden
        out = ns.get("_oh", {})
        for n in range(first, self.shell.execution_count + 1):
            for key in (f"_{n}", f"_i{n}"):
                ns.pop(key, None)
                hidden.pop(key, None)
            out.pop(n, None)
        hook = self.shell.displayhook
        hook._, hook.__, hook.___ = "", "", ""
        ns.update({"_": "", "__": "", "___": ""})


def main() -> int:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    requests = os.fdopen(os.dup(0), "r")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.environ.setdefault("NBGRADER_EXECUTION", "autograde")
    runner = Runner()
    for line in requests:
        msg = json.loads(line)
        if msg["cmd"] == "quit":
            break
        if msg["cmd"] == "run":
            reply = runner.job(msg)
            if msg.get("snapshot"):
                runner.snapshot()
            replies.write(json.dumps(reply) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
