"""Pure parts of the grading sandbox: settings, cell selection, tamper findings, red flags."""

from __future__ import annotations

import copy
import dataclasses
import json

import nbformat
import pytest

from npmem.dev.samples import fill, mutants, solutions
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, release_notebook
from npmem.sandbox import redflags, sources, tamper
from npmem.sandbox.settings import GiB, Limits, MiB, enabled, parse_size


def test_sizes_and_limits_from_the_configuration_then_the_environment():
    from traitlets.config import Config

    assert parse_size("512M") == 512 * MiB
    assert parse_size("1.5G") == 3 * GiB // 2
    assert parse_size("4096") == 4096
    with pytest.raises(ValueError):
        parse_size("lots")
    config = Config()
    config.Sandbox.memory = "3G"
    config.Sandbox.pids = 10
    config.Sandbox.mode = "plain"
    limits = Limits.resolve(config, env={"NPMEM_SANDBOX_VERIFY_TIMEOUT": "2.5"})
    assert (limits.memory, limits.pids, limits.verify_timeout) == (3 * GiB, 10, 2.5)
    assert limits.mode == "plain" and limits.cpus == Limits().cpus
    # the environment wins over the file, for one run
    assert Limits.resolve(config, env={"NPMEM_SANDBOX_PIDS": "7"}).pids == 7
    assert Limits.resolve(None, env={}) == Limits() == Limits.resolve(Config(), env={})
    assert enabled({}) and not enabled({"NPMEM_SANDBOX": "off"})
    config.Sandbox.memory = "lots"
    with pytest.raises(Exception, match="Sandbox.memory: not a size: 'lots'"):
        Limits.resolve(config, env={})


def test_every_setting_is_a_documented_traitlets_option():
    from npmem.sandbox.settings import Sandbox

    for field in dataclasses.fields(Limits):
        trait = Sandbox.class_traits(config=True)[field.name]
        assert trait.help and f"NPMEM_SANDBOX_{field.name.upper()}" in trait.help, field.name
        assert trait.default_value == getattr(Limits(), field.name), field.name


def test_the_courses_nbgrader_config_sets_the_sandbox(tmp_path, monkeypatch):
    """A ``c.Sandbox.*`` line in nbgrader_config.py reaches the limits of a grading run."""
    from npmem.sandbox.settings import for_course

    for name in list(__import__("os").environ):
        if name.startswith("NPMEM_SANDBOX_"):
            monkeypatch.delenv(name)
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.Sandbox.memory = '1G'\nc.Sandbox.workers = 3\n"
    )
    limits = for_course(tmp_path)
    assert (limits.memory, limits.workers) == (GiB, 3)
    monkeypatch.setenv("NPMEM_SANDBOX_WORKERS", "4")
    assert for_course(tmp_path).workers == 4


def test_the_memory_limits_leave_room_for_the_memmap_lesson():
    limits = Limits()
    # the 05-memmap kernel peaks near 1.1 GB of address space and 450 MB of RAM
    assert limits.address_space >= 2 * 1.1e9
    assert limits.memory >= 4 * 450e6
    assert limits.tmp_size >= 2 * 224 * MiB  # its largest files at once


def release(assignment: str = "01-strides") -> dict:
    return json.loads(release_notebook(assignment).read_text())


def test_student_solutions_follow_nbgraders_choice_of_duplicate():
    nb = release()
    sol = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution"))
    gid = sol["metadata"]["nbgrader"]["grade_id"]
    first, second = copy.deepcopy(sol), copy.deepcopy(sol)
    first["source"], second["source"] = "def a(): pass", "def b(): pass"
    unmarked = copy.deepcopy(sol)
    unmarked["metadata"]["nbgrader"] = {"grade_id": gid}
    unmarked["source"] = "def c(): pass"
    nb["cells"] += [first, second, unmarked]
    # the last copy flagged as nbgrader cell wins, as DeduplicateIds keeps it
    assert sources.student_solutions(nb, [gid])[gid] == "def b(): pass"
    assert sources.student_solutions({"cells": []}, [gid]) == {}


def test_unreadable_notebooks_are_reported_not_crashed_on(tmp_path):
    bad = tmp_path / "x.ipynb"
    bad.write_text("{ not json")
    assert sources.read_notebook(bad) is None
    assert [str(f) for f in tamper.check(release(), None)] == [
        "the notebook cannot be read (not valid notebook JSON)"
    ]


