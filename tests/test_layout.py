"""The strides explorer's pure logic, checked against NumPy itself, and its drawing."""

import base64
import math

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
    _, m = explore(2, 3, "int8", "C", "windows of 2 (memory order)")
    assert m.shape == (5, 2)
    assert [len(r) for r in m.readers] == [1, 2, 2, 2, 2, 1]
    assert not m.writeable


@pytest.mark.parametrize("op", list(VIEW_OPS))
@pytest.mark.parametrize("order", ["C", "F"])
def test_the_expression_shown_is_the_one_computed(op, order):
    """Evaluating the expression the explorer shows gives the very array it draws."""
    from numpy.lib.stride_tricks import as_strided, sliding_window_view

    for rows, cols in [(3, 4), (4, 5), (6, 6), (1, 3)]:
        base = make_base(rows, cols, "int16", order)
        expr, func = VIEW_OPS[op]
        names = {"a": base, "np": np, "as_strided": as_strided, "n": min(base.shape)}
        names["sliding_window_view"] = sliding_window_view
        shown = eval(expr, names)
        drawn = func(base)
        assert shown.shape == drawn.shape and shown.strides == drawn.strides
        assert np.array_equal(shown, drawn)
        assert np.shares_memory(shown, base) == np.shares_memory(drawn, base)
        if np.shares_memory(drawn, base):
            assert np.array_equal(element_offsets(shown, base), element_offsets(drawn, base))


def test_windows_of_an_f_ordered_array_are_a_view():
    _, m = explore(3, 4, "int16", "F", "windows of 2 (memory order)")
    assert not m.is_copy and m.shape == (11, 2)


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


def test_explorer_shows_its_picture_in_the_widget_and_a_still_beside_it(monkeypatch):
    """The live picture is an Image widget in the box (widget state, sent again to a
    reopened view); displayed, an explorer also gives a still PNG with a display id and
    the note, which a style inside the box hides wherever the widget renders; a change of
    control replaces the widget's bytes and the still (update_display)."""
    import ipywidgets as w
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display
    from IPython.utils.capture import capture_output

    from npmem.explorers._display import NOTE, STYLE

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    InteractiveShell.instance()
    box = strides_explorer()
    with capture_output() as shown:
        display(box)
    widget, image, note = shown.outputs
    assert "application/vnd.jupyter.widget-view+json" in widget.data
    assert base64.b64decode(image.data["image/png"]) == box.picture.png
    assert image.transient == {"display_id": box.picture.display_id}
    assert "run this cell" in note.data["text/html"] and note.data["text/html"] == NOTE
    live, style = box.children[-2:]
    assert isinstance(live, w.Image) and live is box.picture.image
    assert live.value == box.picture.png
    assert isinstance(style, w.HTML) and style.value == STYLE
    assert style.layout.display == "none" and ".npmem-explorer" in STYLE
    op = box.children[1].children[1]
    assert op.description == "view"
    with capture_output() as changed:
        op.value = "reversed rows"
    (update,) = changed.outputs
    assert update.update and update.transient == {"display_id": box.picture.display_id}
    assert base64.b64decode(update.data["image/png"]) == box.picture.png
    assert update.data["image/png"] != image.data["image/png"]
    assert live.value == box.picture.png


def test_arrow_labels_stay_in_the_lane_below_their_line():
    """Stride labels sit below the slots of their line and above the next line's byte
    numbers, however the buffer wraps (a 4x5 float64 transpose, a 6x6 diagonal)."""
    from npmem.explorers.strides import PITCH

    for args in [(4, 5, "float64", "C", "transpose"), (6, 6, "int8", "C", "diagonal (as_strided)")]:
        fig = figure_for(*args)
        ax = fig.axes[0]
        labels = [t for t in ax.texts if t.get_text().startswith(("axis", "next along"))]
        assert labels
        for t in labels:
            x, y = t.get_position()
            top_of_line = -PITCH * math.floor(-y / PITCH)  # the line whose lane holds it
            # (a label hangs ~0.3 below its anchor; the next line's byte numbers reach
            # 1.3 above that line's base)
            assert top_of_line - (PITCH - 1.6) < y < top_of_line, (args, t.get_text(), y)
        plt.close(fig)


