"""The grading engine: runs one exercise's answer cells and its test cell, reports data only.

Every grader of the course runs answers here (the instructor's verifier in the sandbox,
the learner's *Check my work*, the mutation pass); :mod:`.answers` starts this process
(imported, never run as ``__main__``, which the guard does not snapshot) and scores its
reports. It talks JSON lines: it reads a setup message, then one job per exercise on
stdin, and writes its reports on the stdout it started with (everything the code it runs
prints goes elsewhere).

1. The set-up cells (the notebook's read-only cells) run once; then the
   :class:`~.guard.Guard` takes its snapshot and installs its audit hook.
2. For each exercise a **forked child**, a fresh copy of that state that shares nothing with
   the other exercises, runs the answer's solution cells (only those, never the
   notebook's other cells) and then the test cell (hidden tests included), in a
   namespace of its own that receives the answer's functions through the guard. It
   reports ``pass``, ``fail``, ``tampered`` or ``error`` with the test cell's stderr
   (Python's and file descriptor 2's), its last expression's ``repr`` and the line of the
   test cell that failed, and exits; the parent of the children (this process) kills it
   when it runs past the time limit and reports how it ended. No IPython is involved:
   input transformers, custom exception handlers, display hooks and the like do not
   exist here.

Every report carries the nonce the client sent; the client decides the score from these
data (:mod:`.answers`), never from anything the answer's code printed.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback

from .guard import STUDENT, Guard, student_names

MAX_TEXT = 600


class Channel:
    """Reports to the grader: one line per ``os.write`` (atomic below PIPE_BUF).

    A line is the ``repr`` of a dict of plain values, which C code writes (dict, str and
    number reprs are not Python code a student could patch); the grader reads it with
    ``ast.literal_eval``. The functions used are bound when this module is imported,
    before any student code runs.
    """

    def __init__(self, fd: int, nonce: str):
        self.fd, self.nonce = fd, nonce

    def send(self, _repr=repr, _write=os.write, _encode=str.encode, _len=len, **data) -> None:
        data = {key: _plain(value) for key, value in data.items()}
        line = _repr({"nonce": self.nonce, **data})
        for limit in (300, 60, 0):  # shorten the free-text fields until the line fits
            if _len(line) <= 3800:
                break
            for key in ("stdout", "stderr", "value", "evalue", "solution_errors", "tampering",
                        "blocked"):  # fmt: skip
                if key in data and data[key]:
                    data[key] = _short(_repr(data[key]), limit) if limit else "(too long)"
            line = _repr({"nonce": self.nonce, **data})
        _write(self.fd, _encode(line) + b"\n")


def _plain(value):
    """Only str, int, float, bool, None, and lists and dicts of them go on the wire."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) in (list, tuple):
        return [_plain(v) for v in value]
    if type(value) is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


