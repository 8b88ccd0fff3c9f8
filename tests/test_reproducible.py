"""Reproducible grades: grading the same submission twice gives the same score, cell by cell.

The scores ``nbgrader autograde`` records are the verifier's verdicts
(``npmem.sandbox.pipeline``); ``tests/test_sandbox_verify.py`` runs the verifier again, in
a fresh sandbox, on the shared graded courses' reference, blank and first round of wrong
answers of every assignment, and requires the scores recorded the first time. The tests
here read the test cells of the instructor notebooks: a test cell may draw random inputs
only from a seeded generator, which for hidden tests is
``npmem.checks.hidden_rng("test_<id>")``.
"""

from __future__ import annotations

import ast

import nbformat
import pytest

from npmem.grading.catalogue import ASSIGNMENTS, source_notebook
from npmem.selfcheck.plan import split_test

END_HIDDEN = "### END HIDDEN TESTS"
# numpy.random's legacy global-state functions (NumPy 2.4), and the stdlib's random
LEGACY = {
    "rand", "randn", "randint", "random", "random_sample", "random_integers", "ranf",
    "sample", "choice", "shuffle", "permutation", "bytes", "normal", "uniform", "binomial",
    "poisson", "exponential", "standard_normal", "integers", "beta", "gamma", "geometric",
    "lognormal", "multivariate_normal", "triangular", "randrange", "gauss", "choices",
    "getrandbits", "randbytes",
}  # fmt: skip
# generators and bit generators that draw their seed from the OS when given none
SEEDED_BY_ARG = {
    "default_rng", "RandomState", "Generator", "PCG64", "PCG64DXSM", "MT19937", "Philox",
    "SFC64", "SeedSequence", "Random",
}  # fmt: skip


def grade_cells():
    """(assignment, grade id, source) of every autograder test cell of the instructor notebooks."""
    for aid in ASSIGNMENTS:
        nb = nbformat.read(source_notebook(aid), as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and cell.cell_type == "code":
                yield aid, meta["grade_id"], cell.source


def _parse(source: str) -> ast.Module:
    # IPython magics are not Python: blank them out, keeping the line numbers
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
    return ast.parse("\n".join(lines))


def _dotted(func: ast.expr) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def _unseeded(call: ast.Call) -> bool:
    seeds = [k.value for k in call.keywords if k.arg in ("seed", "entropy", "x")]
    if not call.args and not seeds:
        return True
    first = call.args[0] if call.args else seeds[0]
    return isinstance(first, ast.Constant) and first.value is None


def unseeded_draws(source: str) -> list[str]:
    """Calls in a test cell whose random numbers differ from one run to the next."""
    tree = _parse(source)
    calls = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Call)),
        key=lambda c: (c.lineno, c.col_offset),
    )
    names = {_dotted(c.func): c for c in calls}
    seeded_legacy = any(n.endswith("random.seed") for n in names) or "seed" in names
    found = []
    for call in calls:
        name = _dotted(call.func)
        last = name.rsplit(".", 1)[-1]
        if last in SEEDED_BY_ARG and (name == last or "random" in name) and _unseeded(call):
            if last == "Generator" and call.args:  # Generator(bit_generator): that one counts
                continue
            found.append(f"line {call.lineno}: {ast.unparse(call)} (no seed)")
        elif last in LEGACY and name.split(".")[:-1] and name.split(".")[-2] == "random":
            if not seeded_legacy:
                found.append(f"line {call.lineno}: {ast.unparse(call)} (global state, no seed)")
    return found


def test_the_static_check_sees_unseeded_draws():
    """The check itself: what it must flag and what it must let through."""
    flagged = [
        "rng = np.random.default_rng()",
        "rng = np.random.default_rng(None)",
        "from numpy.random import default_rng\nrng = default_rng()",
        "x = np.random.rand(3)",
        "x = np.random.randint(0, 5, size=3)",
        "import random\nk = random.randint(1, 6)",
        "g = np.random.Generator(np.random.PCG64())",
    ]
    passed = [
        "rng = hidden_rng('test_x')",
        "rng = np.random.default_rng(7)",
        "rng = np.random.default_rng(seed=7)",
        "np.random.seed(3)\nx = np.random.rand(3)",
        "x = rng.random(3)\nk = rng.integers(0, 5)",
        "%timeit np.ones(3)\nx = 1",
    ]
    for code in flagged:
        assert unseeded_draws(code), code
    for code in passed:
        assert not unseeded_draws(code), code


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_test_cells_draw_only_from_seeded_generators(assignment):
    bad = []
    for aid, gid, source in grade_cells():
        if aid != assignment:
            continue
        for what in unseeded_draws(source):
            bad.append(f"{aid}/{gid} {what}")
    assert not bad, (
        "test cells draw unseeded random numbers (use npmem.checks.hidden_rng('<test id>')):\n"
        + "\n".join(bad)
    )


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_hidden_rng_is_seeded_with_its_own_cell_id(assignment):
    """hidden_rng("test_<id>") in the cell test_<id>: no two cells share their inputs by copy."""
    bad = []
    for aid, gid, source in grade_cells():
        if aid != assignment:
            continue
        for call in ast.walk(_parse(source)):
            if isinstance(call, ast.Call) and _dotted(call.func).endswith("hidden_rng"):
                arg = call.args[0] if call.args else None
                if not (isinstance(arg, ast.Constant) and arg.value == gid):
                    bad.append(f"{aid}/{gid} line {call.lineno}: {ast.unparse(call)}")
    assert not bad, "hidden_rng must be given the test cell's own id:\n" + "\n".join(bad)


def test_hidden_parts_are_delimited():
    """Every test cell that opens a hidden part closes it (the static checks read both)."""
    for aid, gid, source in grade_cells():
        visible, hidden = split_test(source)
        if hidden is not None:
            assert END_HIDDEN in hidden, f"{aid}/{gid}: BEGIN HIDDEN TESTS without END"
