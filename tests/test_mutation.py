"""The mutation pass: every mechanical mutant of a reference solution fails its hidden tests.

The fast tests check the mutator itself on a small function; the slow ones run
``npmem.dev.mutation`` over every assignment (``make mutation`` prints the same).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys
import textwrap

import pytest

from npmem.dev.mutate import OPERATORS, mutant_id, mutants, normalize
from npmem.dev.mutation import EQUIVALENTS, equivalents, run_assignment
from npmem.grading.catalogue import ASSIGNMENTS, ROOT

SAMPLE = textwrap.dedent(
    '''
    import gc

    import numpy as np


    def sample(x, n, order="C"):
        """A docstring with C and F in it."""
        y = x.reshape(n, -1).copy()
        z = np.asarray(x, dtype=np.float64)
        if n < len(x) and not x.flags.writeable:
            raise ValueError(f"bad {n + 1}")
        s = y.sum(axis=0) + z[1:n].max() * 2
        t = x.transpose((1, 0))
        u = np.array(x, copy=True)
        w = min(n, 3)
        c = x[1:n].copy()
        for i in range(n):
            s -= i
        del u
        gc.collect()
        return np.full(n, s, order=order, dtype="i8")[::-1].T
    '''
)

# operator -> lines (as ast.unparse writes them, indentation aside) that some mutant of
# that operator contains
EXPECTED = {
    "order": ["def sample(x, n, order='F'):"],
    "const": ["s = y.sum(axis=0) + z[1:n].max() * 3", "s = y.sum(axis=0) + z[2:n].max() * 2"],
    "bound": [
        "s = y.sum(axis=0) + z[1:n + 1].max() * 2",
        "s = y.sum(axis=0) + z[1:n - 1].max() * 2",
        "for i in range(n + 1):",
        "if n < len(x) - 1 and (not x.flags.writeable):",
    ],
    "copy_drop": ["y = x.reshape(n, -1)", "u = np.asarray(x)", "u = np.array(x, copy=None)"],
    "copy_add": ["return np.full(n, s, order=order, dtype='i8')[::-1].T.copy()"],
    "view_to_copy": [
        "t = x.transpose((1, 0)).copy()",
        "z = np.array(x, dtype=np.float64)",
        "s = y.sum(axis=0) + z[np.arange(z.shape[0])[1:n]].max() * 2",
        "return np.full(n, s, order=order, dtype='i8')[::-1].T.copy()",
    ],
    "axis": ["s = y.sum(axis=1) + z[1:n].max() * 2", "s = y.sum(axis=-1) + z[1:n].max() * 2"],
    "axis_order": [
        "t = x.transpose((0, 1))",
        "return np.full(n, s, order=order, dtype='i8')[:].T",
        "return np.full(n, s, order=order, dtype='i8')[::-1]",
    ],
    "swap_args": ["y = x.reshape(-1, n).copy()"],
    "dtype": [
        "z = np.asarray(x, dtype=np.float32)",
        "return np.full(n, s, order=order, dtype='i4')[::-1].T",
    ],
    "drop_call": ["    pass"],
    "drop_del": ["    pass"],
    "drop_raise": ["        pass"],
    "compare": ["if n <= len(x) and (not x.flags.writeable):"],
    "boolop": ["if n < len(x) or not x.flags.writeable:", "if n < len(x) and x.flags.writeable:"],
    "arith": [
        "s = y.sum(axis=0) - z[1:n].max() * 2",
        "s = y.sum(axis=0) + z[1:n].max() // 2",
        "    s += i",
    ],
    "drop_return": ["    return"],
    "minmax": ["w = max(n, 3)", "s = y.sum(axis=0) + z[1:n].min() * 2"],
}


def test_every_operator_is_exercised_by_the_sample():
    assert set(EXPECTED) == set(OPERATORS)


@pytest.mark.parametrize("operator", list(OPERATORS))
def test_operator_makes_the_mutants_it_should(operator):
    made = mutants(SAMPLE, [operator])
    assert made, f"{operator} made no mutant of the sample"
    assert all(m.operator == operator for m in made)
    for line in EXPECTED[operator]:
        hits = [m for m in made if line.strip() in [t.strip() for t in m.source.splitlines()]]
        shown = "\n\n".join(m.source for m in made)
        assert hits, f"{operator}: no mutant contains {line!r}; made:\n{shown}"


def test_no_mutant_that_is_equivalent_by_construction():
    """No swapped arguments of a commutative call, no copy of what is copied anyway."""
    sources = [m.source for m in mutants(SAMPLE)]
    assert not [s for s in sources if "min(3, n)" in s]
    assert not [s for s in sources if ".copy().copy()" in s]
    assert not [s for s in sources if "x[np.arange(x.shape[0])[1:n]].copy()" in s]
    assert [s for s in sources if "c = x[1:n]\n" in s]  # while the copy can still be dropped


def test_mutants_are_distinct_valid_and_differ_from_the_reference():
    made = mutants(SAMPLE)
    original = normalize(SAMPLE)
    sources = [m.source for m in made]
    assert len(set(sources)) == len(sources)
    assert original not in sources
    for m in made:
        compile(m.source, m.id, "exec")
        assert m.diff(SAMPLE).count("\n+") >= 1, m.id


def test_docstrings_and_messages_are_not_mutated():
    for m in mutants(SAMPLE):
        tree = ast.parse(m.source)
        fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
        assert ast.get_docstring(fn) == "A docstring with C and F in it.", m.id
        assert "raise ValueError(f'bad {n + 1}')" in m.source or m.operator == "drop_raise", m.id


def test_ids_are_the_operator_and_a_hash_of_the_mutated_source():
    for m in mutants(SAMPLE):
        digest = hashlib.sha1(m.source.encode()).hexdigest()[:8]
        assert m.id == f"{m.operator}-{digest}" == mutant_id(m.operator, m.source)
    assert len({m.id for m in mutants(SAMPLE)}) == len(mutants(SAMPLE))


def test_ids_are_stable_across_processes():
    """Same ids and order in another interpreter with another hash seed."""
    here = [m.id for m in mutants(SAMPLE)]
    code = (
        "import json, sys\n"
        "from npmem.dev.mutate import mutants\n"
        "print(json.dumps([m.id for m in mutants(sys.stdin.read())]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=SAMPLE,
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(out.stdout) == here


def test_equivalent_files_are_well_formed():
    """tests/data/mutation/NN-topic.toml: [solution id] tables of "mutant id" = "reason"."""
    for aid in ASSIGNMENTS:
        path = EQUIVALENTS / f"{aid}.toml"
        assert path.exists(), f"missing {path}"
        for gid, table in equivalents(aid).items():
            for mid, reason in table.items():
                op = mid.rsplit("-", 1)[0]
                assert op in OPERATORS, f"{path.name} [{gid}] {mid}: unknown operator {op!r}"
                assert reason.strip(), f"{path.name} [{gid}] {mid}: give a one-line reason"
                assert "\n" not in reason.strip(), f"{path.name} [{gid}] {mid}: one line"


# ---- the pass itself (slow) --------------------------------------------------------------

_reports: dict[str, object] = {}


def _report(aid: str):
    if aid not in _reports:
        _reports[aid] = run_assignment(aid)
    return _reports[aid]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_mutant_is_killed_or_equivalent(assignment):
    rep = _report(assignment)
    assert not rep.setup_error, f"{assignment}: the set-up cells fail: {rep.setup_error}"
    failures = []
    for er in rep.exercises:
        if er.reference:
            failures.append(f"{assignment}/{er.exercise}: the reference fails: {er.reference}")
        for r in er.surviving:
            failures.append(
                f"{assignment}/{er.exercise}: mutant {r.id} ({r.operator}: "
                f"{OPERATORS[r.operator]}) survives the tests\n{textwrap.indent(r.diff, '    ')}"
            )
    assert not failures, f"{len(failures)} surviving:\n" + "\n".join(failures)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_no_stale_equivalent_entry(assignment):
    rep = _report(assignment)
    stale = [f"{assignment}/{er.exercise}: {s}" for er in rep.exercises for s in er.stale]
    assert not stale, f"tests/data/mutation/{assignment}.toml:\n" + "\n".join(stale)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_the_pass_ran_every_exercise(assignment):
    """Each exercise was mutated, and its hand-written wrong answers ran through the runner."""
    rep = _report(assignment)
    ran = {er.exercise: er for er in rep.exercises if er.exercise != "(unknown)"}
    from npmem.dev.samples import solutions

    assert set(ran) == set(solutions(assignment))
    for gid, er in ran.items():
        assert er.generated > 0, f"{assignment}/{gid}: no mutant generated"
        assert er.reference or len(er.results) == er.run, f"{assignment}/{gid}"


# ---- the runner: how a candidate is judged, as nbgrader would score its test cell -------


@pytest.fixture(scope="module")
def session():
    from types import SimpleNamespace

    from npmem.dev.runner import Session

    fake = SimpleNamespace(id="runner-test", setup=["import numpy as np"])
    with Session(fake, timeout=2.0, memory=2 * 2**30) as s:
        assert s.setup_error == ""
        yield s


def _exercise(tests: str, points: float = 2.0):
    from npmem.dev.runner import ExerciseCells

    return ExerciseCells("runner-test", "f", "def f(x):\n    return x * 2\n", tests, points)


@pytest.mark.parametrize(
    "solution, tests, status",
    [
        ("def f(x):\n    return x * 2", "assert f(2) == 4", "pass"),
        ("def f(x):\n    return x + 2", "assert f(3) == 6", "error"),
        ("def f(x):\n    raise ValueError", "assert f(3) == 6", "error"),
        ("x = (", "assert f(3) == 6", "error"),  # a syntax error: f is undefined
        (
            "import sys\ndef f(x):\n    print('!', file=sys.stderr)\n    return 2 * x",
            "assert f(3) == 6",
            "stderr",
        ),
        (
            "import os\ndef f(x):\n    os.write(2, b'!')\n    return 2 * x",
            "assert f(3) == 6",
            "stderr",
        ),
        ("def f(x):\n    return np.float64(x) / 0 + 2 * x", "assert f(3) > 0", "stderr"),
        ("def f(x):\n    return 2 * x", "f(3) / 6", "partial"),  # 0.5 of 2 points
        ("def f(x):\n    return 2 * x", "f(3) / 3", "pass"),  # 2.0: full marks
        ("def f(x):\n    return 2 * x", "'not a number'", "pass"),  # nbgrader: full marks
        ("def f(x):\n    while True:\n        pass", "f(1)", "timeout"),
        ("def f(x):\n    return np.ones(2**32)", "f(1)", "error"),  # over the memory cap
    ],
)
def test_runner_judges_a_test_cell_as_nbgrader_scores_it(session, solution, tests, status):
    verdict = session.try_solution(_exercise(tests), solution)
    assert verdict.status == status, verdict
    assert verdict.killed == (status != "pass")


def test_a_warning_shown_once_is_shown_again_for_the_next_candidate(session):
    ex = _exercise("import warnings\nwarnings.warn('again')\n")
    assert session.try_solution(ex, ex.solution).status == "stderr"
    assert session.try_solution(ex, ex.solution).status == "stderr"


def test_the_reference_is_back_after_a_candidate(session):
    ex = _exercise("assert f(3) == 6")
    session.try_solution(ex, "def f(x):\n    return 0")
    assert session.try_solution(ex, "g = 1").status == "error"  # f forgotten, not kept
    assert session.try_solution(ex, ex.solution).status == "pass"


def test_a_candidate_that_kills_its_process_is_killed_and_the_engine_restarts(session):
    """A candidate that ends its process (a fork of the engine) is killed; when the
    engine itself dies, the next candidate starts a new one."""
    ex = _exercise("assert f(3) == 6")
    verdict = session.try_solution(ex, "import os\ndef f(x):\n    os._exit(3)")
    assert verdict.killed and verdict.status == "crash"
    assert session.try_solution(ex, ex.solution).status == "pass"
    before = session.restarts
    session.checker.engine.proc.kill()
    session.checker.engine.proc.wait()
    assert session.try_solution(ex, ex.solution).status == "pass"
    assert session.restarts == before + 1


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_hand_written_wrong_answer_loses_its_points_as_nbgrader_scores_it(
    graded, assignment, tmp_path
):
    """Each hand-written wrong answer (samples/mutants, at least three per exercise) loses
    its exercise's points in the engine, and a failing check says what it expected. The
    engine's verdict is nbgrader's: tests/conftest.py grades the first round of them (one
    wrong answer per exercise, the others correct) with real nbgrader, and the verdicts on
    that round must equal nbgrader's scores cell by cell. The same run, diagnosed, rebuilds
    the diagnosis catalogue, which must equal the one kept (``npmem diagnoses``)."""
    from npmem.dev.diagnoses import build, judge
    from npmem.dev.runner import verdict
    from npmem.dev.samples import MUTANTS
    from npmem.grading import diagnosis
    from npmem.grading.gradebook import max_scores

    g = graded(assignment)
    maxima = max_scores(g.course, assignment, g.notebook)
    scores = g.scores("mutants0")
    assert scores is not None, f"mutants0 was not graded:\n{g.proc.stderr[-3000:]}"
    (first,) = g.rounds
    judged = judge(assignment, MUTANTS)
    disagree, survivors, vague, compared = [], [], [], 0
    for gid, answers in sorted(judged.items()):
        for name, (outcome, _path) in sorted(answers.items()):
            v = verdict(outcome)
            if not v.killed:
                survivors.append(f"{gid}/{name}")
            if outcome.ename == "AssertionError" and "expected" not in outcome.evalue:
                vague.append(f"{gid}/{name}: {outcome.evalue[:200]}")
            if first.get(gid) == name:
                compared += 1
                test_id = f"test_{gid}"
                if v.killed != (scores[test_id] < maxima[test_id]):
                    disagree.append(
                        f"{gid}/{name}: nbgrader scored {scores[test_id]}/"
                        f"{maxima[test_id]}, the engine says {v.status} {v.detail[:200]}"
                    )
    assert compared == len(first) == len(judged)
    assert not disagree, f"{assignment}:\n" + "\n".join(disagree)
    assert not survivors, f"{assignment}: wrong answers that keep their points: {survivors}"
    assert not vague, f"{assignment}: checks that do not say what was expected: {vague}"
    build(assignment, out=tmp_path, judged=judged)
    fresh = (tmp_path / f"{assignment}.json").read_text()
    kept = diagnosis.catalogue_path(assignment).read_text()
    assert fresh == kept, f"{assignment}: the catalogue is stale, run npmem diagnoses"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_independent_wrong_answer_loses_its_points(assignment):
    """samples/independent: wrong answers written from real misconceptions by authors who
    saw only each exercise's text, visible tests and hints (docs/authoring.md), at least
    five per exercise; samples/blind: three more per exercise, written the same way after
    the lessons and the diagnosis rules were settled. Each must lose its exercise's
    points (the runner's verdict is nbgrader's: see the test above)."""
    from npmem.dev.runner import Assignment, Session

    notebook = Assignment(assignment)
    found: dict[str, int] = {}
    survivors = []
    paths = [
        *sorted((ROOT / "samples" / "independent" / assignment).glob("*/*.py")),
        *sorted((ROOT / "samples" / "blind" / assignment).glob("*/*.py")),
    ]
    with Session(notebook) as session:
        for path in paths:
            gid = path.parent.name
            if path.parent.parent.parent.name == "independent":
                found[gid] = found.get(gid, 0) + 1
            verdict = session.try_solution(notebook.exercise(gid), path.read_text())
            if not verdict.killed:
                survivors.append(str(path.relative_to(ROOT / "samples")))
    short = [e.grade_id for e in notebook.exercises if found.get(e.grade_id, 0) < 5]
    assert not short, f"{assignment}: fewer than five independent wrong answers for {short}"
    assert len(paths) - sum(found.values()) >= 3 * len(notebook.exercises), "blind answers"
    assert not survivors, f"{assignment}: full marks for {survivors}"
