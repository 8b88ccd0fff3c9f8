"""What the formgrader shows of the course's grading, on notebooks and a gradebook built in
code (no autograde run): nbgrader's *Flagged?* flag where the course flags, an error
output whose traceback box holds the failing check's message, and nbgrader's checksum
warning quiet for a test cell handed in as released, loud for one the student changed.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.preprocessors import (
    ClearHiddenTests,
    ComputeChecksums,
    DeduplicateIds,
    OverwriteCells,
    SaveCells,
)
from traitlets.config import Config, LoggingConfigurable

from npmem.grading.cells import Kind
from npmem.instructor.feedback import failure
from npmem.sandbox import pipeline
from npmem.sandbox.verify import PREFIX, Verification

from helpers import code_cell, exercise, notebook

Outcome = pipeline.Outcome  # the verifier's verdict on one test cell

# nbgrader's gradebook code triggers SQLAlchemy's "not in session" warnings
pytestmark = pytest.mark.filterwarnings("ignore:.*not in session:sqlalchemy.exc.SAWarning")

AID, NB = "02-dtypes", "dtypes"
VISIBLE = "assert downcast() == 1"
HIDDEN = "### BEGIN HIDDEN TESTS\nassert downcast() + 1 == 2\n### END HIDDEN TESTS"


def _alembic_head() -> str:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", ALEMBIC_DIR)
    return ScriptDirectory.from_config(cfg).get_current_head()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder: the gradebook as generate_assignment fills it (hidden tests
    included) and release/ without the hidden tests."""
    root = tmp_path_factory.mktemp("pipeline") / "course"
    root.mkdir()
    url = f"sqlite:///{root / 'gradebook.db'}"
    ex = exercise("downcast", points=3)
    ex[-1].source = f"{VISIBLE}\n{HIDDEN}"
    nb = notebook(code_cell("import numpy as np", Kind.READONLY, "setup"), *ex)
    res = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB}}
    ComputeChecksums().preprocess(nb, res)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("nbgrader.api.get_alembic_version", _alembic_head)
        with Gradebook(url) as gb:
            gb.add_assignment(AID)
    SaveCells().preprocess(nb, res)
    ClearHiddenTests().preprocess(nb, res)
    ComputeChecksums().preprocess(nb, res)
    (root / "release" / AID).mkdir(parents=True)
    nbformat.write(nb, root / "release" / AID / f"{NB}.ipynb")
    return root, url, nb


# ---- point: the error output's traceback ------------------------------------------


def test_a_failed_check_has_its_message_as_the_traceback_the_formgrader_shows():
    msg = "strides_for((2, 5), 8, 'F'): expected (8, 16), got (40, 8)"
    [out] = pipeline.outputs(Outcome("test_strides_for", 2, "fail", 0.0, f"AssertionError: {msg}"))
    assert (out.ename, out.evalue) == ("AssertionError", msg)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out.traceback))
    assert shown == f"AssertionError: {msg}"
    assert failure({"outputs": [out]}) == f"AssertionError: {msg}"  # the feedback's line
    [crash] = pipeline.outputs(Outcome("t", 1, "crashed", 0.0, "the process died (SIGKILL)"))
    assert re.sub(r"\x1b\[[0-9;]*m", "", crash.traceback[0]) == (
        "Crashed: the process died (SIGKILL)"
    )
    assert pipeline.outputs(Outcome("t", 1, "pass", 1.0)) == []


# ---- point: nbgrader's Flagged? where the course flags ------------------------------


def _record(root: Path, url: str, student: str, notes: dict) -> bool:
    """RecordVerdict on a graded notebook whose verdict has ``notes``; the flag after."""
    outcome = Outcome("test_downcast", 3, "pass", 3.0)
    report = Verification(student, AID, NB, outcomes=[dataclasses.asdict(outcome)])
    nb = notebook()
    nb.metadata[pipeline.KEY] = {
        "report": dataclasses.asdict(report),
        "notes": notes,
        "solution_of": {"downcast": "test_downcast"},
    }
    res = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB, "student": student}}
    config = Config({"CourseDirectory": {"root": str(root)}})
    pipeline.RecordVerdict(config=config).preprocess(nb, res)
    with Gradebook(url) as gb:
        return gb.find_submission_notebook(NB, AID, student).flagged


