"""The verifier: one fresh sandboxed process per exercise, verdicts only from data.

The first tests give it small hand-made exercises and answers that cheat in every way we
know of inside one interpreter; the last ones check that on the real assignments it agrees
with stock nbgrader, exercise by exercise, on the reference answers, the blank release and
a round of wrong answers (one per exercise).
"""

from __future__ import annotations

import os
import textwrap
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from shared_runs import stock_graded  # noqa: F401 (a fixture, shared with test_instructor.py)

from npmem.grading.answers import ExercisePlan, Plan
from npmem.grading.catalogue import ASSIGNMENTS
from npmem.sandbox import sources
from npmem.sandbox.recheck import recheck
from npmem.sandbox.settings import Limits

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as on CI")

SETUP = [("setup", "import numpy as np")]
TEST_F = """
import numpy as np
from npmem.checks import check_array, check_equal

check_equal(f(2), 4, "f(2)")
check_array(g(np.arange(3)), np.arange(3) * 2, "g(arange(3))")
"""
GOOD = "def f(x):\n    return x * 2\n\ndef g(a):\n    return a * 2\n"
LIMITS = Limits(verify_timeout=5)


def plan(test: str = TEST_F, second: str | None = None) -> Plan:
    exercises = [ExercisePlan("test_f", test, 2.0, ["f"], [])]
    ids = ["f"]
    if second is not None:
        exercises.append(ExercisePlan("test_h", second, 1.0, ["h"], ["f"]))
        ids.append("h")
    return Plan(SETUP, exercises, ids)


def verdict(answer: str, **kw):
    (outcome,) = recheck(plan(**kw), {"f": answer}, LIMITS)
    return outcome


def test_a_correct_answer_passes_and_printing_anywhere_changes_nothing():
    noisy = GOOD + "import sys\nprint('hello')\nprint('oops', file=sys.stderr)\n"
    outcome = verdict(noisy)
    assert (outcome.status, outcome.score) == ("pass", 2.0), outcome


def test_a_wrong_answer_fails_with_the_checks_message():
    outcome = verdict(GOOD.replace("return x * 2", "return x + 3"))
    assert (outcome.status, outcome.score) == ("fail", 0.0)
    assert "f(2): expected 4, got 5" in outcome.detail


@pytest.mark.parametrize(
    "cheat",
    [
        "import npmem.checks\nnpmem.checks.check_equal = lambda *a, **k: None\n",
        "np.array_equal = lambda *a, **k: True\n",
        "import builtins\nbuiltins.isinstance = lambda *a: True\n",
        "import sys, types\nsys.modules['npmem.checks'] = types.ModuleType('npmem.checks')\n",
    ],
    ids=["checks", "numpy", "builtins", "sys.modules"],
)
def test_patching_what_the_tests_use_is_caught(cheat):
    outcome = verdict(GOOD.replace("return x * 2", "return 0") + cheat)
    assert (outcome.status, outcome.score) == ("tampered", 0.0), outcome
    assert outcome.tampering


def test_patching_during_the_call_is_caught_before_the_test_compares():
    answer = (
        "def f(x):\n"
        "    import npmem.checks\n"
        "    npmem.checks.check_equal = lambda *a, **k: None\n"
        "    return 0\n" + GOOD.split("\n\n")[1]
    )
    assert verdict(answer).status == "tampered"


def test_an_ndarray_that_lies_is_refused():
    liar = (
        "class L(np.ndarray):\n"
        "    def __array_function__(self, *a, **k):\n"
        "        return True\n"
        "    shape = property(lambda self: (3,))\n"
        "def f(x):\n    return x * 2\n"
        "def g(a):\n    return np.zeros(3).view(L)\n"
    )
    outcome = verdict(liar)
    assert outcome.status == "fail" and "subclass of ndarray" in outcome.detail


@pytest.mark.parametrize(
    "reach, event",
    [
        ("import sys\nsys._getframe(1)", "sys._getframe"),
        ("import gc\ngc.get_objects()", "gc.get_objects"),
        ("import ctypes\nctypes.CDLL(None)", "ctypes.dlopen"),
        ("import os\nos.system('true')", "os.system"),
        ("import socket\nsocket.getaddrinfo('localhost', 80)", "socket.getaddrinfo"),
        ("open('/proc/self/mem', 'rb')", "opening /proc/self/mem"),
        (
            "try:\n    1 / 0\nexcept Exception as e:\n    e.__traceback__.tb_frame",
            "reading .tb_frame",
        ),
    ],
)
def test_reaching_into_the_verifier_is_refused_and_reported(reach, event):
    body = textwrap.indent(reach, "    ")
    answer = f"def f(x):\n{body}\n    return x * 2\n\ndef g(a):\n    return a * 2\n"
    outcome = verdict(answer)
    assert outcome.status == "fail" and outcome.score == 0.0, outcome
    assert event in outcome.blocked, outcome.blocked


def test_a_thread_left_running_is_tampering():
    answer = (
        GOOD + "import threading, time\nthreading.Thread(target=time.sleep, args=(30,)).start()\n"
    )
    assert verdict(answer).status == "tampered"


def test_partial_credit_from_a_last_expression_as_in_nbgrader():
    outcome = verdict(GOOD, test="f(1)\n0.5")
    assert (outcome.status, outcome.score) == ("pass", 0.5)
    assert verdict(GOOD, test="f(1)\n'not a number'").score == 2.0  # nbgrader: full marks


