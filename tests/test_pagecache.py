"""npmem.pagecache: page counting (pure), page-cache and RSS residency, child-process helpers."""

from __future__ import annotations

import mmap
import multiprocessing
import os
import sys

import numpy as np
import pytest

from npmem import pagecache

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc and mincore")
P = mmap.PAGESIZE


def test_pagesize_is_the_machines():
    assert pagecache.PAGESIZE == mmap.PAGESIZE > 0


@pytest.mark.parametrize(
    ("n_bytes", "pages"), [(0, 0), (1, 1), (P - 1, 1), (P, 1), (P + 1, 2), (10 * P, 10)]
)
def test_n_pages_rounds_up(n_bytes, pages):
    assert pagecache.n_pages(n_bytes) == pages


def test_n_pages_refuses_a_negative_size():
    with pytest.raises(ValueError):
        pagecache.n_pages(-1)


def test_pages_spanned_counts_items_that_straddle_a_boundary():
    assert pagecache.pages_spanned(np.array([0, 8, 16]), 8, page=4096).tolist() == [0]
    assert pagecache.pages_spanned(np.array([4092]), 8, page=4096).tolist() == [0, 1]
    assert pagecache.pages_spanned(np.array([4096 * 5, 0]), 1, page=4096).tolist() == [0, 5]
    assert pagecache.pages_spanned(np.array([], dtype=np.int64), 8).size == 0
    with pytest.raises(ValueError):
        pagecache.pages_spanned(np.array([-1]), 8)
    with pytest.raises(ValueError):
        pagecache.pages_spanned(np.array([0]), 0)


def test_item_offsets_follow_the_strides_of_any_view():
    base = np.zeros((6, 5), dtype=np.float64)
    assert pagecache.item_offsets(base[2], base).tolist() == [80, 88, 96, 104, 112]
    assert pagecache.item_offsets(base[:, 1], base).tolist() == [8 + 40 * r for r in range(6)]
    assert pagecache.item_offsets(base[::-2, 4], base).tolist() == [232, 152, 72]
    assert pagecache.item_offsets(base[1, 2, ...], base).tolist() == [56]  # 0-d view: one item
    # equal to what NumPy itself says about the first and last byte of each view
    view = base.T[1:4, ::2]
    offsets = pagecache.item_offsets(view, base)
    lo, hi = np.lib.array_utils.byte_bounds(view)
    start = base.__array_interface__["data"][0]
    assert offsets.min() == lo - start and offsets.max() + 8 == hi - start


def test_a_column_of_a_c_table_with_page_long_rows_lies_on_every_page():
    n_cols = P // 8
    table = np.zeros((50, n_cols))
    column = pagecache.pages_spanned(pagecache.item_offsets(table[:, 3], table), 8)
    row = pagecache.pages_spanned(pagecache.item_offsets(table[7], table), 8)
    assert column.tolist() == list(range(50))
    assert row.tolist() == [7]


def test_parse_smaps_rss_sums_only_the_named_file():
    text = """\
7f0000000000-7f0000010000 r--s 00000000 fd:01 123 /data/a.bin
Size:                 64 kB
Rss:                  12 kB
Pss:                  12 kB
7f0000010000-7f0000020000 r--s 00010000 fd:01 123 /data/a.bin
Rss:                   4 kB
7f0000020000-7f0000030000 rw-p 00000000 00:00 0
Rss:                 100 kB
7f0000030000-7f0000040000 r--s 00000000 fd:01 124 /data/a.bin.old
Rss:                   8 kB
7f0000040000-7f0000050000 r--s 00000000 fd:01 125 /data/with space.bin
Rss:                  16 kB
"""
    assert pagecache.parse_smaps_rss(text, "/data/a.bin") == 16 * 1024
    assert pagecache.parse_smaps_rss(text, "/data/with space.bin") == 16 * 1024
    assert pagecache.parse_smaps_rss(text, "/nowhere") == 0
    with pytest.raises(ValueError):
        pagecache.parse_smaps_rss("1-2 r--s 0 fd:01 1 /x\nRss: 4 MB\n", "/x")