def test_an_untouched_release_has_no_tamper_findings_and_no_red_flags(tmp_path):
    for assignment in ASSIGNMENTS:
        nb = release(assignment)
        answered = json.loads(
            nbformat.writes(fill(nbformat.reads(json.dumps(nb), 4), solutions(assignment, ROOT)))
        )
        assert tamper.check(nb, answered) == [], assignment
        assert redflags.scan(answered, nb) == [], assignment


def test_every_structural_change_is_found(tmp_path):
    nb = release()
    tests = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    changed = copy.deepcopy(nb)
    t = [c for c in changed["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    t[0]["source"] = "pass"
    t[1]["cell_type"] = "markdown"
    t[2]["metadata"]["nbgrader"]["points"] = 100
    changed["cells"].remove(t[3])
    changed["cells"].append(copy.deepcopy(t[4]))
    t[5]["metadata"]["nbgrader"]["grade_id"] = "test_new"
    changed["metadata"]["kernelspec"]["name"] = "bash"
    (tmp_path / "numpy.py").write_text("")
    (tmp_path / "timestamp.txt").write_text("")
    (tmp_path / "submission_secret.txt").write_text("")  # nbgrader's exchange writes it
    found = [str(f) for f in tamper.check(nb, changed, tmp_path)]
    ids = [c["metadata"]["nbgrader"]["grade_id"] for c in tests]
    expected = [
        "kernelspec changed to 'bash'",
        f"{ids[0]}: test cell edited",
        f"{ids[1]}: test cell retyped to markdown",
        f"{ids[2]}: points changed from {tests[2]['metadata']['nbgrader']['points']} to 100",
        f"{ids[3]}: test cell deleted (or its metadata removed)",
        f"{ids[4]}: test cell duplicated (2 copies)",
        f"{ids[5]}: test cell deleted (or its metadata removed)",
        "test_new: a cell with an id the assignment does not have",
        "files added to the submission: numpy.py",
    ]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_reference_answers_and_plausible_mistakes_raise_no_red_flag(assignment):
    for gid, code in solutions(assignment, ROOT).items():
        assert redflags.scan_code(code, gid) == [], (assignment, gid)
    for gid, wrong in mutants(assignment).items():
        for name, code in wrong.items():
            assert redflags.scan_code(code, gid) == [], (assignment, gid, name)


@pytest.mark.parametrize(
    "code, what",
    [
        ("get_ipython().input_transformers_cleanup.append(f)", "get_ipython"),
        ("import npmem.checks as c\nc.check_equal = print", "c.check_equal = ..."),
        ("np.array_equal = lambda *a: True", "np.array_equal = ..."),
        ("import builtins\nbuiltins.isinstance = f", "import builtins"),
        ("import sys\nsys.modules['numpy'] = m", "sys.modules"),
        ("open('../../../source/01-strides/strides.ipynb')", "'../../../source/01-strides/str"),
        ("import sqlite3", "import sqlite3"),
        ("import os\nos._exit(0)", "os._exit"),
        ("import ctypes", "import ctypes"),
        ("import socket", "import socket"),
        ("class A(np.ndarray):\n    pass", "class A(np.ndarray)"),
        ("x = sys._getframe(1).f_back", "sys._getframe"),
        ("if os.environ.get('NBGRADER_EXECUTION'): pass", "'NBGRADER_EXECUTION'"),
    ],
)
def test_red_flags_name_what_was_found(code, what):
    flags = redflags.scan_code(code, "cell")
    assert any(f.what.startswith(what) for f in flags), [str(f) for f in flags]


def test_the_attack_table_of_the_security_page_is_generated_from_the_specs():
    """docs/security.md's attack table is what ``make docs`` makes from the specs."""
    import attack_table

    text = attack_table.PAGE.read_text()
    assert attack_table.page_block(text) == attack_table.block(), "run make docs"
    names = {a.name for a in attack_table.ATTACKS}
    assert names and all(f"| `{n}` |" in text for n in names)


def test_one_failed_recheck_is_flagged_and_the_others_are_verified(monkeypatch, tmp_path):
    from npmem.sandbox import verify

    def fake(root, assignment, student, *, url=None, limits=None):
        if student == "bob":
            raise RuntimeError("gradebook went away")
        return [verify.Verification(student, assignment, "strides", scores={"test_a": 1.0})]

    monkeypatch.setattr(verify, "verify_submission", fake)
    reports = verify.verify_assignment(
        tmp_path, "01-strides", ["ada", "bob", "cy"], url="sqlite://", workers=2
    )
    by = {r.student: r for r in reports}
    assert set(by) == {"ada", "bob", "cy"}
    assert not by["ada"].flagged and not by["cy"].flagged
    assert by["bob"].flagged and "gradebook went away" in by["bob"].line()


def test_a_parse_hit_by_cpythons_shared_recursion_counter_is_repeated(monkeypatch):
    """CPython 3.11 can fail a parse from a thread with a spurious SystemError: repeat it."""
    import ast

    from npmem.sandbox import pyast

    real, calls = ast.parse, []

    def flaky(source, *args, **kwargs):
        calls.append(source)
        if len(calls) < 3:
            raise SystemError("AST constructor recursion depth mismatch (before=42, after=11)")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", flaky)
    tree = pyast.parse("import numpy")
    assert isinstance(tree.body[0], ast.Import) and len(calls) == 3

    def broken(source, *args, **kwargs):
        raise SystemError("something else")

    monkeypatch.setattr(ast, "parse", broken)
    with pytest.raises(SystemError, match="something else"):
        pyast.parse("x = 1")


def test_a_format_3_hand_in_is_read_as_nbgrader_reads_it(tmp_path):
    assignment = "02-dtypes"
    nb4 = fill(nbformat.read(release_notebook(assignment), 4), solutions(assignment, ROOT))
    (tmp_path / "v4.ipynb").write_text(nbformat.writes(nb4))
    (tmp_path / "v3.ipynb").write_text(nbformat.writes(nbformat.convert(nb4, 3), version=3))
    assert json.loads((tmp_path / "v3.ipynb").read_text())["nbformat"] == 3
    v3, v4 = (
        sources.read_notebook(tmp_path / "v3.ipynb"),
        sources.read_notebook(tmp_path / "v4.ipynb"),
    )
    ids = [
        c["metadata"]["nbgrader"]["grade_id"]
        for c in v4["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution")
    ]
    assert ids and sources.student_solutions(v3, ids) == sources.student_solutions(v4, ids)
    assert sources.student_solutions(v3, ids) == {g: solutions(assignment, ROOT)[g] for g in ids}
    rel = sources.read_notebook(release_notebook(assignment))
    assert tamper.check(rel, v3) == [] and redflags.scan(v3, rel) == []


def test_the_gradebook_url_comes_from_nbgraders_own_config_paths(tmp_path, monkeypatch):
    # a site-wide config (as /etc/jupyter/nbgrader_config.py would be) names the gradebook
    from npmem.grading.gradebook import db_url
    from npmem.sandbox import verify

    site = tmp_path / "etc-jupyter"
    site.mkdir()
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    (site / "nbgrader_config.py").write_text(f"c.CourseDirectory.db_url = {url!r}\n")
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    monkeypatch.delenv("NPMEM_DB_URL", raising=False)
    assert db_url(course) == f"sqlite:///{course / 'gradebook.db'}"
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(site))
    assert db_url(course) == verify.db_url(course) == url
    # the course's own setting wins over the site's, as in nbgrader
    monkeypatch.setenv("NPMEM_DB_URL", "sqlite:////srv/course.db")
    assert db_url(course) == "sqlite:////srv/course.db"


def test_the_settings_table_of_the_security_page_is_current():
    from npmem.dev import settings_table
    from npmem.sandbox.settings import Limits

    page = settings_table.PAGE.read_text()
    assert settings_table.updated(page) == page, "docs/security.md is stale: run make docs"
    for field in dataclasses.fields(Limits):
        assert f"`NPMEM_SANDBOX_{field.name.upper()}`" in page, field.name


def test_every_sandbox_setting_is_read_from_its_variable(monkeypatch):
    from npmem.sandbox import box
    from npmem.sandbox.settings import Limits

    monkeypatch.setenv("NPMEM_SANDBOX_MODE", "plain")
    monkeypatch.setenv("NPMEM_SANDBOX_ISOLATION", "none")
    monkeypatch.setenv("NPMEM_SANDBOX_UID_BASE", "2000000000")
    monkeypatch.setenv("NPMEM_SANDBOX_WORKERS", "5")
    limits = Limits.resolve()
    assert box.mode(limits) == "plain" and box.isolation(limits) == "none"
    assert (limits.uid_base, limits.workers) == (2_000_000_000, 5)
    env = {f"NPMEM_SANDBOX_{f.name.upper()}": "7" for f in dataclasses.fields(Limits)}
    for field in dataclasses.fields(Limits):  # each field has its variable
        assert getattr(Limits.resolve(env=env), field.name) != getattr(Limits(), field.name)


def test_a_report_line_too_long_is_shortened_field_by_field_and_still_parses():
    import ast as _ast
    import os

    from npmem.grading.engine import Channel

    read, write = os.pipe()
    chan = Channel(write, "n0nce")
    noisy = "UserWarning: careful\n" + "\U000e0001" * 2000  # repr makes it 12 times longer
    chan.send(type="result", status="pass", stdout="x" * 9000, stderr=noisy, value="v" * 5000)
    os.close(write)
    line = os.fdopen(read).readline()
    data = _ast.literal_eval(line)  # the trusted side reads it so
    assert len(line) <= 3801 and data["status"] == "pass"
    assert data["stderr"].startswith("'UserWarning: careful")  # IgnorePattern still applies


def _no_bwrap(monkeypatch):
    from npmem.sandbox import box

    monkeypatch.setattr(box, "_bwrap_checked", {})
    real_which = box.shutil.which
    monkeypatch.setattr(box.shutil, "which", lambda n: None if n == "bwrap" else real_which(n))
    monkeypatch.delenv("NPMEM_SANDBOX_ISOLATION", raising=False)
    return box


def test_without_bubblewrap_secure_grading_refuses_in_one_line(monkeypatch):
    box = _no_bwrap(monkeypatch)
    with pytest.raises(box.SandboxUnavailable) as err:
        box.isolation(Limits())
    message = str(err.value)
    assert "\n" not in message and "bubblewrap is not installed" in message, message
    assert "NPMEM_SANDBOX_ISOLATION=none" in message, message
    with pytest.raises(box.SandboxUnavailable):
        box.Box(Limits())


def test_the_explicit_opt_out_grades_with_limits_only_and_says_so(monkeypatch, capsys):
    box = _no_bwrap(monkeypatch)
    monkeypatch.setattr(box, "_said", set())
    assert box.isolation(Limits(isolation="none")) == "none"
    assert "NO ISOLATION (Sandbox.isolation = 'none')" in capsys.readouterr().err
    with pytest.raises(box.SandboxUnavailable):  # the old hand-made jail
        box.isolation(Limits(isolation="namespaces"))


def test_the_grading_commands_refuse_before_they_start(monkeypatch, capsys):
    from npmem import cli

    _no_bwrap(monkeypatch)
    monkeypatch.delenv("NPMEM_SANDBOX", raising=False)
    for command in ("autograde", "regrade", "verify", "grade-secure"):
        assert cli.main([command, "01-strides"]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"npmem {command}: secure grading needs bubblewrap"), err
        assert "\n" not in err, err
    monkeypatch.setenv("NPMEM_SANDBOX", "off")  # stock nbgrader: nothing to refuse
    assert cli.sandbox_refusal() is None


def test_nbgraders_autograde_step_grades_with_the_configured_sandbox(monkeypatch, tmp_path):
    """The formgrader's button, ``nbgrader autograde`` and the workers all grade through
    ``VerifiedExecute``: it reads ``c.Sandbox.*`` from the configuration nbgrader loaded."""
    import nbformat
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from npmem.sandbox import pipeline, verify

    seen = {}

    def check_notebook(*args, limits, **kwargs):
        seen["limits"] = limits
        raise RuntimeError("stop here")

    monkeypatch.setattr(verify, "check_notebook", check_notebook)
    monkeypatch.delenv("NPMEM_SANDBOX_MEMORY", raising=False)
    config = Config()
    config.Sandbox.memory = "1G"
    config.Sandbox.verify_timeout = 7
    step = pipeline.VerifiedExecute(config=config)
    step.coursedir = CourseDirectory(config=config, root=str(tmp_path))
    info = {"assignment": "a", "notebook": "n", "student": "s", "db_url": "sqlite://"}
    with pytest.raises(RuntimeError, match="stop here"):
        step.preprocess(nbformat.v4.new_notebook(), {"nbgrader": info})
    assert (seen["limits"].memory, seen["limits"].verify_timeout) == (GiB, 7.0)
