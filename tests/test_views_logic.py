"""The views explorer's logic (view or copy, shared cells, base chain) and its drawing."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from npmem.explorers import views as explorer  # noqa: E402
from npmem.views import (  # noqa: E402
    DTYPES,
    EXPRESSIONS,
    VERDICTS,
    ExpressionError,
    analyse,
    base_chain,
    check_expression,
    evaluate,
    make_base,
    summary,
)


def test_base_owns_its_numbered_buffer():
    for dtype in DTYPES:
        a = make_base(3, 5, dtype)
        assert a.flags.owndata and a.flags.c_contiguous
        assert a.dtype == np.dtype(dtype) and a.shape == (3, 5)
        assert a.ravel().tolist() == list(range(15))
    with pytest.raises(ValueError):
        make_base(0, 3)


@pytest.mark.parametrize("expr", list(EXPRESSIONS))
def test_every_menu_expression_agrees_with_numpy(expr):
    rows, cols = 4, 5
    info = analyse(expr, rows, cols, "int32")
    a = make_base(rows, cols, "int32")
    try:
        result = eval(expr, {"np": np, "a": a})
    except ValueError:
        assert info.kind == "error" and "ValueError" in info.error
        return
    if not isinstance(result, np.ndarray):
        assert info.kind == "scalar"
        assert info.cells.ravel().tolist().count(0) == 1 and info.used == 1
        return
    is_view = np.shares_memory(result, a)
    assert info.kind == ("view" if is_view else "copy")
    assert info.shape == result.shape and info.strides == result.strides
    assert info.owns_data == result.flags.owndata
    assert info.writeable == result.flags.writeable
    # the cells marked are exactly those whose values the result holds (a holds 0..n-1)
    assert sorted(np.flatnonzero(info.cells >= 0).tolist()) == sorted(set(result.ravel().tolist()))
    first = np.flatnonzero(info.cells == 0)
    assert first.tolist() == [int(result.ravel()[0])]


def _kind(expr: str, a: np.ndarray) -> str:
    try:
        result = eval(expr, {"np": np, "a": a})
    except ValueError:
        return "error"
    if not isinstance(result, np.ndarray):
        return "scalar"
    return "view" if np.shares_memory(result, a) else "copy"


@pytest.mark.parametrize("order", ["C", "F"])
def test_menu_labels_say_what_numpy_does_for_c_and_f_bases(order):
    """Each menu line's view/copy claim, for the C-ordered a the explorer draws and for an
    F-ordered one (the lines name the F case where it differs)."""
    assert set(VERDICTS) == set(EXPRESSIONS)
    column = "CF".index(order)
    for rows in range(3, 7):
        for cols in range(3, 7):
            a = np.asarray(make_base(rows, cols, "int16"), order=order)
            assert a.flags.owndata or order == "F"
            for expr, verdicts in VERDICTS.items():
                assert _kind(expr, a) == verdicts[column], (order, rows, cols, expr)
    for expr, (c_kind, f_kind) in VERDICTS.items():
        label = EXPRESSIONS[expr]
        named = {"view": "view", "copy": "cop", "error": "error", "scalar": "scalar"}
        assert named[c_kind] in label, (expr, label)
        if f_kind != c_kind and expr != "np.reshape(a.T, -1, copy=False)":
            assert "F-ordered" in label and named[f_kind] in label, (expr, label)
    # the claims about .base in the menu
    a = make_base(3, 4)
    assert a[:, [0, 2]].base is not None and a[1:][:, ::2].base is a
    assert not np.diagonal(a).flags.writeable


def test_view_cells_follow_the_strides():
    info = analyse("a[1:, ::2]", 3, 4, "int16")
    assert info.kind == "view"
    assert info.start == 4 * 2  # one row of four int16
    assert info.strides == (8, 4)
    expected = np.full((3, 4), -1)
    expected[1, 0], expected[1, 2], expected[2, 0], expected[2, 2] = 0, 1, 2, 3
    np.testing.assert_array_equal(info.cells, expected)
    assert info.used == 4


def test_reversed_view_starts_at_the_last_row():
    info = analyse("a[::-1]", 3, 4, "float64")
    assert info.kind == "view"
    assert info.start == 2 * 4 * 8
    assert info.strides == (-32, 8)
    assert info.cells[2, 0] == 0 and info.cells[0, 3] == 11


def test_copies_mark_the_cells_they_copied():
    info = analyse("a[a % 3 == 0]", 3, 4)
    assert info.kind == "copy" and info.start is None
    assert np.flatnonzero(info.cells >= 0).tolist() == [0, 3, 6, 9]
    assert info.values.tolist() == [[0, 3, 6, 9]]


def test_base_chain_names_the_owner():
    info = analyse("a[1:][:, ::2]", 3, 4)
    assert len(info.base_chain) == 2
    assert info.base_chain[0].startswith("result")
    assert info.base_chain[1].startswith("a:") and "owns its data" in info.base_chain[1]
    # fancy indexing on a column: a copy whose .base is a hidden buffer, not a
    chain = analyse("a[:, [0, 2]]", 3, 4).base_chain
    assert len(chain) == 2 and chain[1].startswith("another array")
    # a copy that owns its data has no base
    assert analyse("a.flatten()", 3, 4).base_chain == (
        "result: shape (12,), strides (2,), owns its data",
    )
    a = make_base(2, 2)
    assert "the result is a itself" in base_chain(a, a)[0]


def test_read_only_views_are_reported():
    info = analyse("np.diagonal(a)", 3, 4)
    assert info.kind == "view" and not info.writeable
    assert "writeable=False" in summary(info)


def test_copy_false_reports_the_error():
    info = analyse("np.reshape(a.T, -1, copy=False)")
    assert info.kind == "error" and info.error.startswith("ValueError")
    assert info.used == 0
    assert "ValueError" in summary(info)


def test_typed_expressions_are_checked():
    check_expression("a[(a > 2) & (a < 8)]")
    check_expression("np.reshape(a, (2, -1), order='F')")
    check_expression("a[..., None]")
    for bad in [
        "a + 1",
        "open('x')",
        "__import__('os')",
        "a.__class__",
        "np.save('x', a)",
        "a.reshape(-1, dtype=int)",
        "b[0]",
        "lambda: a",
        "a[",
        "a[1.5]",
    ]:
        with pytest.raises(ExpressionError):
            check_expression(bad)
    assert evaluate("a[:, 1]", make_base(2, 3)).tolist() == [1, 4]


def test_bad_expressions_become_error_infos():
    assert analyse("a + 1").kind == "error"
    info = analyse("a[9]", 3, 4)
    assert info.kind == "error" and "IndexError" in info.error


def test_summary_says_view_or_copy():
    assert "VIEW" in summary(analyse("a.T"))
    assert "COPY" in summary(analyse("a[[0, 2]]"))
    assert "SCALAR" in summary(analyse("a[1, 2]"))


def _rects(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


@pytest.mark.parametrize(
    "expr,kind", [("a[1:, ::2]", "view"), ("a[[0, 2]]", "copy"), ("a[1, 2]", "scalar")]
)
def test_drawing_has_one_box_per_cell(expr, kind):
    fig = explorer.figure_for(expr, 3, 4, "int16")
    try:
        left, right = fig.axes
        info = analyse(expr, 3, 4, "int16")
        assert info.kind == kind
        assert len(_rects(left)) == 12
        assert len(_rects(right)) == info.values.size
        on = matplotlib.colors.to_rgba(explorer.COLOURS[kind])
        assert sum(r.get_facecolor() == on for r in _rects(left)) == info.used
        texts = " ".join(t.get_text() for t in fig.texts)
        assert expr in texts
    finally:
        plt.close(fig)


def test_drawing_an_error_draws_no_result():
    fig = explorer.figure_for("np.reshape(a.T, -1, copy=False)", 3, 3)
    try:
        left, right = fig.axes
        assert len(_rects(left)) == 9 and not _rects(right)
        assert "ValueError" in " ".join(t.get_text() for t in fig.texts)
    finally:
        plt.close(fig)


def test_explorer_is_a_note_when_headless(monkeypatch):
    import ipywidgets as w

    monkeypatch.setenv("NPMEM_HEADLESS", "1")
    assert isinstance(explorer.views_explorer(), w.HTML)


def test_explorer_widget_redraws_on_the_first_dropdown(monkeypatch):
    import ipywidgets as w

    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    drawn = []
    real = explorer.figure_for

    def spy(expr, *args, **kw):
        drawn.append(expr)
        return real(expr, *args, **kw)

    monkeypatch.setattr(explorer, "figure_for", spy)
    box = explorer.views_explorer()
    assert "npmem-explorer" in box._dom_classes
    dropdowns = [c for c in box.children if isinstance(c, w.Dropdown)]
    assert dropdowns, "the first control must be the expression Dropdown"
    dropdowns[0].value = "a[[0, 2]]"
    assert drawn[-1] == "a[[0, 2]]"
    typed = next(c for c in box.children if isinstance(c, w.Text))
    typed.value = "a[::2, [1, 3]]"
    assert drawn[-1] == "a[::2, [1, 3]]"
    assert dropdowns[0].value == explorer.TYPED  # the menu says a typed one is drawn
    typed.value = "a.T"  # a menu expression typed: the menu shows it
    assert dropdowns[0].value == "a.T" and drawn[-1] == "a.T"
    typed.value = "a[::2, [1, 3]]"
    dropdowns[0].value = "a[1]"  # a menu choice clears the typed expression
    assert typed.value == "" and drawn[-1] == "a[1]"
    assert box.picture.draws == len(drawn)
    assert os.environ.get("NPMEM_HEADLESS") is None


def test_every_setting_the_controls_allow_is_labelled_right():
    """Every menu expression, dtype and size the sliders allow (3..6): analyse never
    raises, and its kind is what NumPy does (VERDICTS, checked against NumPy above)."""
    for expr in EXPRESSIONS:
        for dtype in DTYPES:
            for rows in range(3, 7):
                for cols in range(3, 7):
                    info = analyse(expr, rows, cols, dtype)
                    assert info.kind == VERDICTS[expr][0], (expr, dtype, rows, cols)
                    assert summary(info)


@pytest.mark.parametrize(
    ("expr", "kind"),
    [
        ("a[1:1]", "view"),
        ("a[:, 3:3]", "view"),
        ("a[5:]", "view"),
        ("a[::-1][:0]", "view"),
        ("a.T[:, :0]", "view"),
        ("a.reshape(-1)[4:2]", "view"),
        ("a[[0, 2]][:0]", "copy"),
        ("a.flatten()[:0]", "copy"),
        ("a[a > 100]", "copy"),
        ("a[[]]", "copy"),
    ],
)
def test_empty_results_are_labelled_by_ownership_not_shared_bytes(expr, kind):
    """np.shares_memory is False for any empty array; an empty basic slice is still a view
    (its .base is a), and the empty result of a copy is still a copy."""
    info = analyse(expr, 3, 4, "int16")
    a = make_base(3, 4, "int16")
    result = eval(expr, {"np": np, "a": a})
    assert result.size == 0 and not np.shares_memory(result, a)
    assert (result.base is a) == (kind == "view")
    assert info.kind == kind and info.used == 0
    text = summary(info)
    assert ("VIEW with no elements" in text) == (kind == "view")
    assert ("COPY" in text) == (kind == "copy")


def test_typed_expressions_that_raise_say_why():
    for expr in ["a[:, 9]", "a.reshape(5)", "np.reshape(a.T, -1, copy=False)", "a[0, 0, 0]"]:
        info = analyse(expr, 3, 4, "int16")
        assert info.kind == "error" and info.error.split(":")[0] in ("IndexError", "ValueError")
        assert info.error in summary(info)


@pytest.mark.parametrize("size", [3, 6])
def test_every_menu_expression_draws_at_the_sliders_extremes(size):
    for expr in EXPRESSIONS:
        info = analyse(expr, size, size, "int16")
        fig = explorer.figure_for(expr, size, size, "int16")
        assert info.expr in fig.texts[0].get_text()
        plt.close(fig)
    for expr in ["a[1:1]", "a[:, 9]"]:  # an empty view and an error draw too
        fig = explorer.figure_for(expr, size, size, "int16")
        assert summary(analyse(expr, size, size, "int16")) == fig.texts[0].get_text()
        plt.close(fig)


def test_a_itself_is_not_called_a_view():
    """The expression ``a`` gives a itself: the summary and the picture say so."""
    from npmem import views as logic
    from npmem.explorers import views as explorer

    info = logic.analyse("a", 3, 4, "int16")
    text = logic.summary(info)
    assert "VIEW" not in text and "ITSELF" in text
    fig = explorer.figure_for("a")
    assert "a itself" in fig.axes[1].get_title(loc="left")