@linux
def test_a_cold_file_warms_as_it_is_read(tmp_path):
    path = tmp_path / "cold.u8"
    np.ones(64 * P, dtype=np.uint8).tofile(path)
    assert pagecache.cached_bytes(path) == 64 * P  # just written: all of it cached
    assert pagecache.drop_from_cache(path) is True
    if pagecache.cached_bytes(path) != 0:
        pytest.skip("this file system keeps its pages (tmpfs?)")
    m = np.memmap(path, dtype=np.uint8, mode="r")
    m._mmap.madvise(mmap.MADV_RANDOM)
    assert pagecache.mapped_rss(path) == 0
    int(m[10 * P + 3])
    cached = pagecache.cached_pages(path)
    assert cached.shape == (64,) and cached.dtype == bool
    assert cached[10]  # the page that holds the byte read is cached now
    assert pagecache.mapped_rss(path) >= P
    int(m.sum(dtype=np.uint64))
    assert pagecache.cached_pages(path).all()
    assert pagecache.mapped_rss(path) == 64 * P
    del m
    assert pagecache.mapped_rss(path) == 0  # no map left, but the page cache keeps it
    assert pagecache.cached_bytes(path) == 64 * P


@linux
def test_reading_one_row_of_a_cold_table_with_madv_random_reads_its_page(tmp_path):
    path = tmp_path / "table.f8"
    n_cols = P // 8
    np.zeros((32, n_cols)).tofile(path)
    pagecache.drop_from_cache(path)
    if pagecache.cached_bytes(path) != 0:
        pytest.skip("this file system keeps its pages (tmpfs?)")
    t = np.memmap(path, dtype=np.float64, mode="r", shape=(32, n_cols))
    t._mmap.madvise(mmap.MADV_RANDOM)
    np.array(t[5])
    cached = pagecache.cached_pages(path)
    del t
    assert cached[5]
    assert not cached[20:].any()


