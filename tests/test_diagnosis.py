"""Diagnosis: checks that record instead of raising, signatures, and the catalogue."""

from __future__ import annotations

import numpy as np
import pytest

from npmem import checks
from npmem.grading import diagnosis
from npmem.grading.diagnosis import Mistake


def test_outside_recording_a_check_raises_as_before():
    with pytest.raises(checks.CheckFailed) as err:
        checks.check_equal(1, 2, "f()")
    assert err.value.kind == "value" and str(err.value) == "f(): expected 2, got 1"


def test_recording_keeps_every_outcome_in_order_and_raises_nothing():
    a = np.arange(6)
    with checks.recording() as seen:
        checks.check_equal(3, 3, "f()")
        checks.check_array(a.astype(np.int8), a, "g()")
        checks.check_array(a[:3], a, "h()")
        checks.check_view(a.copy(), a, "v()")
        checks.check_raises(ValueError, lambda: 1, call="r()")
        checks.check_raises(ValueError, lambda: [][1], call="r2()")
        checks.check_at_most(10, 5, "peak")
        checks.check_close(1.0, 1.5, "c()")
        checks.check_does_not_use(np.sum, ["sum"], "is the answer")
    assert seen == [
        "ok", "dtype", "shape", "copy", "no error", "raised IndexError", "too much", "value",
        "ok",
    ]  # fmt: skip
    with pytest.raises(checks.CheckFailed):  # and the recording ends with the block
        checks.check_equal(1, 2, "f()")


def test_a_forbidden_call_is_its_own_kind():
    def answer(x):
        return np.diagonal(x)

    with checks.recording() as seen:
        checks.check_does_not_use(answer, ["diagonal"], "the exercise rebuilds")
    assert seen == ["forbidden"]


def test_signatures_say_which_checks_failed_and_how_the_cell_ended():
    assert diagnosis.signature(["ok", "values"]) == "ok,values|end"
    assert diagnosis.signature(["ok", "ok", "ok", "copy", "ok"]) == "ok*3,copy,ok|end"
    assert not diagnosis.failed("ok*3|end") and diagnosis.failed("ok*3,copy*2|end")
    assert diagnosis.signature(["ok"], "TypeError") == "ok|TypeError"
    assert diagnosis.failed("ok,values|end") and diagnosis.failed("ok|TypeError")
    assert not diagnosis.failed("ok,ok|end")


def _mistake(label: str, source: str = "m.py") -> Mistake:
    return Mistake(label, "5. Contiguity flags", diagnosis.anchor("5. Contiguity flags"), source)


def test_a_signature_one_misconception_shows_is_named(tmp_path):
    assumes = _mistake("assumes a C-contiguous array.")
    diagnosis.write("01-x", {"flat": {"ok,values*4|end": [assumes]}}, tmp_path)
    found = diagnosis.diagnose("01-x", "flat", "ok,values*4|end", tmp_path)
    assert found == assumes and found.anchor == "5.-Contiguity-flags"
    assert diagnosis.sentence(found) == (
        "Your answer fails the tests the way a common mistake does: it assumes a "
        "C-contiguous array. See section 5. Contiguity flags."
    )


def test_nothing_is_said_of_a_pass_an_unknown_or_a_shared_signature(tmp_path):
    shared = [_mistake("copies x.", "a.py"), _mistake("forgets the offset.", "b.py")]
    same = [_mistake("copies x.", "c.py"), _mistake("copies x.", "d.py")]
    diagnosis.write(
        "01-y",
        {
            "flat": {
                "copy*4|end": shared,
                "ok,shape*4|TypeError": same,
                "ok|TypeError": same,
                "too much*4|end": same,
                "ok|end": [_mistake("x")],
                "ok,copy,ok,values*2|end": same,
            }
        },
        tmp_path,
    )
    assert diagnosis.diagnose("01-y", "flat", "ok|end", tmp_path) is None  # a pass
    assert diagnosis.diagnose("01-y", "flat", "values|end", tmp_path) is None  # unknown
    assert diagnosis.diagnose("01-y", "flat", "copy*4|end", tmp_path) is None  # two labels
    assert diagnosis.diagnose("01-y", "flat", "too much*4|end", tmp_path) is None  # a budget
    named = diagnosis.diagnose("01-y", "flat", "ok,shape*4|TypeError", tmp_path)
    assert named.label == "copies x."
    assert diagnosis.diagnose("01-y", "flat", "ok|TypeError", tmp_path) is None  # a crash
    # three failed checks are too little evidence, four enough
    assert diagnosis.failures("ok,copy,ok,values*2|end") == 3 < diagnosis.EVIDENCE
    assert diagnosis.diagnose("01-y", "flat", "ok,copy,ok,values*2|end", tmp_path) is None
    assert diagnosis.failures("ok,shape*4|TypeError") == 4 == diagnosis.EVIDENCE
    assert diagnosis.diagnose("01-y", "other", "copy*4|end", tmp_path) is None
    assert diagnosis.diagnose("02-none", "flat", "copy*4|end", tmp_path) is None


def test_a_section_title_ending_in_a_question_mark_gets_no_full_stop_after_it():
    m = Mistake("forgets the sign.", "2. Where is element [i, j]?", "2.-Where", "m.py")
    assert diagnosis.sentence(m).endswith("See section 2. Where is element [i, j]?")


