"""Hostile and broken submissions, graded by real nbgrader: stock, and with our sandbox.

Ours is graded on both paths that write grades: ``nbgrader autograde`` with the course's
``nbgrader_config.py`` (what the formgrader's button runs too) and ``make autograde``
(``python -m npmem.instructor autograde``, the parallel workers); every attack must hold
on both.

Each file there is one attack on ``01-strides``: which answers it starts from (``BASE``:
``solution``, ``blank``, or ``junk`` = every function returns None), what it changes
(``CELLS`` replaces solution cells, ``PREPEND``/``APPEND`` add code around the reference
answer, ``FILES`` hands in extra files, ``tamper(nb)`` edits the notebook), the score it
must get under our grading (``OURS``) and the score stock nbgrader gives it (``STOCK``,
or ``"not graded"``; ``STOCK_OR`` lists other outcomes where an attack makes stock
grading nondeterministic), per test cell with ``"*"`` for the rest and ``"full"`` for the
cell's points.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbgrader.api import Gradebook

from npmem.dev.samples import fill, solutions, test_points
from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores
from npmem.sandbox import cgroups
from npmem.sandbox.settings import GiB, Limits

from helpers import make_course, submit

ASSIGNMENT = "01-strides"
NOTEBOOK = ASSIGNMENTS[ASSIGNMENT]
SPECS = ROOT / "tests" / "data" / "adversarial"
# Short limits keep the suite quick; the course's defaults are 60 s and 90 s per cell.
CELL_TIMEOUT = 10
ENV_OURS = {
    "NPMEM_SANDBOX": "on",
    "NPMEM_SANDBOX_VERIFY_TIMEOUT": str(CELL_TIMEOUT),
}
ENV_STOCK = {"NPMEM_SANDBOX": "off"}
# Stock nbgrader has no limits: its run is wrapped in this cgroup so that the memory and
# fork bombs cannot hurt the machine (the limits are not part of what is measured).
STOCK_GUARD = Limits(memory=3 * GiB, pids=256, cpus=2.0)


@dataclass
class Attack:
    name: str
    spec: ModuleType

    @property
    def student(self) -> str:
        return getattr(self.spec, "STUDENT", "adv-" + self.name.replace("_", "-"))

    @property
    def what(self) -> str:
        return self.spec.WHAT

    def expected(self, which: str, points: dict[str, float]) -> dict[str, float] | None:
        return self.scores_of(getattr(self.spec, which), points)

    def stock_outcomes(self, points: dict[str, float]) -> list[dict[str, float] | None]:
        """What stock nbgrader may give: ``STOCK``, or one of ``STOCK_OR`` when the
        attack makes stock grading nondeterministic."""
        tables = [self.spec.STOCK, *getattr(self.spec, "STOCK_OR", [])]
        return [self.scores_of(t, points) for t in tables]

    @staticmethod
    def scores_of(table, points: dict[str, float]) -> dict[str, float] | None:
        if table == "not graded":
            return None
        default = table.get("*", 0)
        out = {}
        for test_id, p in points.items():
            value = table.get(test_id, default)
            out[test_id] = float(p) if value == "full" else float(value)
        return out

    def total(self, which: str, points: dict[str, float]) -> float | None:
        scores = self.expected(which, points)
        return None if scores is None else sum(scores.values())

    def stock_totals(self, points: dict[str, float]) -> list[float | None]:
        return [None if s is None else sum(s.values()) for s in self.stock_outcomes(points)]


def load_attacks() -> list[Attack]:
    attacks = []
    for path in sorted(SPECS.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"adversarial_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        attacks.append(Attack(path.stem, module))
    return attacks


def junk(gid: str) -> str:
    return f"def {gid}(*args, **kwargs):\n    return None\n"


def build(attack: Attack, release: nbformat.NotebookNode, port: int) -> nbformat.NotebookNode:
    s = attack.spec
    ids = [
        c.metadata["nbgrader"]["grade_id"]
        for c in release.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    ]
    base = {
        "solution": solutions(ASSIGNMENT, ROOT),
        "blank": {},
        "junk": {gid: junk(gid) for gid in ids},
    }[s.BASE]
    answers = dict(base)
    answers.update(getattr(s, "CELLS", {}))
    reference = solutions(ASSIGNMENT, ROOT)
    for gid, code in getattr(s, "PREPEND", {}).items():
        answers[gid] = code + "\n" + answers.get(gid, reference[gid])
    for gid, code in getattr(s, "APPEND", {}).items():
        answers[gid] = answers.get(gid, reference[gid]) + "\n" + code
    answers = {gid: code.replace("__PORT__", str(port)) for gid, code in answers.items()}
    nb = fill(release, answers)
    if hasattr(s, "tamper"):
        s.tamper(nb)
    return nb


class Listener:
    """A TCP server on the grading machine that records what it receives."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    while chunk := conn.recv(65536):
                        self.received += chunk
                except OSError:
                    pass

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


