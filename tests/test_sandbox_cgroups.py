"""cgroups for the sandbox: v2 on a fake cgroupfs (the rules the kernel enforces, played by
the test), v1 or v2 for real where this machine has them, and the warning when none."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from npmem.sandbox import box as box_mod
from npmem.sandbox import cgroups
from npmem.sandbox.settings import GiB, Limits

LIMITS = Limits(memory=1 * GiB, pids=32, cpus=0.5)
OWN = "/system.slice/grader.service"


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """A cgroup2 tree whose own cgroup holds two processes, with the kernel's two rules:
    no controllers for children while a cgroup holds processes, and a process written to
    ``cgroup.procs`` leaves its old cgroup."""
    mount = tmp_path / "cgroup"
    own = mount / OWN.lstrip("/")
    own.mkdir(parents=True)
    (own / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    (own / "cgroup.subtree_control").write_text("")
    (own / "cgroup.procs").write_text("101\n202\n")
    real_write = cgroups._write

    def kernel_write(path: Path, value: str) -> None:
        if path.name == "cgroup.subtree_control":
            if path.parent.joinpath("cgroup.procs").read_text().split():
                raise OSError(errno.EBUSY, "Device or resource busy")
            enabled = set(path.read_text().split()) | {v.lstrip("+") for v in value.split()}
            return real_write(path, " ".join(sorted(enabled)))
        if path.name == "cgroup.procs":
            for procs in mount.rglob("cgroup.procs"):
                left = [p for p in procs.read_text().split() if p != value]
                procs.write_text("\n".join(left))
            old = path.read_text().split() if path.exists() else []
            return real_write(path, "\n".join(old + [value]))
        return real_write(path, value)

    monkeypatch.setattr(cgroups, "_write", kernel_write)
    return mount, own


def test_v2_moves_the_graders_processes_into_a_leaf_then_limits_a_sibling(fake):
    mount, own = fake
    group = cgroups._create_v2("npmem-sbx-1", LIMITS, mount=mount, own=OWN)
    assert group is not None, cgroups.last_failure()
    leaf = own / cgroups.LEAF
    assert (own / "cgroup.procs").read_text().split() == []
    assert sorted(leaf.joinpath("cgroup.procs").read_text().split()) == ["101", "202"]
    assert set((own / "cgroup.subtree_control").read_text().split()) == {"cpu", "memory", "pids"}
    d = own / "npmem-sbx-1"
    assert group.dirs == {"": d} and group.version == 2
    assert (d / "memory.max").read_text() == str(GiB)
    assert (d / "pids.max").read_text() == "32"
    assert (d / "cpu.max").read_text() == "50000 100000"
    assert group.procs_files == [str(d / "cgroup.procs")]
    # the next sandbox, created from inside the leaf, goes beside it too
    again = cgroups._create_v2("npmem-sbx-2", LIMITS, mount=mount, own=f"{OWN}/{cgroups.LEAF}")
    assert again is not None and again.dirs[""] == own / "npmem-sbx-2"


def test_v2_without_delegated_controllers_says_why(fake):
    mount, own = fake
    (own / "cgroup.controllers").write_text("cpu io\n")
    assert cgroups._create_v2("npmem-sbx-1", LIMITS, mount=mount, own=OWN) is None
    assert "not given the memory and pids controllers" in cgroups.last_failure()
    assert not (own / cgroups.LEAF).exists()


def test_v2_read_only_cgroupfs_says_why(fake, monkeypatch):
    mount, own = fake

    def refuse(path, value):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(cgroups, "_write", refuse)
    assert cgroups._create_v2("npmem-sbx-1", LIMITS, mount=mount, own=OWN) is None
    assert "cannot enable controllers" in cgroups.last_failure()
    assert "Read-only" in cgroups.last_failure()


def test_no_cgroup_as_root_warns_once_and_the_box_records_it(monkeypatch, capsys):
    monkeypatch.setattr(box_mod, "mode", lambda limits: "root")
    monkeypatch.setattr(box_mod, "_said", set())

    def none(limits):
        return cgroups._no_cgroup("cgroup v2: test says no")

    monkeypatch.setattr(cgroups, "create", none)
    if os.geteuid() != 0:
        pytest.skip("a root box needs root")
    for _ in range(2):
        with box_mod.Box(LIMITS) as b:
            assert b.cgroup is None and "memory" not in b.protections
            assert len(b.warnings) == 1 and "cgroup v2: test says no" in b.warnings[0]
            assert "1 GiB and 32-process limits hold per process" in b.warnings[0]
    err = capsys.readouterr().err
    assert err.count("WARNING") == 1 and len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as on CI")
def test_a_real_cgroup_on_this_machine_limits_and_is_removed():
    versions = {fstype for _, fstype, _ in cgroups._mounts()}
    if not versions:
        pytest.skip("no cgroup filesystem mounted")
    group = cgroups.create(LIMITS)
    assert group is not None, cgroups.last_failure()
    try:
        pids = group.dirs.get("pids", group.dirs.get(""))
        assert (pids / "pids.max").read_text().strip() == "32"
        if group.version == 2:
            assert (group.dirs[""] / "memory.max").read_text().strip() == str(GiB)
        else:
            mem = group.dirs["memory"] / "memory.limit_in_bytes"
            assert int(mem.read_text()) == GiB
    finally:
        group.remove()
    assert not any(d.exists() for d in group.dirs.values())