def test_a_label_that_is_not_a_verb_phrase_reads_as_it_is():
    said = diagnosis.sentence(_mistake("The variance as a mean of squares."))
    assert ": the variance as a mean of squares. See section" in said


# ---- the course's catalogue (npmem/diagnoses, built by `npmem diagnoses`) -------------


def _catalogued() -> list[str]:
    return sorted(p.stem for p in diagnosis.CATALOGUE.glob("*.json"))


def test_every_catalogued_mistake_is_a_wrong_answer_of_the_course_with_its_label():
    from npmem.dev.diagnoses import mistake_label
    from npmem.grading.catalogue import ROOT

    assert _catalogued(), "no catalogue: run npmem diagnoses"
    for assignment in _catalogued():
        for exercise, sigs in diagnosis.load(assignment).items():
            for sig, mistakes in sigs.items():
                assert diagnosis.failed(sig), (assignment, exercise, sig)
                for m in mistakes:
                    source = ROOT / m.source
                    assert source.parent.name == exercise, m
                    assert mistake_label(source.read_text()) == m.label, m
                    assert m.section and m.anchor == diagnosis.anchor(m.section), m


# The catalogue is rebuilt and compared with the one kept by tests/test_mutation.py, from
# the same diagnosed run that judges every hand-written wrong answer.


def test_values_that_differ_say_how():
    a = np.arange(4.0)
    with checks.recording() as seen:
        checks.check_array(a.reshape(2, 2), a, "f()")  # an axis lost or gained
        checks.check_array(np.array([0.0, 1, np.nan, 3]), np.array([0.0, 1, np.inf, 3]), "g()")
        checks.check_array(a + 1e-12, a, "h()")  # rounding
        checks.check_array(np.array([2**62 + 1]), np.array([2**62]), "i()")  # beyond float64
        checks.check_array(a + 1, a, "j()")
        checks.check_array(np.array([1.0, np.nan]), np.array([2.0, 3.0]), "k()")  # both
        checks.check_array(np.array(["a"]), np.array(["b"]), "l()")  # not numbers
        checks.check_close(a * 2, a, "m()")
    assert seen == ["ndim", "nonfinite", "rounding", "rounding"] + ["values"] * 4


def test_a_mistake_label_may_go_on_over_several_comment_lines():
    from npmem.dev.diagnoses import mistake_label

    text = "# Mistake: copies x,\n# so the result shares nothing.\n# Section: 2. Views\ndef f(x):\n"
    assert mistake_label(text) == "copies x, so the result shares nothing."
    assert mistake_label("# Mistake: one line.\n#\n# an aside\ndef f(): ...") == "one line."
    assert mistake_label("def f(): ...") is None


# ---- where the instructor's grading shows it (pipeline outputs, feedback) -----------


def _verdict(status: str, score: float, said: str = "") -> object:
    from npmem.grading.answers import Outcome

    detail = "AssertionError: f(2): expected 4, got 5" if status == "fail" else ""
    return Outcome("test_f", 3.0, status, score, detail, diagnosis=said)


def test_a_failing_verdict_carries_its_diagnosis_in_the_error_output_and_scores_zero():
    from nbgrader.utils import determine_grade

    from npmem.grading.cells import Kind
    from npmem.sandbox.pipeline import outputs

    from helpers import code_cell

    said = diagnosis.sentence(_mistake("assumes a C-contiguous array."))
    named, plain = outputs(_verdict("fail", 0.0, said)), outputs(_verdict("fail", 0.0))
    assert named[0].traceback[-1] == diagnosis.traceback_line(said)
    assert diagnosis.from_traceback(named[0].traceback) == said
    assert (named[0].ename, named[0].evalue) == (plain[0].ename, plain[0].evalue)
    assert diagnosis.from_traceback(plain[0].traceback) == ""
    assert outputs(_verdict("pass", 3.0, said)) == []  # a pass shows nothing at all
    for outs in (named, plain):
        cell = code_cell("assert f(2) == 4", Kind.TEST, "test_f", 3, outputs=outs)
        assert determine_grade(cell) == (0, 3)


def test_the_feedback_shows_the_diagnosis_under_the_failed_check_only():
    import html
    import re

    from nbconvert.filters import markdown2html

    from npmem.grading.cells import Kind
    from npmem.instructor.feedback import ExerciseFeedback

    from helpers import code_cell, error_output, notebook

    said = diagnosis.sentence(_mistake("uses `x_*` as if [C] order | always."))
    tb = ["\x1b[0;31mAssertionError\x1b[0m: f(2): expected 4, got 5"]
    cells = []
    for gid, score, lines in (("f", 0, [*tb, diagnosis.traceback_line(said)]), ("g", 0, tb)):
        cells.append(code_cell(f"def {gid}(): ...", Kind.SOLUTION, gid))
        out = error_output("AssertionError", "f(2): expected 4, got 5", lines)
        cells.append(code_cell("", Kind.TEST, f"test_{gid}", 3, outputs=[out], score=score))
    cells.append(code_cell("def h(): ...", Kind.SOLUTION, "h"))
    cells.append(code_cell("", Kind.TEST, "test_h", 3, score=3))
    nb, _ = ExerciseFeedback().preprocess(notebook(*cells), {})
    texts = [c.source for c in nb.cells[1:]]
    assert [diagnosis.MARK in t for t in texts] == [True, False, False]
    shown = markdown2html(texts[0].split(diagnosis.MARK)[1])
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)).strip() == said