@pytest.mark.parametrize("value", ["0.5", "0", "-1", "2", "'x'", "[1, 2]", "True", "3"])
def test_partial_credit_is_nbgraders_own_rule(value):
    from nbgrader.utils import determine_grade

    cell = nbformat.v4.new_code_cell("", metadata={"nbgrader": {"grade": True, "points": 2}})
    shown = repr(eval(value))
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": shown}, execution_count=1)
    ]
    outcome = verdict(GOOD, test=f"f(1)\n{value}")
    try:
        expected = determine_grade(cell)[0]
    except ValueError:  # above the points: nbgrader refuses the notebook
        assert (outcome.status, outcome.score) == ("error", 0.0), outcome
        return
    assert (outcome.status, outcome.score) == ("pass", expected), (value, outcome)


def test_an_infinite_loop_costs_its_exercise_only():
    loop = GOOD + "while True:\n    pass\n"
    outcomes = recheck(
        plan(second="assert h() == 1"), {"f": loop, "h": "def h():\n    return 1\n"}, LIMITS
    )
    assert [(o.status, o.score) for o in outcomes] == [("timeout", 0.0), ("pass", 1.0)]


def test_a_crash_costs_its_exercise_only():
    crash = "import os\nos._exit(1)\n"
    outcomes = recheck(
        plan(second="assert h() == 1"), {"f": crash, "h": "def h():\n    return 1\n"}, LIMITS
    )
    assert [(o.status, o.score) for o in outcomes] == [("crashed", 0.0), ("pass", 1.0)]


def test_a_later_answer_may_use_an_earlier_function():
    outcomes = recheck(
        plan(second="assert h() == 4"), {"f": GOOD, "h": "def h():\n    return f(2)\n"}, LIMITS
    )
    assert [o.status for o in outcomes] == ["pass", "pass"]


def test_a_missing_answer_scores_zero():
    (outcome,) = recheck(plan(), {}, LIMITS)
    assert (outcome.status, outcome.score) == ("missing", 0.0)


# ------------------------------------------------------------- the real assignments


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_the_verifier_agrees_with_stock_nbgrader_on_fixed_answers(
    graded,
    stock_graded,  # noqa: F811
    assignment,
):
    """The verifier, run again in a fresh sandbox on submissions ``nbgrader autograde``
    graded (the reference, the blank release, the first round of wrong answers), gives the
    scores stock nbgrader gives them and the scores recorded the first time: grading the
    same submission twice gives the same score (seeded hidden tests:
    tests/test_reproducible.py)."""
    g = graded(assignment)
    url = f"sqlite:///{g.course / 'gradebook.db'}"
    p = sources.plan(url, g.course, assignment, g.notebook)
    # every test cell passing, failing on a blank, and failing on a wrong answer; the
    # grading tests (tests/test_grading.py) compare every other round with its expectation
    students = ["reference", "blank", "mutants0"]

    def check(student):
        nb = sources.read_notebook(
            g.course / "submitted" / student / assignment / f"{g.notebook}.ipynb"
        )
        answers = sources.student_solutions(nb, p.solution_ids)
        return student, {o.test_id: o.score for o in recheck(p, answers, LIMITS)}

    with ThreadPoolExecutor(max_workers=2) as pool:
        verified = dict(pool.map(check, students))
    # stock nbgrader (a kernel, no sandbox) on a copy of the same submissions, graded once
    # per test run and shared with tests/test_instructor.py
    stock = stock_graded(assignment)
    assert stock.proc.returncode == 0, stock.proc.stderr[-2000:]
    for student in students:
        want = stock.scores(student)
        assert want is not None, f"stock nbgrader did not grade {student}"
        assert verified[student] == want, student
        assert g.scores(student) == want, student  # the sandboxed pipeline, in the fixture


def test_libraries_may_use_frames_for_themselves_but_may_not_hand_them_out():
    named = "from collections import namedtuple\nP = namedtuple('P', 'x')\n" + GOOD.replace(
        "return x * 2", "return P(x * 2).x"
    )
    assert verdict(named).status == "pass"
    handed = "import inspect\n" + GOOD.replace(
        "return x * 2", "inspect.currentframe().f_back\n    return x * 2"
    )
    outcome = verdict(handed)
    assert outcome.status == "fail" and "sys._getframe" in outcome.blocked


@pytest.mark.parametrize(
    "cheat",
    [
        "import npmem.grading.guard as G\nG.Snapshot.changes = lambda self, restore=True: []\n",
        "import json.encoder as E\nE.JSONEncoder.encode = lambda self, o: '{}'\n",
    ],
    ids=["the guard's own method", "the json encoder"],
)
def test_patching_a_method_of_a_python_class_is_caught(cheat):
    cheat += "import npmem.checks\nnpmem.checks.check_equal = lambda *a, **k: None\n"
    assert verdict(GOOD.replace("return x * 2", "return 0") + cheat).status == "tampered"


def test_a_verifier_that_cannot_start_says_why_in_one_line(monkeypatch):
    import npmem.grading.answers as answers
    from npmem.sandbox.recheck import in_box

    monkeypatch.setattr(answers, "ENGINE", "import npmem_no_such_module")
    with pytest.raises(RuntimeError) as err:
        answers.Engine(plan(), in_box(LIMITS), LIMITS.verify_timeout)
    message = str(err.value)
    assert "\n" not in message, message
    assert "the grading engine did not start" in message, message
    assert "No module named 'npmem_no_such_module'" in message, message
