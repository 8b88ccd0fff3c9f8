"""Recording a worker's graded notebook, without running ``nbgrader autograde``.

:func:`~npmem.instructor.record.record` hands nbgrader's ``Autograde`` the executed
notebook with the execution steps left out. Here: what it asks of ``Autograde`` (with a
stand-in converter), and what its preprocessors do to a notebook built in code and a
gradebook on a temporary SQLite file, as nbgrader's own ``SaveAutoGrades`` tests do: the
worker's outputs are scored as they are, and the course's late policy applies.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
from types import SimpleNamespace

import pytest
from nbconvert.preprocessors import ClearOutputPreprocessor, ExecutePreprocessor
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ComputeChecksums, SaveCells
from traitlets.config import Config, PyFileConfigLoader
from traitlets.utils.importstring import import_item

from npmem.grading.catalogue import ROOT
from npmem.grading.cells import Kind
from npmem.instructor import record as rec
from npmem.sandbox.pipeline import VerifiedExecute

from helpers import code_cell, error_output, exercise, notebook, stream_output

# nbgrader's gradebook code triggers SQLAlchemy's "not in session" warnings about
# relationships it fills in later (npmem.grading.config.open_course drops them too)
pytestmark = pytest.mark.filterwarnings("ignore:.*not in session:sqlalchemy.exc.SAWarning")

AID, NB = "02-dtypes", "dtypes"
DUE = dt.datetime(2026, 3, 2, 17, 0)  # the gradebook keeps naive UTC times


# ---- what record() asks of nbgrader's Autograde ------------------------------------


class FakeAutograde:
    """Stands in for nbgrader's converter: notes what ``record`` set when it runs."""

    seen: dict = {}
    result: dict = {"success": True, "log": "[INFO] ok"}

    def __init__(self, coursedir, parent):
        self.coursedir, self.parent = coursedir, parent

    @classmethod
    def capture_log(cls, app):
        cd = app.coursedir
        cls.seen.update(
            app=app,
            during={
                k: getattr(cd, k) for k in ("assignment_id", "student_id", "submitted_directory")
            },
            force=app.force,
            create_student=app.create_student,
            sanitize=list(app.sanitize_preprocessors),
            autograde=list(app.autograde_preprocessors),
        )
        return dict(cls.result)


@pytest.fixture
def fake(monkeypatch, tmp_path):
    FakeAutograde.seen = {}
    FakeAutograde.result = {"success": True, "log": "[INFO] ok"}
    monkeypatch.setattr("nbgrader.converters.Autograde", FakeAutograde)
    monkeypatch.setattr("nbgrader.utils.capture_log", FakeAutograde.capture_log)
    root = tmp_path / "course"
    root.mkdir()
    cd = CourseDirectory(root=str(root))
    return SimpleNamespace(coursedir=cd), root


def test_record_reads_the_graded_folder_with_nbgrader_and_restores_the_course(fake):
    api, root = fake
    before = {
        k: getattr(api.coursedir, k) for k in ("assignment_id", "student_id", "submitted_directory")
    }
    graded = rec.record(api, root / ".npmem-grading" / "w1" / "autograded", AID, "zoe")
    seen = FakeAutograde.seen
    assert seen["during"] == {
        "assignment_id": AID,
        "student_id": "zoe",
        "submitted_directory": os.path.join(".npmem-grading", "w1", "autograded"),
    }
    assert seen["app"].coursedir is api.coursedir and seen["app"].parent is api
    assert seen["force"] and seen["create_student"]
    assert (seen["sanitize"], seen["autograde"]) == (rec.SANITIZE, rec.SAVE)
    assert (graded.assignment, graded.student, graded.ok, graded.problem) == (AID, "zoe", True, "")
    assert {k: getattr(api.coursedir, k) for k in before} == before


def test_record_refuses_a_folder_outside_the_course(fake):
    api, root = fake
    with pytest.raises(ValueError, match="is not inside the course"):
        rec.record(api, root.parent / "course-copy" / "autograded", AID, "zoe")
    assert FakeAutograde.seen == {}  # nbgrader never ran


@pytest.mark.parametrize(
    "result, problem",
    [
        (
            {"success": False, "log": "[INFO] x\n", "error": "NotJSONError: Notebook does not"},
            "NotJSONError: Notebook does not",
        ),
        (  # nbgrader reports success for a batch in which this notebook failed
            {
                "success": True,
                "log": "[ERROR] There was an error processing assignment: x\n"
                "Traceback (most recent call last):\nKeyError: 'grade_id'",
            },
            "nbgrader failed: KeyError: 'grade_id'",
        ),
    ],
    ids=["failed", "error-in-log"],
)
def test_a_failed_recording_is_not_ok_and_names_the_problem(fake, result, problem):
    api, root = fake
    FakeAutograde.result = result
    graded = rec.record(api, root / "graded", AID, "zoe")
    assert (graded.ok, graded.problem) == (False, problem)
    assert graded.log == result["log"] + result.get("error", "")


