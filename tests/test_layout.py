"""The strides explorer's pure logic, checked against NumPy itself, and its drawing."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from npmem.explorers.strides import draw_buffer, figure_for, strides_explorer  # noqa: E402
from npmem.layout import (  # noqa: E402
    DTYPES,
    VIEW_OPS,
    buffer_map,
    element_offsets,
    explore,
    make_base,
    summary,
)


def test_make_base_numbers_items_in_memory_order():
    for order in "CF":
        base = make_base(3, 4, "int16", order)
        assert np.array_equal(np.frombuffer(base.tobytes(order="A"), np.int16), np.arange(12))
        assert base.flags[f"{order}_CONTIGUOUS"]
    with pytest.raises(ValueError):
        make_base(0, 3, "int8", "C")
    with pytest.raises(ValueError):
        make_base(2, 3, "int8", "K")


@pytest.mark.parametrize("op", list(VIEW_OPS))
@pytest.mark.parametrize("order", "CF")
def test_offsets_find_the_same_values_numpy_finds(op, order):
    base = make_base(4, 5, "int32", order)
    view = VIEW_OPS[op][1](base)
    if not np.shares_memory(view, base):
        assert (op, order) == ("flattened", "F"), "only ravel of an F array copies"
        assert buffer_map(base, view).is_copy
        return
    offsets = element_offsets(view, base)
    raw = np.frombuffer(base.tobytes(order="A"), np.int32)
    assert np.array_equal(raw[offsets // base.itemsize], view)


def test_buffer_map_transpose_of_c_array():
    base, m = explore(3, 4, "int16", "C", "transpose")
    assert m.shape == (4, 3) and m.strides == (2, 8) and m.strides_in_items == (1, 4)
    assert m.touched == 12 and m.n_slots == 12 and m.start == 0
    # the transposed view reads slot 1 (value 1) second along its last axis: position 3
    assert m.readers[1] == (3,)
    assert not m.c_contiguous and m.f_contiguous and not m.owns_data


def test_buffer_map_reversed_and_stepped():
    _, m = explore(4, 3, "float64", "C", "reversed rows")
    assert m.strides == (-24, 8) and m.start == 72
    _, m = explore(4, 3, "float64", "C", "every other row")
    assert m.touched == 6 and m.readers[3] == ()


def test_windows_read_slots_several_times():
    _, m = explore(2, 3, "int8", "C", "windows of 2 (ravel)")
    assert m.shape == (5, 2)
    assert [len(r) for r in m.readers] == [1, 2, 2, 2, 2, 1]
    assert not m.writeable


def test_buffer_map_reports_copies():
    base = make_base(2, 2, "int8", "C")
    m = buffer_map(base, base[[0, 1]])
    assert m.is_copy and m.touched == 0
    assert "COPY" in summary(m)


def test_summary_mentions_flags():
    _, m = explore(3, 4, "int16", "C", "diagonal (as_strided)")
    text = summary(m)
    assert "strides (10,)" in text and "read-only" in text


@pytest.mark.parametrize("dtype", DTYPES)
def test_draw_buffer_highlights_what_the_view_reads(dtype):
    _, m = explore(3, 4, dtype, "F", "one column")
    fig, ax = plt.subplots()
    highlighted = draw_buffer(ax, m)
    assert len(highlighted) == m.touched == 3
    assert len(ax.patches) >= m.n_slots
    plt.close(fig)


def test_figure_changes_with_the_controls():
    def png(fig):
        import io

        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
        return buf.getvalue()

    assert png(figure_for(3, 4, "int16", "C", "transpose")) != png(
        figure_for(3, 4, "int16", "F", "transpose")
    )


def test_explorer_is_idle_under_nbgrader(monkeypatch):
    import ipywidgets as w

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert isinstance(strides_explorer(), w.HTML)
    monkeypatch.delenv("NBGRADER_EXECUTION")
    box = strides_explorer()
    assert "npmem-explorer" in box._dom_classes
    assert any(isinstance(c, w.Dropdown) for c in box.children[1].children)
