"""The hidden tests are trustworthy: graded by real nbgrader, on every kind of submission."""

from __future__ import annotations

import pytest

from npmem.dev.samples import mutants, solutions
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.gradebook import max_scores

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_reference_scores_full_marks(graded, assignment):
    g = graded(assignment)
    scores = g.scores("reference")
    assert scores is not None, f"reference was not graded:\n{g.proc.stderr[-3000:]}"
    assert scores == max_scores(g.course, assignment, g.notebook)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_blank_release_scores_zero(graded, assignment):
    scores = graded(assignment).scores("blank")
    assert scores is not None
    assert scores and all(v == 0 for v in scores.values()), scores


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_exercise_has_three_plausible_wrong_answers(assignment):
    wrong = mutants(assignment)
    for gid in solutions(assignment):
        assert len(wrong.get(gid, {})) >= 3, f"{assignment}/{gid} has {len(wrong.get(gid, {}))}"
    assert set(wrong) <= set(solutions(assignment)), "mutants for cells that do not exist"


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_wrong_answer_loses_its_points_and_only_those(graded, assignment):
    """A notebook with one wrong answer in every exercise, graded by real nbgrader: each
    loses its own exercise's points and no other's. (Every other hand-written wrong answer
    is judged in the engine, whose verdicts equal these: tests/test_mutation.py.)"""
    g = graded(assignment)
    maxima = max_scores(g.course, assignment, g.notebook)
    assert g.rounds, "no wrong answers to grade"
    failures = []
    for k, chosen in enumerate(g.rounds):
        scores = g.scores(f"mutants{k}")
        assert scores is not None, f"mutants{k} was not graded"
        for test_id, points in maxima.items():
            gid = test_id.removeprefix("test_")
            want = 0.0 if gid in chosen else points
            if scores[test_id] != want:
                what = f"wrong answer {chosen[gid]!r}" if gid in chosen else "correct answer"
                failures.append(f"{gid} with {what}: scored {scores[test_id]}, expected {want}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_test_cells_are_silent_for_a_correct_solution(graded, assignment):
    """A passing test cell shows at most one line, on stdout: the visible tests' pass line
    (the sandbox reports verdicts, not output). No stderr, no stray score expression,
    nothing about the hidden tests."""
    from npmem.authoring.build import PASS_LINE

    nb = graded(assignment).autograded("reference")
    noisy = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not (meta.get("grade") and cell.cell_type == "code"):
            continue
        kinds = {(o.output_type, o.get("name")) for o in cell.outputs}
        text = "".join(o.get("text", "") for o in cell.outputs)  # a stream may come split
        if cell.outputs and (kinds != {("stream", "stdout")} or text != PASS_LINE + "\n"):
            noisy.append(f"{meta['grade_id']}: {cell.outputs}")
    assert not noisy, "\n".join(noisy)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_wrong_answers_get_a_message_naming_expected_and_got(graded, assignment):
    """A failing hidden check tells the learner what was expected and what they gave, in
    the notebook nbgrader autograded (every other wrong answer: tests/test_mutation.py)."""
    g = graded(assignment)
    messages = []
    for k in range(len(g.rounds)):
        nb = g.autograded(f"mutants{k}")
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade"):
                continue
            for out in cell.outputs:
                if out.output_type == "error":
                    messages.append((meta["grade_id"], out.ename, out.evalue))
    assert messages
    vague = [m for m in messages if m[1] == "AssertionError" and "expected" not in m[2]]
    assert not vague, f"assertion messages that do not say what was expected: {vague}"
