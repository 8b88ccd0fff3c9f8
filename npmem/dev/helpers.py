"""Does a course helper solve an exercise? Each learner-importable helper, tried as the answer.

A learner can import every module of ``npmem`` except the instructor's and the
grader's (``EXCLUDED``). For each exercise, each public function of those modules
whose signature accepts the exercise's required positional arguments is wrapped as
the exercise's function (``def <name>(*args, **kwargs): return helper(*args,
**kwargs)``) and run through the exercise's full test cell (``npmem.dev.runner``),
each in a forked child of one engine's set-up state. A helper that passes solves the
exercise. Each helper gets three times the reference's run time (at least 2 s): one
that is the answer runs about as long as the reference, and a slower one under a
loaded machine could be missed.

Usage: ``python -m npmem.dev.helpers [ASSIGNMENT ...]`` (exit status 1 when one does).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass

import npmem
from npmem.grading.catalogue import ASSIGNMENTS

from .runner import TIMEOUT, Assignment, ExerciseCells, Session

EXCLUDED = (
    "npmem.dev",
    "npmem.sandbox",
    "npmem.instructor",
    "npmem.selfcheck",
    "npmem.grading",
    "npmem.authoring",
    "npmem.cluster",
)
# seconds a helper gets per exercise: three times what the reference took, and at least
# MIN_TIMEOUT (a helper that is the answer runs about as long as the reference does)
MIN_TIMEOUT = 2.0


@dataclass(frozen=True)
class Helper:
    module: str
    name: str
    signature: inspect.Signature

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"


def learner_modules() -> list[str]:
    names = ["npmem"]
    for info in pkgutil.walk_packages(npmem.__path__, "npmem."):
        if info.name.startswith(EXCLUDED) or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        names.append(info.name)
    return sorted(names)


def helpers() -> list[Helper]:
    """Public functions defined in the learner-importable modules, in a fixed order."""
    found = []
    for modname in learner_modules():
        mod = importlib.import_module(modname)
        for name, obj in sorted(vars(mod).items()):
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != modname:
                continue
            try:
                sig = inspect.signature(obj)
            except (TypeError, ValueError):
                continue
            found.append(Helper(modname, name, sig))
    return found


def required_positional(fn: ast.FunctionDef) -> int:
    args = fn.args
    positional = len(args.posonlyargs) + len(args.args)
    return positional - len(args.defaults)


def fits(helper: Helper, n_args: int) -> bool:
    """Whether the helper can be called with the exercise's required positional arguments."""
    try:
        helper.signature.bind(*range(n_args))
    except TypeError:
        return False
    return True


def wrapper(ex: ExerciseCells, helper: Helper) -> str | None:
    fn = ex.function
    if fn is None:
        return None
    return (
        f"from {helper.module} import {helper.name} as _course_helper\n\n\n"
        f"def {fn.name}(*args, **kwargs):\n"
        f"    return _course_helper(*args, **kwargs)\n"
    )


def solving_helpers(
    aid: str, timeout: float = TIMEOUT, candidates: list[Helper] | None = None
) -> dict[str, list[str]]:
    """{exercise: [helpers that pass its whole test cell]}; also checks the reference passes
    (once per exercise: its time sets the helpers' time limit).

    One engine runs them all: the engine runs each job in a forked child of its set-up
    state, so a helper with a process-wide effect (an allocator setting, a started
    tracer) ends with its child and cannot change how the next helper fares.
    """
    assignment = Assignment(aid)
    candidates = helpers() if candidates is None else candidates
    found: dict[str, set[str]] = {}
    with Session(assignment, timeout=timeout) as session:
        if session.setup_error:
            raise RuntimeError(f"{aid}: set-up cells fail: {session.setup_error}")
        for ex in assignment.exercises:
            fn = ex.function
            n = required_positional(fn) if fn else 0
            fitting = [h for h in candidates if fits(h, n)]
            if not fitting:
                continue
            session.timeout = timeout
            ref = session.try_solution(ex, ex.solution)
            if ref.killed:
                raise RuntimeError(f"{aid}/{ex.grade_id}: reference fails: {ref.detail}")
            # each helper gets three times the reference's time (at least MIN_TIMEOUT)
            session.timeout = max(MIN_TIMEOUT, 3 * ref.seconds)
            for helper in fitting:
                source = wrapper(ex, helper)
                if source is None:  # no function for the helper to stand in for
                    continue
                verdict = session.try_solution(ex, source)
                if not verdict.killed:
                    found.setdefault(ex.grade_id, set()).add(helper.qualname)
    order = [ex.grade_id for ex in assignment.exercises]
    return {gid: sorted(found[gid]) for gid in order if gid in found}


def main(argv: list[str] | None = None) -> int:
    targets = (argv if argv is not None else sys.argv[1:]) or list(ASSIGNMENTS)
    bad = 0
    for aid in targets:
        solved = solving_helpers(aid)
        for gid, names in solved.items():
            bad += 1
            print(f"{aid}/{gid} is solved by {', '.join(names)}")
        if not solved:
            print(f"{aid}: no course helper solves an exercise")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
