"""No course helper that a learner can import is, by itself, the answer to an exercise.

Every public function of the learner-importable ``npmem`` modules whose signature
takes the exercise's required arguments is run as the exercise's function, through
the exercise's whole test cell (``npmem.dev.helpers``, in the mutation pass's runner).
"""

from __future__ import annotations

import inspect

import pytest

from npmem.dev.helpers import EXCLUDED, Helper, fits, helpers, learner_modules, solving_helpers
from npmem.dev.runner import Assignment
from npmem.grading.catalogue import ASSIGNMENTS


def test_the_learner_modules_exclude_the_course_tooling():
    mods = learner_modules()
    assert "npmem.measure" in mods and "npmem.checks" in mods
    assert not [m for m in mods if m.startswith(EXCLUDED)]
    names = {h.qualname for h in helpers()}
    assert "npmem.measure.peak_memory" in names


def test_arity_fit():
    def two(a, b, c=0): ...

    def star(func, *args, **kwargs): ...

    h2 = Helper("m", "two", inspect.signature(two))
    hs = Helper("m", "star", inspect.signature(star))
    assert fits(h2, 2) and not fits(h2, 1) and fits(h2, 3) and not fits(h2, 4)
    assert fits(hs, 1) and fits(hs, 4) and not fits(hs, 0)


def test_a_helper_that_solves_an_exercise_is_found(tmp_path, monkeypatch):
    """The check can fail: a module holding the reference solution is reported as solving it."""
    aid = next(iter(ASSIGNMENTS))
    assignment = Assignment(aid)
    ex = assignment.exercises[0]
    setup = "\n".join(
        ln for cell in assignment.setup for ln in cell.splitlines() if not ln.startswith("%")
    )
    (tmp_path / "fake_course_helper.py").write_text(setup + "\n\n" + ex.solution + "\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.syspath_prepend(str(tmp_path))
    import fake_course_helper

    func = getattr(fake_course_helper, ex.function.name)
    helper = Helper("fake_course_helper", ex.function.name, inspect.signature(func))
    # the engine's python -I ignores PYTHONPATH: the answer cell puts the folder on sys.path
    import npmem.dev.helpers as course_helpers

    real = course_helpers.wrapper

    def importable(ex, helper):
        source = real(ex, helper)
        return (
            None
            if source is None
            else f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\n{source}"
        )

    monkeypatch.setattr(course_helpers, "wrapper", importable)
    got = solving_helpers(aid, candidates=[helper])
    assert got.get(ex.grade_id) == [f"fake_course_helper.{ex.function.name}"], got


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_no_course_helper_solves_an_exercise(assignment):
    solved = solving_helpers(assignment)
    assert not solved, "\n".join(
        f"{assignment}/{gid} is solved by calling {', '.join(names)}"
        for gid, names in solved.items()
    )
