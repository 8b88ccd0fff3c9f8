"""The memmap explorer's logic: blocks, access orders, RSS and maps parsing, a measured pass."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from npmem.explorers import memmap as explorer  # noqa: E402
from npmem.memmap_blocks import (  # noqa: E402
    PATTERNS,
    Pass,
    access_order,
    blocks_read,
    bytes_read,
    is_mapped,
    measure_pass,
    parse_mapped_paths,
    parse_vmrss,
    resident_bytes,
    split_blocks,
    write_random_file,
)


def test_split_blocks_covers_the_file_with_a_short_last_block():
    assert split_blocks(10, 4) == [(0, 4), (4, 8), (8, 10)]
    assert split_blocks(8, 4) == [(0, 4), (4, 8)]
    assert split_blocks(3, 4) == [(0, 3)]
    assert split_blocks(0, 4) == []


@pytest.mark.parametrize("size, block", [(1, 1), (100, 7), (4096, 4096), (4097, 4096)])
def test_split_blocks_is_a_partition(size, block):
    blocks = split_blocks(size, block)
    assert blocks[0][0] == 0 and blocks[-1][1] == size
    assert all(a[1] == b[0] for a, b in zip(blocks, blocks[1:], strict=False))
    assert all(0 < stop - start <= block for start, stop in blocks)


def test_split_blocks_rejects_bad_sizes():
    with pytest.raises(ValueError):
        split_blocks(10, 0)
    with pytest.raises(ValueError):
        split_blocks(-1, 4)


def test_access_orders():
    assert access_order(4, "sequential") == [0, 1, 2, 3]
    assert access_order(4, "backwards") == [3, 2, 1, 0]
    assert access_order(5, "every other chunk") == [0, 2, 4]
    shuffled = access_order(20, "random order", seed=3)
    assert sorted(shuffled) == list(range(20)) and shuffled != list(range(20))
    assert shuffled == access_order(20, "random order", seed=3)
    with pytest.raises(ValueError):
        access_order(4, "sideways")


def test_blocks_read_and_bytes_read_follow_the_order():
    blocks = split_blocks(10, 4)
    order = access_order(3, "backwards")
    assert blocks_read(3, order, 0).tolist() == [False, False, False]
    assert blocks_read(3, order, 1).tolist() == [False, False, True]
    assert blocks_read(3, order, 3).tolist() == [True, True, True]
    assert [bytes_read(blocks, order, s) for s in range(4)] == [0, 2, 6, 10]
    with pytest.raises(ValueError):
        blocks_read(3, order, -1)


def test_parse_vmrss():
    text = "Name:\tpython\nVmPeak:\t  200 kB\nVmRSS:\t   12345 kB\nThreads:\t1\n"
    assert parse_vmrss(text) == 12345 * 1024
    with pytest.raises(ValueError):
        parse_vmrss("Name:\tpython\n")


def test_parse_mapped_paths():
    text = (
        "7f00-7f10 r--s 00000000 08:01 1234    /tmp/x/data.dat\n"
        "7f10-7f20 rw-p 00000000 00:00 0 \n"
        "7f20-7f30 r--p 00000000 00:00 0       [heap]\n"
        "7f30-7f40 r--s 00001000 08:01 99      /tmp/with space.dat (deleted)\n"
    )
    assert parse_mapped_paths(text) == {"/tmp/x/data.dat", "/tmp/with space.dat"}


def test_resident_bytes_is_plausible():
    rss = resident_bytes()
    assert 1 << 20 < rss < 1 << 40


def test_is_mapped_follows_the_memmap_and_its_views(tmp_path):
    path = tmp_path / "small.dat"
    np.arange(1000, dtype=np.int32).tofile(path)
    assert not is_mapped(path)
    mm = np.memmap(path, dtype=np.int32, mode="r")
    view = mm[10:20]
    assert is_mapped(path)
    del mm
    assert is_mapped(path), "a view keeps the map alive"
    del view
    assert not is_mapped(path)


def test_measure_pass_records_rss_after_every_chunk(tmp_path):
    path = tmp_path / "blocks.dat"
    size = 8 * (1 << 20) + 12345
    write_random_file(path, size, piece=3 << 20)
    assert path.stat().st_size == size
    for pattern in PATTERNS:
        p = measure_pass(path, 1 << 20, pattern)
        assert p.file_size == size and p.n_blocks == 9
        assert len(p.rss) == len(p.order) + 1
        assert p.read_after(len(p.order)) == sum(b - a for a, b in (p.blocks[k] for k in p.order))
    sequential = measure_pass(path, 1 << 20)
    # touching the whole file makes (most of) it resident; allow for page-cache noise
    assert sequential.rss_growth(len(sequential.order)) > size // 2
    assert not is_mapped(path), "the pass releases its map"


def _fake_pass(n_blocks=20, pattern="every other chunk"):
    blocks = tuple(split_blocks(n_blocks * 100, 100))
    order = tuple(access_order(n_blocks, pattern))
    rss = tuple(1000 + 100 * k for k in range(len(order) + 1))
    return Pass(n_blocks * 100, blocks, order, rss)


def test_drawing_colours_the_blocks_read():
    p = _fake_pass()
    fig, ax = plt.subplots()
    rects = explorer.draw_blocks(ax, p, steps=3)
    assert len(rects) == 20 and all(isinstance(r, Rectangle) for r in rects)
    colours = [matplotlib.colors.to_hex(r.get_facecolor()) for r in rects]
    assert colours[4] == "#f4a259"  # the latest chunk (third of 0, 2, 4, ...)
    assert colours[0] == colours[2] == "#5b8fc9"
    assert colours[1] == colours[6] == "#e6e6e6"
    plt.close(fig)


def test_figure_has_blocks_and_an_rss_curve():
    p = _fake_pass()
    fig = explorer.figure_for(p, 4, "100 B", "every other chunk")
    top, bottom = fig.axes
    assert len(top.patches) == 20
    lines = bottom.get_lines()
    assert len(lines) == 2
    xs, ys = lines[1].get_data()
    assert len(xs) == 5 and list(ys) == [0.0, 100 / 2**20, 200 / 2**20, 300 / 2**20, 400 / 2**20]
    assert "4/10 chunks read" in top.get_title(loc="left")
    plt.close(fig)


def test_explorer_is_a_note_when_headless(monkeypatch):
    monkeypatch.setenv("NPMEM_HEADLESS", "1")
    import ipywidgets as w

    widget = explorer.memmap_explorer()
    assert isinstance(widget, w.HTML)


def test_explorer_widget_follows_the_contract(monkeypatch):
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    import ipywidgets as w

    box = explorer.memmap_explorer(file_size=4 << 20)
    assert "npmem-explorer" in box._dom_classes

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    widgets = list(walk(box))
    dropdowns = [x for x in widgets if isinstance(x, w.Dropdown)]
    sliders = [x for x in widgets if isinstance(x, w.IntSlider)]
    assert dropdowns and box.picture.draws == 1
    before = box.picture.png
    first = dropdowns[0]
    first.value = "1 MiB"
    assert sliders[0].max == 4 and sliders[0].value == 4
    assert box.picture.draws == 2 and box.picture.png != before
    calls = []
    real = explorer.measure_pass
    monkeypatch.setattr(explorer, "measure_pass", lambda *a, **k: calls.append(a) or real(*a, **k))
    dropdowns[1].value = "backwards"  # measured when the explorer was made: only drawn
    assert not calls and box.picture.draws == 3
    again = next(x for x in widgets if isinstance(x, w.Button))
    again.click()  # measure again: a fresh pass of the setting on show
    assert len(calls) == 1 and calls[0][1:] == (1 << 20, "backwards")
    assert box.picture.draws == 4
    plt.close("all")


def test_is_mapped_is_none_where_the_os_cannot_tell(tmp_path, monkeypatch):
    import npmem.memmap_blocks as blocks

    monkeypatch.setattr(blocks, "Path", lambda *a: tmp_path / "no" / "proc")
    assert blocks.is_mapped(tmp_path / "f") is None
