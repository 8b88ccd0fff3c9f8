"""npmem.machine reads the CPU caches from /sys, and says so when it cannot."""

from __future__ import annotations

from pathlib import Path

from npmem import machine


def _fake(root: Path, index: int, level: int, kind: str, size: str, line: str | None) -> None:
    d = root / f"index{index}"
    d.mkdir(parents=True)
    (d / "level").write_text(f"{level}\n")
    (d / "type").write_text(f"{kind}\n")
    (d / "size").write_text(f"{size}\n")
    if line is not None:
        (d / "coherency_line_size").write_text(f"{line}\n")


def test_sizes_parse():
    assert machine._size("48K") == 48 * 1024
    assert machine._size("8M\n") == 8 * 2**20
    assert machine._size("512") == 512


def test_reads_a_fake_tree(tmp_path):
    _fake(tmp_path, 0, 1, "Data", "32K", "64")
    _fake(tmp_path, 1, 1, "Instruction", "32K", "64")
    _fake(tmp_path, 2, 2, "Unified", "1024K", "128")
    _fake(tmp_path, 3, 3, "Unified", "16M", None)
    found = machine.caches(tmp_path)
    assert [(c.level, c.kind, c.size, c.line) for c in found] == [
        (1, "Data", 32768, 64),
        (2, "Unified", 2**20, 128),
        (3, "Unified", 16 * 2**20, None),
    ]
    assert machine.line_size(tmp_path) == 64
    text = machine.describe(tmp_path)
    assert "L1 data" in text and "16 MiB" in text and "instruction" not in text


def test_broken_entries_are_skipped(tmp_path):
    _fake(tmp_path, 0, 1, "Data", "not a size", "64")
    _fake(tmp_path, 1, 2, "Unified", "256K", "64")
    assert [c.level for c in machine.caches(tmp_path)] == [2]


def test_no_tree_says_so(tmp_path):
    missing = tmp_path / "absent"
    assert machine.caches(missing) == []
    assert "does not report" in machine.describe(missing)


def test_an_empty_tree_says_so_and_names_it(tmp_path):
    assert machine.caches(tmp_path) == []
    text = machine.describe(tmp_path)
    assert "does not report" in text and str(tmp_path) in text


def test_this_machine_is_consistent():
    found = machine.caches()
    line = machine.line_size()
    if found:
        assert all(c.size > 0 for c in found)
        assert [c.level for c in found] == sorted(c.level for c in found)
    if line is not None:
        assert line > 0 and line & (line - 1) == 0  # a power of two


def test_ways_and_sets(tmp_path):
    _fake(tmp_path, 0, 1, "Data", "32K", "64")
    (tmp_path / "index0" / "ways_of_associativity").write_text("8\n")
    (tmp_path / "index0" / "number_of_sets").write_text("64\n")
    _fake(tmp_path, 1, 2, "Unified", "1024K", "64")
    (tmp_path / "index1" / "ways_of_associativity").write_text("0\n")  # unknown
    l1, l2 = machine.caches(tmp_path)
    assert (l1.ways, l1.sets, l1.set_period) == (8, 64, 4096)
    assert (l2.ways, l2.sets, l2.set_period) == (None, None, None)
    text = machine.associativity(tmp_path)
    assert "L1: 64 sets of 8 ways" in text and "4,096 bytes" in text and "L2" not in text
    assert "does not report" in machine.associativity(tmp_path / "absent")


def test_thp_mode(tmp_path):
    f = tmp_path / "enabled"
    f.write_text("always [madvise] never\n")
    assert machine.thp_mode(f) == "madvise"
    f.write_text("[always] madvise never\n")
    assert machine.thp_mode(f) == "always"
    f.write_text("garbage\n")
    assert machine.thp_mode(f) is None
    assert machine.thp_mode(tmp_path / "absent") is None
    assert machine.thp_mode() in (None, "always", "madvise", "never")


def test_anon_huge_bytes(tmp_path):
    f = tmp_path / "smaps_rollup"
    f.write_text("Rss:  1000 kB\nAnonHugePages:  4096 kB\nSwap: 0 kB\n")
    assert machine.anon_huge_bytes(f) == 4096 * 1024
    f.write_text("Rss:  1000 kB\n")
    assert machine.anon_huge_bytes(f) is None
    assert machine.anon_huge_bytes(tmp_path / "absent") is None
    found = machine.anon_huge_bytes()
    assert found is None or found >= 0