@dataclass
class Run:
    """One course directory with every attack submitted, autograded one way."""

    course: Path
    attacks: list[Attack]
    points: dict[str, float]
    proc: subprocess.CompletedProcess | None = None
    received: bytes = b""
    seconds: dict[str, float] = field(default_factory=dict)
    alone: dict[str, Run] = field(default_factory=dict)  # student -> their own course

    def path(self, student: str) -> Path:
        if student in self.alone:
            return self.alone[student].path(student)
        return self.course / "autograded" / student / ASSIGNMENT


def prepare(
    tmp: Path, attacks: list[Attack], port: int, others: tuple[str, ...] = ("reference", "blank")
) -> Run:
    """A course with ``attacks`` submitted, and ``others``: the reference, the blank."""
    course = make_course(tmp)
    nbg.run("generate_assignment", ASSIGNMENT, "--force", cwd=course)
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)
    if "reference" in others:
        submit(course, "reference", ASSIGNMENT, fill(release, solutions(ASSIGNMENT, ROOT)))
    if "blank" in others:
        submit(course, "blank", ASSIGNMENT, release)
    for attack in attacks:
        submit(course, attack.student, ASSIGNMENT, build(attack, release, port))
        for rel, text in getattr(attack.spec, "FILES", {}).items():
            target = course / "submitted" / attack.student / ASSIGNMENT / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    points = {k: float(v) for k, v in test_points(release).items()}
    return Run(course, attacks, points)


def autograde_args() -> list[str]:
    return ["autograde", ASSIGNMENT, "--force", f"--Execute.timeout={CELL_TIMEOUT}"]


def run_ours(tmp: Path, attacks: list[Attack], path: str) -> Run:
    """``path``: "nbgrader" (``nbgrader autograde``) or "make" (``make autograde``)."""
    listener = Listener()
    run = prepare(tmp, attacks, listener.port)
    try:
        start = time.monotonic()
        if path == "nbgrader":
            run.proc = nbg.run(*autograde_args(), cwd=run.course, env=ENV_OURS, check=False)
        else:  # the Makefile's recipe: python -m npmem.instructor autograde A --jobs=JOBS
            argv = [sys.executable, "-m", "npmem.instructor", "autograde", ASSIGNMENT]
            argv += [f"--root={run.course}", "--jobs=2", "--force"]
            run.proc = subprocess.run(
                argv,
                cwd=run.course,
                env={**os.environ, **ENV_OURS, "PATH": nbg_path()},
                capture_output=True,
                text=True,
                timeout=1800,
            )
        run.seconds["autograde"] = time.monotonic() - start
    finally:
        listener.close()
    run.received = listener.received
    return run


def nbg_path() -> str:
    return str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]


def verdict(run: Run, student: str) -> dict:
    import json

    data = json.loads((run.course / "verification" / f"{ASSIGNMENT}.json").read_text())
    return data[f"{student}/{NOTEBOOK}"]