def test_a_setting_seen_before_is_shown_without_drawing(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    box = strides_explorer()
    op = box.children[1].children[1]
    first = box.picture.png
    op.value = "reversed rows"
    assert box.picture.draws == 2 and box.picture.png != first
    op.value = "transpose"  # back to the first setting: from memory, the same picture
    assert box.picture.draws == 2 and box.picture.shows == 3 and box.picture.png == first


def _truth(base, op):
    """What NumPy says of the view ``op`` builds: 'raises', 'view' or 'copy'."""
    try:
        view = VIEW_OPS[op][1](base)
    except (IndexError, ValueError):
        return "raises"
    if view.size:
        return "view" if np.shares_memory(view, base) else "copy"
    # an empty result: a view when its .base is a's memory, never by shares_memory
    owner = base if base.base is None else base.base
    return "view" if view.base is not None and view.base is owner else "copy"


def test_every_setting_the_controls_allow_is_labelled_right():
    """rows and cols 1..6 (the sliders), every dtype, order and view: no setting raises,
    and the label says VIEW, COPY or NO VIEW as NumPy does."""
    seen = set()
    for rows in range(1, 7):
        for cols in range(1, 7):
            for dtype in DTYPES:
                for order in "CF":
                    for op in VIEW_OPS:
                        base, m = explore(rows, cols, dtype, order, op)
                        truth = _truth(base, op)
                        text = summary(m)
                        seen.add(truth)
                        if truth == "raises":
                            assert m.error and text.startswith("NO VIEW"), (rows, cols, op)
                        elif truth == "copy":
                            assert m.is_copy and "COPY" in text, (rows, cols, op, order)
                        else:
                            assert not m.is_copy and not m.error and "COPY" not in text
                            if 0 in m.shape:
                                assert "VIEW with no elements" in text
    assert seen == {"view", "copy", "raises"}


def test_empty_slice_is_a_view_not_a_copy():
    base, m = explore(1, 4, "int16", "C", "inner block")
    assert m.shape == (0, 3) and not m.is_copy and m.is_empty_view and m.touched == 0
    view = base[1:, 1:]
    assert m.start == view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    assert "VIEW with no elements" in summary(m) and "COPY" not in summary(m)


@pytest.mark.parametrize(
    "setting",
    [(3, 1, "int16", "C", "one column"), (1, 1, "int8", "F", "windows of 2 (memory order)")],
)
def test_a_setting_that_raises_is_drawn_with_its_message(setting):
    _, m = explore(*setting)
    assert m.error.split(":")[0] in ("IndexError", "ValueError")
    fig = figure_for(*setting)
    title = fig.axes[0].get_title(loc="left")
    assert "NO VIEW" in title and m.error in title
    plt.close(fig)


def test_the_widget_shows_a_message_for_a_setting_that_raises(monkeypatch):
    """Through the real controls: cols=1 with 'one column' replaces the picture."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    box = strides_explorer()
    rows_slider, cols_slider = box.children[0].children
    op = box.children[1].children[1]
    before = box.picture.png
    op.value = "one column"
    cols_slider.value = 1
    assert box.picture.png != before and "NO VIEW" in box.picture.figure.axes[0].get_title(
        loc="left"
    )


def test_follow_draws_the_error_of_any_figure_that_raises():
    import ipywidgets as w

    from npmem.explorers._display import Picture, follow

    def figure_for(n, fig=None):
        if n == 2:
            raise ZeroDivisionError("no picture for two")
        return figure_for_ok(fig)

    def figure_for_ok(fig):
        from npmem.explorers._display import reuse_figure

        fig, (ax,) = reuse_figure(fig, 2, 1, 1)
        ax.set_title("fine")
        return fig

    control = w.Dropdown(options=[1, 2], value=1)
    picture = Picture("test-follow")
    follow({"n": control}, picture, figure_for)
    good = picture.png
    control.value = 2
    assert picture.png != good
    texts = [t.get_text() for t in picture.figure.axes[0].texts]
    assert any("ZeroDivisionError: no picture for two" in t and "n=2" in t for t in texts)


@pytest.mark.parametrize("order", "CF")
def test_every_view_draws_at_the_smallest_and_largest_sizes(order):
    """The picture of every view, at the sliders' extremes, draws without raising; a
    setting that cannot be built is drawn with its message."""
    for rows, cols in [(1, 1), (1, 6), (6, 1), (6, 6)]:
        for op in VIEW_OPS:
            fig = figure_for(rows, cols, "int16", order, op)
            title = fig.axes[0].get_title(loc="left")
            _, m = explore(rows, cols, "int16", order, op)
            # (the title wraps its long lines to the figure's width)
            assert " ".join(summary(m).split()) in " ".join(title.split())
            assert ("NO VIEW" in title) == bool(m.error)
            plt.close(fig)