def test_no_step_executes_or_clears_the_workers_outputs():
    for name in rec.SANITIZE + rec.SAVE:
        cls = import_item(name)
        assert not issubclass(cls, (ExecutePreprocessor, ClearOutputPreprocessor)), name
        assert not issubclass(cls, VerifiedExecute), name


def test_the_scoring_steps_are_the_courses_after_its_execution(monkeypatch):
    monkeypatch.setenv("NPMEM_SANDBOX", "on")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    steps = list(config.Autograde.autograde_preprocessors)
    assert steps[0] == "npmem.sandbox.pipeline.VerifiedExecute"
    assert rec.SAVE == steps[steps.index("nbgrader.preprocessors.SaveAutoGrades") :]
    assert rec.SANITIZE == steps[-1:] == ["nbgrader.preprocessors.CheckCellMetadata"]


# ---- record's preprocessors on a notebook and a gradebook built in code -------------


def course_config() -> Config:
    """The course's late policy, from ``nbgrader_config.py``, for the preprocessors."""
    loaded = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    return Config({k: loaded[k] for k in ("AssignLatePenalties", "PercentPerDay")})


def source_notebook():
    return notebook(
        code_cell("import numpy as np", Kind.READONLY, "setup"),
        *exercise("downcast", points=3),
        *exercise("midpoint", points=2),
    )


def alembic_head() -> str:
    """The gradebook schema's version, read in this process: nbgrader asks the
    ``alembic`` command for it when it creates a gradebook (a second's subprocess, and
    only when the command is on ``PATH``)."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", ALEMBIC_DIR)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head
    return head


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A gradebook holding the assignment, as ``generate_assignment`` leaves it (made
    once: creating its tables is the slow part), and the release notebook."""
    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    url = f"sqlite:///{path}"
    nb = source_notebook()
    resources = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB}}
    ComputeChecksums().preprocess(nb, resources)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("nbgrader.api.get_alembic_version", alembic_head)
        with Gradebook(url) as gb:
            gb.add_assignment(AID, duedate=DUE)
    SaveCells().preprocess(nb, resources)
    return path, nb


@pytest.fixture
def gradebook(released, tmp_path):
    """A copy of that gradebook for one test."""
    path, nb = released
    shutil.copy(path, tmp_path / path.name)
    return f"sqlite:///{tmp_path / path.name}", copy.deepcopy(nb)


def graded_by_worker(released):
    """The worker's executed notebook: downcast answered and passing, midpoint left blank
    and failing."""
    nb = copy.deepcopy(released)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    cells["downcast"].source = "def downcast():\n    return 1"
    cells["test_downcast"].outputs = [stream_output("checked\n")]
    cells["test_midpoint"].outputs = [error_output("NotImplementedError", "")]
    return nb


def record_steps(url, nb, student, late: dt.timedelta):
    with Gradebook(url) as gb:
        gb.add_student(student)
        gb.add_submission(AID, student, timestamp=DUE + late)
    resources = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB, "student": student}}
    config = course_config()
    for name in rec.SANITIZE + rec.SAVE:
        nb, resources = import_item(name)(config=config).preprocess(nb, resources)
    with Gradebook(url) as gb:
        sub = gb.find_submission_notebook(NB, AID, student)
        scores = {g.name: g.score for g in sub.grades}
        comments = {c.name: c.comment for c in sub.comments}
        return scores, comments, sub.score, sub.late_submission_penalty


def test_the_workers_outputs_are_scored_as_they_are(gradebook):
    url, released = gradebook
    scores, comments, total, penalty = record_steps(
        url, graded_by_worker(released), "ok", -dt.timedelta(hours=2)
    )
    assert scores == {"test_downcast": 3, "test_midpoint": 0}
    assert comments == {"downcast": None, "midpoint": "No response."}
    assert (total, penalty) == (3, None)


@pytest.mark.parametrize(
    "late, taken",
    [
        (dt.timedelta(minutes=10), 0),  # within the grace
        (dt.timedelta(minutes=16), 0.1 * 3),  # a started day
        (dt.timedelta(days=1, hours=1), 0.2 * 3),  # two started days
        (dt.timedelta(days=8), 3),  # too late: nothing left
    ],
    ids=["grace", "one-day", "two-days", "eight-days"],
)
def test_the_course_late_policy_applies_per_started_day(gradebook, late, taken):
    url, released = gradebook
    *_, total, penalty = record_steps(url, graded_by_worker(released), "late", late)
    assert total == 3 and penalty == pytest.approx(taken)