class CappedText(io.TextIOBase):
    """A stdout/stderr that keeps the first few KB and drops the rest."""

    def __init__(self, cap: int = 4000):
        self.parts: list[str] = []
        self.size, self.cap = 0, cap

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        if self.size < self.cap:
            self.parts.append(text[: self.cap - self.size])
        self.size += len(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def _short(text: str, n: int = MAX_TEXT) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def split_last_expression(code: str, filename: str):
    """(body, last expression or None), compiled, as IPython evaluates a cell."""
    tree = ast.parse(code, filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)  # type: ignore[attr-defined]  # an Expr
    body = compile(tree, filename, "exec", dont_inherit=True)
    return body, (compile(last, filename, "eval", dont_inherit=True) if last else None)


def _describe(err: BaseException) -> tuple[str, str]:
    return type(err).__name__, _short(str(err))


def run_job(job: dict, ns: dict, setup_names: dict, guard: Guard, chan: Channel) -> None:
    """In the forked child: the student's solution cells, then the instructor's test.

    After any student code has run, nothing is looked up by name until ``restore()`` (bound
    below, before the first student line) has put builtins, modules and classes back.
    """
    restore, send, wrap, base = guard.restore, chan.send, guard.wrap, BaseException
    os.close(0)
    resource.setrlimit(resource.RLIMIT_CPU, (job["cpu"], job["cpu"] + 2))
    out = CappedText()
    sys.stdout = sys.stderr = out
    name = job["job"]
    solution_errors = []
    for cell in job["solutions"]:
        send(type="progress", job=name, cell=cell["id"])
        failure = None
        try:  # a syntax error is the cell's failure too, as in a kernel
            exec(compile(cell["code"], f"{STUDENT}{cell['id']}>", "exec", dont_inherit=True), ns)
        except base as err:  # SystemExit, KeyboardInterrupt too: the cell failed
            failure = err
        found = restore()
        if failure is not None:
            solution_errors.append([cell["id"], *_describe(failure)])
        if found or guard.tampering:
            guard.tampering.extend(found)
            send(
                type="result",
                job=name,
                status="tampered",
                cell=cell["id"],
                tampering=guard.tampering,
                blocked=guard.blocked,
                solution_errors=solution_errors,
                stdout=_short(out.getvalue()),
            )
            return
    test_ns = dict(setup_names)
    for key, value in student_names(setup_names, ns).items():
        test_ns[key] = wrap(value) if callable(value) and not isinstance(value, type) else value
    send(type="progress", job=name, cell=job["test"]["id"])
    filename = f"<test:{job['test']['id']}>"
    try:
        body, last = split_last_expression(job["test"]["code"], filename)
    except SyntaxError as err:
        send(type="result", job=name, status="error", ename="SyntaxError", evalue=str(err))
        return
    # what the test cell writes to stderr, kept apart: nbgrader scores such a cell 0
    # (after the course's IgnorePattern), and so does the client (answers). A kernel
    # shows what C code writes to file descriptor 2 as stderr too: so it is read here.
    test_err = CappedText()
    sys.stderr = test_err
    fd_err = _fd_stderr()
    failure, result = None, None
    try:
        exec(body, test_ns)
        if last is not None:
            result = eval(last, test_ns)
    except base as err:
        failure = err
    found = restore()
    sys.stderr = out
    if fd_err is not None:
        test_err.write(_read_fd_stderr(fd_err))
    guard.tampering.extend(found)
    status, ename, evalue, value, line = "pass", None, None, None, None
    if guard.tampering:
        status, ename = "tampered", "Tampered"
        evalue = _short("; ".join(guard.tampering))
    elif failure is not None:
        status, (ename, evalue) = "fail", _describe(failure)
        line = _failing_line(failure, filename)
    elif result is not None:
        value = repr(result)
    send(
        type="result",
        job=name,
        status=status,
        ename=ename,
        evalue=evalue,
        value=value,
        line=line,
        tampering=guard.tampering,
        blocked=guard.blocked,
        solution_errors=solution_errors,
        stdout=_short(out.getvalue()),
        stderr=_short(test_err.getvalue()),
    )
    if status == "fail" and job.get("diagnose"):
        # after the verdict is sent: nothing here can change the score
        send(type="diagnosis", job=name, signature=_diagnose(body, setup_names, ns, restore))


def _diagnose(body, setup_names: dict, ns: dict, restore) -> str:
    """The failing test cell once more, its checks recording instead of raising
    (npmem.grading.diagnosis): the signature of how the answer fails."""
    from npmem import checks
    from npmem.grading.diagnosis import signature

    diag_ns = dict(setup_names)
    diag_ns.update(student_names(setup_names, ns))
    ended = None
    with checks.recording() as outcomes:
        try:
            exec(body, diag_ns)
        except BaseException as err:  # how the cell ended is part of the signature
            ended = type(err).__name__
    restore()
    return signature(list(outcomes), ended)


def _fd_stderr() -> int | None:
    """Point file descriptor 2 at a new temporary file; return a descriptor to read it by."""
    try:
        tmp = tempfile.TemporaryFile()
        fd = os.dup(tmp.fileno())
        tmp.close()
        os.dup2(fd, 2)
        return fd
    except OSError:
        return None


def _read_fd_stderr(fd: int) -> str:
    """What was written to file descriptor 2 since :func:`_fd_stderr` (the first 4 KB)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 4000).decode("utf-8", "replace")
    except OSError:
        return ""


_traceback_of = BaseException.__dict__["__traceback__"].__get__


def _failing_line(err: BaseException, filename: str) -> int | None:
    """The line of the test cell where ``err`` came from (its innermost frame in the cell)."""
    line, tb = None, _traceback_of(err)  # not err.__traceback__: a class may override it
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def imports_of(codes: list[str]) -> list[str]:
    """Modules the set-up and test cells import, to load before any answer runs (then
    the guard's snapshot holds them, and an answer cannot replace them first)."""
    names = set()
    for code in codes:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(names)


def wait_child(pid: int, timeout: float) -> tuple[int, bool]:
    """(wait status, timed out) of a job's child, killed after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1], True
        time.sleep(0.005)


def serve(stdin, chan_fd: int) -> int:
    first = json.loads(stdin.readline())
    chan = Channel(chan_fd, first["nonce"])
    ns = {"__name__": "__main__", "__builtins__": builtins}
    try:
        for cell in first["setup"]:
            exec(compile(cell["code"], f"<setup:{cell['id']}>", "exec", dont_inherit=True), ns)
        for module in imports_of([c["code"] for c in first["setup"]] + first.get("tests", [])):
            try:
                __import__(module)
            except Exception:  # the test itself will say what is missing
                pass
    except BaseException:
        chan.send(type="setup_error", detail=_short(traceback.format_exc(), 2000))
        return 1
    guard = Guard()
    guard.install()
    setup_names = dict(ns)
    chan.send(type="ready")
    for line in stdin:
        job = json.loads(line)
        if job.get("quit"):
            break
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                stdin.close()
                run_job(job, ns, setup_names, guard, chan)
            except BaseException:
                code = 3
            os._exit(code)
        status, timed_out = wait_child(pid, job["timeout"])
        chan.send(
            type="exit",
            job=job["job"],
            timed_out=timed_out,
            signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            code=os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        )
    return 0


MEMORY_ENV = "NPMEM_ENGINE_MEMORY"  # a cap on this process's address space, in bytes


def main() -> int:
    # what the starter asks for (answers.local, where no sandbox sets limits), before any
    # cell runs: no core files, and an address space a runaway answer cannot grow past
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    memory = int(os.environ.pop(MEMORY_ENV, "0") or 0)
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    chan_fd = os.dup(1)
    stdin = os.fdopen(os.dup(0), "r")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdout = sys.stderr = CappedText()
    return serve(stdin, chan_fd)


if __name__ == "__main__":
    code = main()
    os._exit(code)
