"""The mutation pass: do the hidden tests tell every plausible wrong solution from the reference?

For each exercise of an assignment, the reference solution is mutated mechanically
(``npmem.dev.mutate``), and each mutant is run in place of the reference, followed by
the exercise's whole test cell (visible and hidden tests), as one job of the grading
engine every grader of the course shares, one warm engine per assignment
(``npmem.dev.runner``). A mutant is *killed* when the engine's verdict, by nbgrader's
rules, is below full marks: the test cell raises, writes to stderr (what the course's
``IgnorePattern`` drops aside), ends in a partial score, times out or crashes its
process; otherwise it *survives*, unless it is listed as *equivalent* (it computes
what the reference computes) in ``tests/data/mutation/NN-topic.toml``::

    [strides_for]                     # the solution cell's grade id
    "order-4146a9ff" = "one-line reason it behaves exactly like the reference"

An entry whose mutant is no longer generated, or whose mutant is killed, is *stale*.
The hand-written wrong answers of ``samples/mutants/NN-topic/<id>/*.py`` are run the
same way and reported (``tests/test_grading.py`` grades them with real nbgrader).

Usage::

    python -m npmem.dev.mutation [ASSIGNMENT | ASSIGNMENT:EXERCISE ...]
        [--timeout S] [--memory-gib G] [--max-mutants N] [--jobs N] [--json PATH]
        [--operators a,b] [--show-killed]

``make mutation A=01-strides``. Exit status 1 when a mutant survives, an equivalent
entry is stale, or a reference solution fails its own tests.

At most ``--max-mutants`` (default 400) mutants per exercise are run, the first ones
in the generator's order (tree order, then operator order); the report says when an
exercise had more.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from npmem.dev.samples import mutants as hand_written
from npmem.grading.catalogue import ASSIGNMENTS, ROOT

from .mutate import OPERATORS, Mutant, mutants, normalize
from .runner import MEMORY, TIMEOUT, Assignment, ExerciseCells, Session

EQUIVALENTS = ROOT / "tests" / "data" / "mutation"
MAX_MUTANTS = 400


def equivalents(aid: str, folder: Path = EQUIVALENTS) -> dict[str, dict[str, str]]:
    """Equivalent mutants listed for an assignment: {solution id: {mutant id: reason}}."""
    path = folder / f"{aid}.toml"
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    bad = {k: v for k, v in data.items() if not isinstance(v, dict)}
    if bad:
        raise ValueError(f"{path}: top-level keys must be [solution id] tables: {sorted(bad)}")
    return {gid: {str(m): str(r) for m, r in table.items()} for gid, table in data.items()}


@dataclass
class Result:
    id: str
    operator: str  # a mutation operator, or "hand-written"
    killed: bool
    status: str
    detail: str
    diff: str = ""
    equivalent: str = ""  # the listed reason, when listed
    seconds: float = 0.0


@dataclass
class ExerciseReport:
    assignment: str
    exercise: str
    generated: int = 0
    run: int = 0
    reference: str = ""  # why the reference fails its own tests ("" when it passes)
    results: list[Result] = field(default_factory=list)
    hand: list[Result] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # "<mutant id>: why"
    seconds: float = 0.0

    @property
    def killed(self) -> list[Result]:
        return [r for r in self.results if r.killed]

    @property
    def equivalent(self) -> list[Result]:
        return [r for r in self.results if not r.killed and r.equivalent]

    @property
    def surviving(self) -> list[Result]:
        return [r for r in self.results if not r.killed and not r.equivalent]

    @property
    def ok(self) -> bool:
        return not self.reference and not self.surviving and not self.stale


@dataclass
class AssignmentReport:
    assignment: str
    exercises: list[ExerciseReport] = field(default_factory=list)
    setup_error: str = ""
    restarts: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.setup_error and all(e.ok for e in self.exercises)


def _check_exercise(
    session: Session,
    ex: ExerciseCells,
    listed: dict[str, str],
    max_mutants: int,
    operators: list[str] | None,
) -> ExerciseReport:
    start = time.perf_counter()
    report = ExerciseReport(ex.assignment, ex.grade_id)
    generated: list[Mutant] = mutants(ex.solution, operators)
    report.generated = len(generated)
    chosen = generated[:max_mutants]
    report.run = len(chosen)
    ids = {m.id for m in generated}
    report.stale += [
        f"{mid}: no such mutant is generated any more" for mid in listed if mid not in ids
    ]
    ref = session.try_solution(ex, ex.solution)
    if ref.killed:
        report.reference = f"{ref.status}: {ref.detail}"
        report.seconds = time.perf_counter() - start
        return report
    for m in chosen:
        v = session.try_solution(ex, m.source)
        reason = listed.get(m.id, "")
        report.results.append(
            Result(
                m.id,
                m.operator,
                v.killed,
                v.status,
                v.detail,
                m.diff(ex.solution),
                reason,
                v.seconds,
            )
        )
        if reason and v.killed:
            report.stale.append(f"{m.id}: listed as equivalent but killed ({v.status}: {v.detail})")
    for name, code in sorted(hand_written(ex.assignment).get(ex.grade_id, {}).items()):
        v = session.try_solution(ex, code)
        report.hand.append(
            Result(name, "hand-written", v.killed, v.status, v.detail, seconds=v.seconds)
        )
    report.seconds = time.perf_counter() - start
    return report


def run_assignment(
    aid: str,
    only: list[str] | None = None,
    *,
    timeout: float = TIMEOUT,
    memory: int = MEMORY,
    max_mutants: int = MAX_MUTANTS,
    operators: list[str] | None = None,
    jobs: int = 1,
    on_exercise=None,
) -> AssignmentReport:
    """The mutation pass over one assignment (or some of its exercises).

    With ``jobs`` > 1, exercises are shared among that many engine processes (each with
    the set-up cells run); ``on_exercise`` still sees them in notebook order.
    """
    start = time.perf_counter()
    assignment = Assignment(aid)
    report = AssignmentReport(aid)
    listed = equivalents(aid)
    known = [ex.grade_id for ex in assignment.exercises]
    unknown = sorted(set(only or []) - set(known))
    if unknown:
        raise ValueError(f"{aid} has no exercise {unknown}: it has {', '.join(known)}")
    todo = [ex for ex in assignment.exercises if not only or ex.grade_id in only]
    done: dict[int, ExerciseReport] = {}
    emitted = 0
    lock = threading.Lock()
    pending = iter(range(len(todo)))

    def work() -> tuple[str, int]:
        nonlocal emitted
        with Session(assignment, timeout=timeout, memory=memory) as session:
            while True:
                with lock:
                    k = next(pending, None)
                if k is None:
                    return session.setup_error, session.restarts
                ex = todo[k]
                er = _check_exercise(
                    session, ex, listed.get(ex.grade_id, {}), max_mutants, operators
                )
                with lock:
                    done[k] = er
                    while emitted in done:
                        if on_exercise:
                            on_exercise(done[emitted])
                        emitted += 1

    n = max(1, min(jobs, len(todo)))
    with ThreadPoolExecutor(n) as pool:
        sessions = [f.result() for f in [pool.submit(work) for _ in range(n)]]
    report.setup_error = next((err for err, _ in sessions if err), "")
    report.restarts = sum(r for _, r in sessions)
    report.exercises = [done[k] for k in range(len(todo))]
    stale_tables = [gid for gid in listed if gid not in known]
    if stale_tables and not only:
        er = ExerciseReport(aid, "(unknown)")
        er.stale = [f"[{gid}]: no exercise with this id" for gid in stale_tables]
        report.exercises.append(er)
    report.seconds = time.perf_counter() - start
    return report


# ---- printing --------------------------------------------------------------------------


def _indent(text: str, by: str = "      ") -> str:
    return "\n".join(by + line for line in text.splitlines())


def summary_line(er: ExerciseReport) -> str:
    if er.reference:
        return f"  {er.exercise}: REFERENCE FAILS ITS TESTS: {er.reference}"
    capped = f" (of {er.generated}, capped)" if er.run < er.generated else ""
    hand_killed = sum(r.killed for r in er.hand)
    return (
        f"  {er.exercise}: generated {er.run}{capped}, killed {len(er.killed)}, "
        f"equivalent {len(er.equivalent)}, surviving {len(er.surviving)}; "
        f"hand-written {len(er.hand)} (killed {hand_killed}); {er.seconds:.1f} s"
    )


def describe(er: ExerciseReport) -> str:
    lines = [summary_line(er)]
    for r in er.surviving:
        lines.append(f"    SURVIVOR {r.id} [{r.operator}: {OPERATORS[r.operator]}]")
        lines.append(_indent(r.diff))
    for r in er.hand:
        if not r.killed:
            lines.append(
                f"    HAND-WRITTEN SURVIVOR {r.id} (samples/mutants/{er.assignment}"
                f"/{er.exercise}/{r.id}.py)"
            )
    for s in er.stale:
        lines.append(f"    STALE equivalent entry {s}")
    return "\n".join(lines)


def _parse_targets(targets: list[str]) -> dict[str, list[str] | None]:
    """{assignment: exercises to run, or None for all of them}."""
    chosen: dict[str, list[str] | None] = {}
    for t in targets or list(ASSIGNMENTS):
        aid, _, ex = t.partition(":")
        if aid not in ASSIGNMENTS:
            raise SystemExit(f"unknown assignment {aid!r}: one of {', '.join(ASSIGNMENTS)}")
        if not ex:
            chosen[aid] = None
        elif aid not in chosen:
            chosen[aid] = [ex]
        elif (exercises := chosen[aid]) is not None:
            exercises.append(ex)
    return chosen


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m npmem.dev.mutation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="*", help="ASSIGNMENT or ASSIGNMENT:EXERCISE (default all)")
    p.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per mutant")
    p.add_argument(
        "--memory-gib",
        type=float,
        default=MEMORY / 2**30,
        help="address-space cap of the engine's process",
    )
    p.add_argument("--max-mutants", type=int, default=MAX_MUTANTS, help="per exercise")
    p.add_argument("--operators", help="comma-separated subset of: " + ", ".join(OPERATORS))
    p.add_argument("--jobs", type=int, default=1, help="engine processes per assignment")
    p.add_argument("--json", type=Path, help="also write the full results here")
    p.add_argument("--show-killed", action="store_true", help="list killed mutants too")
    args = p.parse_args(argv)
    ops = args.operators.split(",") if args.operators else None
    if ops and set(ops) - set(OPERATORS):
        p.error(f"unknown operators {sorted(set(ops) - set(OPERATORS))}")
    targets = _parse_targets(args.targets)
    reports = []
    total = time.perf_counter()

    def show(er: ExerciseReport) -> None:
        print(describe(er), flush=True)
        if args.show_killed:
            for r in er.killed:
                print(f"    killed {r.id} ({r.status}: {r.detail[:120]})")

    for aid, only in targets.items():
        print(f"== {aid}", flush=True)
        try:
            rep = run_assignment(
                aid,
                only,
                timeout=args.timeout,
                memory=int(args.memory_gib * 2**30),
                max_mutants=args.max_mutants,
                operators=ops,
                jobs=args.jobs,
                on_exercise=show,
            )
        except ValueError as err:
            p.error(str(err))
        if rep.setup_error:
            print(f"  SET-UP CELLS FAIL: {rep.setup_error}")
        ex = [e for e in rep.exercises if e.exercise != "(unknown)"]
        for e in rep.exercises:
            if e.exercise == "(unknown)":
                print(describe(e))
        print(
            f"  {aid} total: generated {sum(e.run for e in ex)}, "
            f"killed {sum(len(e.killed) for e in ex)}, "
            f"equivalent {sum(len(e.equivalent) for e in ex)}, "
            f"surviving {sum(len(e.surviving) for e in ex)}; "
            f"hand-written {sum(len(e.hand) for e in ex)} "
            f"(killed {sum(sum(r.killed for r in e.hand) for e in ex)}); "
            f"engine restarts {rep.restarts}; {rep.seconds:.1f} s",
            flush=True,
        )
        reports.append(rep)
    print(f"== all: {time.perf_counter() - total:.1f} s")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], indent=1))
    return 0 if all(r.ok for r in reports) else 1


__all__ = ["equivalents", "main", "normalize", "run_assignment"]

if __name__ == "__main__":
    sys.exit(main())