def run_stock(tmp: Path, attacks: list[Attack]) -> Run:
    """Stock nbgrader; an attack marked ``ALONE`` gets a course of its own (see its spec),
    with the students its ``ALONE_WITH`` names."""
    alone = [a for a in attacks if getattr(a.spec, "ALONE", False)]
    run = _run_stock(tmp / "class", [a for a in attacks if a not in alone])
    for attack in alone:
        others = tuple(getattr(attack.spec, "ALONE_WITH", ()))
        run.alone[attack.student] = _run_stock(tmp / attack.name, [attack], others)
    return run


def _run_stock(
    tmp: Path, attacks: list[Attack], others: tuple[str, ...] = ("reference", "blank")
) -> Run:
    tmp.mkdir(parents=True, exist_ok=True)
    listener = Listener()
    run = prepare(tmp, attacks, listener.port, others)
    group = cgroups.create(STOCK_GUARD)
    try:
        procs = " ".join(group.procs_files) if group else ""
        wrapper = f'for f in {procs}; do echo $$ > "$f"; done; exec "$@"'
        start = time.monotonic()
        env = {
            **os.environ,
            **ENV_STOCK,
            "PATH": nbg_path(),
        }
        # output to files, not pipes: a fork bomb's survivors would hold pipes open
        with open(tmp / "stdout", "w+") as out, open(tmp / "stderr", "w+") as err:
            argv = ["sh", "-c", wrapper, "sh", nbg.executable(), *autograde_args()]
            proc = subprocess.Popen(argv, cwd=run.course, env=env, stdout=out, stderr=err)
            code = proc.wait(timeout=3600)
            run.seconds["autograde"] = time.monotonic() - start
            if group:
                group.kill_all()  # what outlived nbgrader (a fork bomb's children)
            out.seek(0), err.seek(0)
            run.proc = subprocess.CompletedProcess(argv, code, out.read(), err.read())
    finally:
        if group:
            group.remove()
        listener.close()
    run.received = listener.received
    return run


def copytree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


# --------------------------------------------------------------------------- the tests

ATTACKS = load_attacks()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root (cgroups, namespaces), as on CI"),
]


