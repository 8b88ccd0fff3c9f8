"""The npmem command: one entry to every module's own command line."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from npmem import cli

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert f"  {name} " in out, name
    assert "``" not in out  # plain text, not the docstring's markup


@pytest.mark.parametrize("name", [n for n in cli.COMMANDS if n != "autograde"])
def test_each_command_is_a_module_with_a_main(name):
    module, _ = cli.resolve([name])
    assert callable(importlib.import_module(module).main), module


def test_autograde_runs_on_dask_only_when_a_scheduler_is_named():
    assert cli.resolve(["autograde", "01-strides", "--jobs=2"]) == (
        "npmem.instructor.__main__",
        ["autograde", "01-strides", "--jobs=2"],
    )
    for flag in (["--scheduler", "tcp://h:8786"], ["--scheduler=tcp://h:8786"]):
        module, args = cli.resolve(["autograde", *flag])
        assert module == "npmem.cluster.__main__" and args == ["autograde", *flag]


def test_an_unknown_command_is_one_line_and_status_2(capsys):
    assert cli.main(["nonsense"]) == 2
    assert capsys.readouterr().err.startswith("npmem: unknown command 'nonsense'")


def test_a_command_passes_its_arguments_through():
    # build --check: the committed source/ is current, so it succeeds
    assert cli.main(["build", "--check"]) == 0


def test_the_installed_script_and_every_make_target_use_it():
    script = shutil.which("npmem", path=str(Path(sys.executable).parent))
    assert script, "npmem is not installed in this environment (pip install -e .)"
    proc = subprocess.run([script, "check", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "usage" in proc.stdout.lower(), proc.stderr
    makefile = (ROOT / "Makefile").read_text()
    assert "python -m npmem" not in makefile, "a make target bypasses the npmem command"
