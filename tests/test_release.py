"""release/ is exactly what nbgrader generates from source/ (so it is never edited by hand).

That the release passes no test is shown where it is graded: the blank release scores 0
on every test cell under the course's grading (``tests/test_grading.py``) and under stock
nbgrader (``tests/test_sandbox_verify.py``).
"""

from __future__ import annotations

import pytest

from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT

from helpers import make_course

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("release"))
    for name in ASSIGNMENTS:
        nbg.run("generate_assignment", name, "--force", cwd=course)
    return course


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_release_is_up_to_date(regenerated, assignment):
    rel = f"release/{assignment}/{ASSIGNMENTS[assignment]}.ipynb"
    assert (regenerated / rel).read_text() == (ROOT / rel).read_text(), (
        f"{rel} differs from what nbgrader generates from source: run `make generate`"
    )


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_release_hides_solutions_and_hidden_tests(assignment):
    text = (ROOT / f"release/{assignment}/{ASSIGNMENTS[assignment]}.ipynb").read_text()
    for marker in ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"]:
        assert marker not in text
    assert "raise NotImplementedError()" in text