def by_name(name: str) -> Attack:
    return next(a for a in ATTACKS if a.name == name)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Run]:
    """Every attack graded by stock nbgrader and by ours on both paths (waits overlap)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        stock = pool.submit(run_stock, tmp_path_factory.mktemp("stock"), ATTACKS)
        nbgrader = pool.submit(run_ours, tmp_path_factory.mktemp("nbgrader"), ATTACKS, "nbgrader")
        found = {"nbgrader": nbgrader.result()}
        make = pool.submit(run_ours, tmp_path_factory.mktemp("make"), ATTACKS, "make")
        found.update(make=make.result(), stock=stock.result())
        return found


@pytest.fixture(scope="module", params=["nbgrader", "make"])
def ours(runs, request) -> Run:
    return runs[request.param]


@pytest.fixture(scope="module")
def stock(runs) -> Run:
    return runs["stock"]


def scores(run: Run, student: str) -> dict[str, float] | None:
    if student in run.alone:
        return scores(run.alone[student], student)
    return cell_scores(run.course, ASSIGNMENT, NOTEBOOK, student)


def logs(run: Run) -> str:
    return (run.proc.stdout[-3000:] + run.proc.stderr[-5000:]) if run.proc else ""


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_ours_gives_exactly_the_deserved_score(ours, attack):
    got = scores(ours, attack.student)
    want = attack.expected("OURS", ours.points)
    assert got == want, f"{attack.name}: {got} != {want}\n{logs(ours)}"


def test_no_attack_scores_above_blank_unless_it_solved_the_exercise(ours):
    blank = scores(ours, "blank")
    assert blank and not any(blank.values())
    reference = solutions(ASSIGNMENT, ROOT)
    for attack in ATTACKS:
        got = scores(ours, attack.student)
        for test_id, value in got.items():
            gid = test_id.removeprefix("test_")
            solved = (
                attack.spec.BASE == "solution"
                and gid not in getattr(attack.spec, "CELLS", {})
                and bool(reference.get(gid))
            )
            assert value == 0 or solved, f"{attack.name}: {test_id} scored {value}"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_suspicious_submissions_are_flagged_for_the_instructor(ours, attack):
    with Gradebook(f"sqlite:///{ours.course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, attack.student)
        review = [g.name for g in nb.grades if g.needs_manual_grade]
        comments = [c.auto_comment for c in nb.comments if c.auto_comment]
    report = verdict(ours, attack.student)
    if attack.spec.FLAGGED:
        assert review and report["flagged"], f"{attack.name} not flagged: {report['flags']}"
        assert any(c.startswith("Grading check:") for c in comments), comments
    else:
        assert not review and not report["flagged"], f"{attack.name} flagged: {report['flags']}"


def test_the_other_students_are_graded_and_the_gradebook_is_intact(ours):
    assert scores(ours, "reference") == ours.points, logs(ours)
    assert scores(ours, "blank") == {k: 0.0 for k in ours.points}
    import sqlite3

    con = sqlite3.connect(ours.course / "gradebook.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        students = {r[0] for r in con.execute("SELECT id FROM student")}
        touched = con.execute(
            "SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL OR extra_credit IS NOT NULL"
        ).fetchone()[0]
    finally:
        con.close()
    assert students == {"reference", "blank", *(a.student for a in ATTACKS)}
    assert touched == 0, "a submission changed manual scores or extra credit"
    for attack in ATTACKS:
        assert scores(ours, attack.student) is not None, f"{attack.name} was not graded"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_stock_nbgrader_gives_the_documented_score(stock, attack):
    got = scores(stock, attack.student)
    want = attack.stock_outcomes(stock.points)
    assert got in want, f"{attack.name}: {got} is none of {want}\n{logs(stock)}"


def test_stock_nbgrader_lets_a_submission_rewrite_the_gradebook(stock):
    """What ``ALONE`` attacks did to the students graded before them, under stock nbgrader."""
    run = stock.alone[by_name("write_gradebook").student]
    assert scores(run, "reference") == {k: 0.0 for k in run.points}, logs(run)


def test_no_network_from_the_sandbox(ours, stock):
    assert b"answers" in stock.received, "stock nbgrader: the data should have arrived"
    assert ours.received == b"", ours.received[:100]


def test_a_disk_flood_leaves_nothing_behind(ours, stock):
    student = by_name("disk_flood").student
    # stock leaves the flood beside the notebook (all of it, unless its cell timed out on
    # a busy disk first); ours leaves nothing of it
    assert copytree_size(stock.path(student)) > 100 * 2**20
    assert copytree_size(ours.path(student)) < 5 * 2**20


def test_an_output_flood_is_cut_at_the_cap(ours, stock):
    student = by_name("output_flood").student
    nb = f"{NOTEBOOK}.ipynb"
    if scores(stock, student) is not None:  # stock may also fail on it (see the spec)
        assert (stock.path(student) / nb).stat().st_size > 10**8
    assert (ours.path(student) / nb).stat().st_size < 5 * 2**20


def test_a_process_that_dies_costs_its_exercise_only(ours):
    report = verdict(ours, by_name("os_exit").student)
    dead = [o["test_id"] for o in report["outcomes"] if o["status"] == "crashed"]
    assert dead == ["test_byte_offset"], report["outcomes"]
    # a segfault: the forked process dies (or the audit hook stops ctypes first)
    report = verdict(ours, by_name("segfault").student)
    lost = {o["test_id"]: o["status"] for o in report["outcomes"] if o["score"] < o["points"]}
    assert list(lost) == ["test_contiguity"], report["outcomes"]
    assert lost["test_contiguity"] in ("crashed", "fail", "tampered"), report["outcomes"]


def test_no_kernel_and_no_second_run(ours):
    """Each exercise is graded once, in the sandbox: nbgrader starts no kernel."""
    report = verdict(ours, "reference")
    assert [o["status"] for o in report["outcomes"]] == ["pass"] * len(ours.points)
    # the sandboxed kernel's launcher leaves a report wherever it ran
    assert not list((ours.course / "autograded").rglob(".sandbox-kernel.json"))