def test_an_empty_file_has_no_pages(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    pages = pagecache.cached_pages(path)
    assert pages is None or pages.size == 0


def test_without_mincore_the_answer_is_none(tmp_path, monkeypatch):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    monkeypatch.setattr(pagecache, "_MINCORE", [None])
    assert pagecache.cached_pages(path) is None
    assert pagecache.cached_bytes(path) is None
    assert "unknown" in pagecache.describe("label", path)


def test_without_fadvise_drop_from_cache_says_so(tmp_path, monkeypatch):
    path = tmp_path / "f"
    path.write_bytes(b"x")
    monkeypatch.delattr(os, "posix_fadvise", raising=False)
    assert pagecache.drop_from_cache(path) is False


def test_without_proc_mapped_rss_is_none(tmp_path, monkeypatch):
    monkeypatch.setattr(pagecache, "Path", lambda *a: tmp_path / "no" / "proc")
    assert pagecache.mapped_rss(tmp_path) is None


@linux
def test_describe_names_both_memories(tmp_path):
    path = tmp_path / "f"
    np.zeros(P, dtype=np.uint8).tofile(path)
    line = pagecache.describe("just written", path)
    assert line.startswith("just written") and "page cache" in line and "RSS" in line
    assert "unknown" not in line


def _spawn(target, *args, **kwargs):
    child = multiprocessing.get_context("spawn").Process(target=target, args=args, kwargs=kwargs)
    child.start()
    child.join(60)
    return child.exitcode


@linux
def test_a_child_writes_through_its_map_and_the_parent_sees_it(tmp_path):
    path = tmp_path / "shared.f8"
    np.zeros(100).tofile(path)
    watch = np.memmap(path, dtype=np.float64, mode="r")
    assert _spawn(pagecache.write_through_map, str(path), 7, 42.0) == 0
    assert watch[7] == 42.0
    # dying without flush or clean-up loses nothing: the page is the kernel's
    assert _spawn(pagecache.write_through_map, str(path), 8, 43.0, crash=True) == 3
    assert watch[8] == 43.0 and np.fromfile(path)[8] == 43.0


@linux
def test_reading_a_map_of_a_truncated_file_kills_the_child_with_sigbus(tmp_path):
    import signal

    path = tmp_path / "victim"
    np.ones(4 * P, dtype=np.uint8).tofile(path)
    assert _spawn(pagecache.touch_after_truncate, str(path)) == -signal.SIGBUS
    assert path.stat().st_size == 0


def test_parse_smaps_fields_sums_each_field_of_the_named_file():
    text = """\
7f0000000000-7f0000010000 rw-p 00000000 fd:01 123 /data/a.bin
Size:                 64 kB
Rss:                  12 kB
Private_Clean:         4 kB
Private_Dirty:         8 kB
Anonymous:             8 kB
7f0000010000-7f0000020000 rw-p 00010000 fd:01 123 /data/a.bin
Rss:                   4 kB
Private_Dirty:         4 kB
Anonymous:             0 kB
7f0000020000-7f0000030000 rw-p 00000000 00:00 0
Rss:                 100 kB
Anonymous:           100 kB
"""
    got = pagecache.parse_smaps_fields(text, "/data/a.bin")
    assert got == {
        "Rss": 16 * 1024,
        "Private_Clean": 4 * 1024,
        "Private_Dirty": 12 * 1024,
        "Anonymous": 8 * 1024,
    }
    assert pagecache.parse_smaps_fields(text, "/nowhere")["Rss"] == 0
    with pytest.raises(ValueError):
        pagecache.parse_smaps_fields("1-2 r--s 0 fd:01 1 /x\nRss: 4 MB\n", "/x")


@linux
def test_a_written_page_of_a_copy_on_write_map_is_anonymous(tmp_path):
    path = tmp_path / "c.u8"
    np.ones(16 * P, dtype=np.uint8).tofile(path)
    m = np.memmap(path, dtype=np.uint8, mode="c")
    int(m.sum())
    assert pagecache.mapping_memory(path)["Anonymous"] == 0  # read only: the file's pages
    m[::P][:4] = 7  # four pages written
    assert pagecache.mapping_memory(path)["Anonymous"] == 4 * P
    del m
    assert pagecache.mapping_memory(path)["Rss"] == 0


def test_without_proc_mapping_memory_is_none(tmp_path, monkeypatch):
    monkeypatch.setattr(pagecache, "Path", lambda *a: tmp_path / "no" / "proc")
    assert pagecache.mapping_memory(tmp_path) is None
    assert pagecache.filesystem_type(tmp_path) is None


def test_parse_mount_fstype_takes_the_longest_mount_point():
    text = """\
22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 22 0:26 / /tmp rw,nosuid shared:5 - tmpfs tmpfs rw,size=100k
31 22 0:27 / /tmp/disk rw shared:6 - xfs /dev/vdb rw
32 22 0:28 / /mnt/my\\040disk rw shared:7 - btrfs /dev/vdc rw
"""
    assert pagecache.parse_mount_fstype(text, "/home/me/x") == "ext4"
    assert pagecache.parse_mount_fstype(text, "/tmp") == "tmpfs"
    assert pagecache.parse_mount_fstype(text, "/tmp/npmem-1/a.bin") == "tmpfs"
    assert pagecache.parse_mount_fstype(text, "/tmpfoo/a") == "ext4"
    assert pagecache.parse_mount_fstype(text, "/tmp/disk/a") == "xfs"
    assert pagecache.parse_mount_fstype(text, "/mnt/my disk/a") == "btrfs"
    assert pagecache.parse_mount_fstype("", "/x") is None


@linux
def test_scratch_directory_skips_a_file_system_in_memory(tmp_path):
    if not os.path.isdir("/dev/shm") or pagecache.filesystem_type("/dev/shm") != "tmpfs":
        pytest.skip("no tmpfs at /dev/shm")
    made, kind = pagecache.scratch_directory(["/dev/shm", tmp_path])
    try:
        assert kind == pagecache.filesystem_type(tmp_path)
        assert os.path.dirname(made.name) == str(tmp_path)
    finally:
        made.cleanup()
    assert not any(n.startswith("npmem-") for n in os.listdir("/dev/shm"))
    made, kind = pagecache.scratch_directory(["/dev/shm"])  # nothing better: take it
    made.cleanup()
    assert kind == "tmpfs"
