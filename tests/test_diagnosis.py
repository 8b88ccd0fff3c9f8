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
    diagnosis.write("01-x", {"flat": {"ok,values|end": [assumes]}}, tmp_path)
    found = diagnosis.diagnose("01-x", "flat", "ok,values|end", tmp_path)
    assert found == assumes and found.anchor == "5.-Contiguity-flags"
    assert diagnosis.sentence(found) == (
        "Your answer fails the hidden tests the way a common mistake does: it assumes a "
        "C-contiguous array. See section 5. Contiguity flags."
    )


def test_nothing_is_said_of_a_pass_an_unknown_or_a_shared_signature(tmp_path):
    shared = [_mistake("copies x.", "a.py"), _mistake("forgets the offset.", "b.py")]
    same = [_mistake("copies x.", "c.py"), _mistake("copies x.", "d.py")]
    diagnosis.write(
        "01-y",
        {
            "flat": {
                "copy|end": shared,
                "ok,shape|TypeError": same,
                "ok|TypeError": same,
                "too much|end": same,
                "ok|end": [_mistake("x")],
            }
        },
        tmp_path,
    )
    assert diagnosis.diagnose("01-y", "flat", "ok|end", tmp_path) is None  # a pass
    assert diagnosis.diagnose("01-y", "flat", "values|end", tmp_path) is None  # unknown
    assert diagnosis.diagnose("01-y", "flat", "copy|end", tmp_path) is None  # two labels
    assert diagnosis.diagnose("01-y", "flat", "too much|end", tmp_path) is None  # a budget
    assert diagnosis.diagnose("01-y", "flat", "ok,shape|TypeError", tmp_path).label == "copies x."
    assert diagnosis.diagnose("01-y", "flat", "ok|TypeError", tmp_path) is None  # a crash
    assert diagnosis.diagnose("01-y", "other", "copy|end", tmp_path) is None
    assert diagnosis.diagnose("02-none", "flat", "copy|end", tmp_path) is None


def test_a_label_that_is_not_a_verb_phrase_reads_as_it_is():
    said = diagnosis.sentence(_mistake("The variance as a mean of squares."))
    assert ": the variance as a mean of squares. See section" in said


# ---- the course's catalogue (npmem/diagnoses, built by `npmem diagnoses`) -------------


def _catalogued() -> list[str]:
    return sorted(p.stem for p in diagnosis.CATALOGUE.glob("*.json"))


def test_every_catalogued_mistake_is_a_wrong_answer_of_the_course_with_its_label():
    from npmem.dev.diagnoses import MISTAKE
    from npmem.grading.catalogue import ROOT

    assert _catalogued(), "no catalogue: run npmem diagnoses"
    for assignment in _catalogued():
        for exercise, sigs in diagnosis.load(assignment).items():
            for sig, mistakes in sigs.items():
                assert diagnosis.failed(sig), (assignment, exercise, sig)
                for m in mistakes:
                    source = ROOT / m.source
                    assert source.parent.name == exercise, m
                    assert MISTAKE.search(source.read_text())[1] == m.label, m
                    assert m.section and m.anchor == diagnosis.anchor(m.section), m


@pytest.mark.slow
def test_the_catalogue_is_what_npmem_diagnoses_builds(tmp_path):
    from npmem.dev.diagnoses import build

    for assignment in _catalogued():
        build(assignment, out=tmp_path)
        fresh = (tmp_path / f"{assignment}.json").read_text()
        kept = diagnosis.catalogue_path(assignment).read_text()
        assert fresh == kept, f"{assignment}: the catalogue is stale, run npmem diagnoses"
