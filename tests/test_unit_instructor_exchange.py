"""The exchange the course's config names is made by the course itself: the instructor's
Lab (``make lab-instructor``) and ``npmem release`` make it when it is missing, so the
formgrader of a fresh clone has its Release and Collect buttons."""

from __future__ import annotations

import stat

import pytest

from npmem.grading.config import open_course
from npmem.instructor import __main__ as instructor_main
from npmem.instructor import workflow

from helpers import make_course

pytestmark = pytest.mark.filterwarnings("ignore:.*not in session:sqlalchemy.exc.SAWarning")


def test_a_fresh_course_gets_the_exchange_its_config_names(tmp_path, monkeypatch):
    monkeypatch.delenv("NPMEM_EXCHANGE", raising=False)
    course = make_course(tmp_path)
    assert open_course(course).exchange_missing  # what the formgrader reads
    made = workflow.ensure_exchange(course)
    assert made == course / "exchange" and made.is_dir()
    assert stat.S_IMODE(made.stat().st_mode) & 0o777 == 0o777  # nbgrader's own permissions
    assert not open_course(course).exchange_missing
    assert workflow.ensure_exchange(course) == made  # and again: nothing to do


def test_npmem_exchange_is_honoured_and_a_failure_is_one_line(tmp_path, monkeypatch):
    course = make_course(tmp_path)
    shared = tmp_path / "shared" / "exchange"
    monkeypatch.setenv("NPMEM_EXCHANGE", str(shared))
    assert workflow.ensure_exchange(course) == shared and shared.is_dir()
    assert not (course / "exchange").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("NPMEM_EXCHANGE", str(blocker / "exchange"))
    with pytest.raises(SystemExit, match="could not be created"):
        workflow.ensure_exchange(course)


def test_the_instructors_lab_makes_the_exchange_then_starts_jupyter_lab(tmp_path, monkeypatch):
    monkeypatch.delenv("NPMEM_EXCHANGE", raising=False)
    course = make_course(tmp_path)
    started = []
    monkeypatch.setattr("os.execv", lambda path, args: started.append(args))
    monkeypatch.chdir(tmp_path)
    instructor_main.lab(course, ["--no-browser"])
    assert (course / "exchange").is_dir()
    [argv] = started
    assert argv[1] == "lab" and f"--ServerApp.root_dir={course}" in argv
    assert argv[-1] == "--no-browser"
