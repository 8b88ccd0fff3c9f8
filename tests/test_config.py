"""The course's nbgrader_config.py: loading it changes nothing, and the settings it
holds reach the grader as nbgrader loads them."""

from __future__ import annotations

import os

from traitlets.config import Config, PyFileConfigLoader

from npmem.grading.catalogue import ROOT


def _load(env: dict[str, str]) -> Config:
    old = dict(os.environ)
    os.environ.update(env)
    try:
        before = dict(os.environ)
        loader = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT))
        config = loader.load_config()
        assert dict(os.environ) == before, "loading nbgrader_config.py changed os.environ"
        return config
    finally:
        os.environ.clear()
        os.environ.update(old)


def test_loading_the_config_changes_no_environment_variable_sandbox_on_or_off():
    on = _load({"NPMEM_SANDBOX": "on"})
    assert "npmem.sandbox.pipeline.VerifiedExecute" in on.Autograde.autograde_preprocessors
    off = _load({"NPMEM_SANDBOX": "off"})
    assert "autograde_preprocessors" not in off.Autograde
    for config in (on, off):
        manager = config.Execute.kernel_manager_class
        assert manager == "npmem.grading.ipc_kernel.IpcKernelManager"


def test_the_verifier_takes_ignorepattern_as_nbgrader_loads_it(tmp_path, monkeypatch):
    """Set through a variable (which a literal reading misses), or switched off."""
    from npmem.grading.config import load, nbgrader_settings

    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.jupyter of the grader's
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nP = r'Deprecat\\w+: '\n"
        "c.IgnorePattern.enabled = True\nc.IgnorePattern.pattern = P\n"
    )
    assert nbgrader_settings(tmp_path).ignore_pattern == r"Deprecat\w+: "
    assert load(tmp_path).ignore_pattern is None  # what the learner's literal reading sees
    off = tmp_path / "off"
    off.mkdir()
    (off / "nbgrader_config.py").write_text("c = get_config()\nc.IgnorePattern.pattern = 'x'\n")
    assert nbgrader_settings(off).ignore_pattern is None  # enabled is False by default
    assert nbgrader_settings(ROOT).ignore_pattern == r"\w*Warning: "