def test_the_course_flag_is_nbgraders_flag_and_a_clean_regrade_lifts_it(course):
    root, url, _ = course
    hostile = {"test_downcast": ["test_downcast: tried os.system"]}
    assert _record(root, url, "eve", {}) is False
    assert _record(root, url, "eve", hostile) is True
    with Gradebook(url) as gb:
        [comment] = gb.find_submission_notebook(NB, AID, "eve").comments
        assert comment.auto_comment.startswith(PREFIX)
    assert _record(root, url, "eve", {}) is False  # resubmitted honestly


def test_an_instructors_own_flag_stays_after_a_clean_verdict(course):
    root, url, _ = course
    _record(root, url, "hal", {})
    with Gradebook(url) as gb:
        gb.find_submission_notebook(NB, AID, "hal").flagged = True
        gb.db.commit()
    assert _record(root, url, "hal", {}) is True


def test_the_recording_step_of_make_autograde_and_dask_sets_the_flag(course):
    """``record`` (``make autograde``'s and the Dask client's only gradebook writer) runs
    these steps on the worker's graded notebook: the flag travels in its verdict."""
    from traitlets.utils.importstring import import_item

    from npmem.instructor.record import SAVE

    root, url, release = course
    with Gradebook(url) as gb:
        gb.add_student("mal")
        gb.add_submission(AID, "mal")
    graded = copy.deepcopy(release)
    outcome = Outcome("test_downcast", 3, "tampered", 0.0, "os.environ changed")
    [test] = [c for c in graded.cells if c.source == VISIBLE]
    test.outputs = pipeline.outputs(outcome)
    report = Verification("mal", AID, NB, outcomes=[dataclasses.asdict(outcome)])
    graded.metadata[pipeline.KEY] = {
        "report": dataclasses.asdict(report),
        "notes": {"test_downcast": ["test_downcast: tampered with the test environment"]},
        "solution_of": {"downcast": "test_downcast"},
    }
    res = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB, "student": "mal"}}
    config = Config({"CourseDirectory": {"root": str(root)}})
    for name in SAVE:
        graded, res = import_item(name)(config=config).preprocess(graded, res)
    with Gradebook(url) as gb:
        sub = gb.find_submission_notebook(NB, AID, "mal")
        assert sub.flagged and sub.score == 0


# ---- point: nbgrader's checksum warning, where it means something ------------------


def _sanitize(root: Path, url: str, nb, with_course_step: bool, caplog) -> list[str]:
    """The course's sanitizing steps (or nbgrader's alone) on ``nb``; their warnings."""
    log = logging.getLogger(f"npmem-test-sanitize-{with_course_step}")
    parent = LoggingConfigurable(log=log)
    config = Config({"CourseDirectory": {"root": str(root)}})
    steps = [DeduplicateIds, OverwriteCells]
    if with_course_step:
        steps.insert(0, pipeline.RestoreInstructorCells)
    res = {"nbgrader": {"db_url": url, "assignment": AID, "notebook": NB, "student": "s"}}
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=log.name):
        for step in steps:
            nb, res = step(config=config, parent=parent).preprocess(copy.deepcopy(nb), res)
    return [r.getMessage() for r in caplog.records if r.name == log.name]


def test_an_untouched_hidden_test_cell_raises_no_checksum_warning(course, caplog):
    root, url, release = course
    stock = _sanitize(root, url, release, False, caplog)
    assert any("Attribute 'checksum' for cell test_downcast has changed" in m for m in stock)
    assert _sanitize(root, url, release, True, caplog) == []


def test_a_changed_test_cell_still_raises_nbgraders_warning(course, caplog):
    root, url, release = course
    tampered = copy.deepcopy(release)
    test = next(c for c in tampered.cells if "downcast()" in c.source and "assert" in c.source)
    test.source = "pass  # the student emptied the test"
    warned = _sanitize(root, url, tampered, True, caplog)
    assert any("Attribute 'checksum' for cell test_downcast has changed" in m for m in warned)
    # a second, honest notebook through the same steps is quiet again
    assert _sanitize(root, url, release, True, caplog) == []
