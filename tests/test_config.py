"""The course's nbgrader_config.py: loading it changes nothing, and the sandbox kernel
is found and timed from the configuration alone."""

from __future__ import annotations

import asyncio
import os

from traitlets.config import Config, PyFileConfigLoader

from npmem.grading.catalogue import ROOT
from npmem.sandbox.kernelspec import KERNEL_NAME, IpcKernelManager


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
    assert on.Autograde.NotebookExporter.Execute.kernel_name == KERNEL_NAME
    off = _load({"NPMEM_SANDBOX": "off"})
    assert "kernel_name" not in off.Autograde.NotebookExporter.Execute


def test_the_kernel_manager_finds_the_sandbox_kernel_without_jupyter_path(monkeypatch):
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    km = IpcKernelManager(kernel_name=KERNEL_NAME, config=_load({"NPMEM_SANDBOX": "on"}))
    spec = km.kernel_spec
    assert spec is not None and "npmem.sandbox.launch" in " ".join(spec.argv)


def test_the_sandbox_cell_timeout_follows_execute_timeout(monkeypatch):
    monkeypatch.delenv("NPMEM_SANDBOX_CELL_TIMEOUT", raising=False)
    seen = {}

    async def fake_super(self, **kw):  # what jupyter_client would launch with
        seen.update(kw)
        return [], kw

    monkeypatch.setattr(
        "jupyter_client.manager.AsyncKernelManager._async_pre_start_kernel", fake_super
    )
    config = Config()
    config.Execute.timeout = 7
    km = IpcKernelManager(kernel_name=KERNEL_NAME, config=config)
    asyncio.run(km._async_pre_start_kernel())
    assert seen["env"]["NPMEM_SANDBOX_CELL_TIMEOUT"] == "37"
    monkeypatch.setenv("NPMEM_SANDBOX_CELL_TIMEOUT", "5")  # an explicit setting wins
    asyncio.run(km._async_pre_start_kernel())
    assert seen["env"]["NPMEM_SANDBOX_CELL_TIMEOUT"] == "5"


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
