"""The broadcasting explorer's logic agrees with NumPy, and its drawing shows what it says."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from npmem.broadcast import (  # noqa: E402
    DTYPES,
    SHAPES,
    align,
    broadcast_strides,
    grid_cells,
    pad,
    parse_shape,
)
from npmem.explorers import broadcasting as explorer  # noqa: E402


def _random_shapes(rng, count):
    for _ in range(count):
        yield tuple(int(n) for n in rng.integers(0, 4, size=int(rng.integers(0, 5))))


def _numpy_result(a, b):
    try:
        return np.broadcast_shapes(a, b)
    except ValueError:
        return None


def test_result_matches_numpy_on_many_shapes():
    rng = np.random.default_rng(0)
    shapes = list(_random_shapes(rng, 120)) + [parse_shape(s) for s in SHAPES]
    checked = clashes = 0
    for a, b in itertools.product(shapes[:60], shapes[60:]):
        al = align(a, b)
        expected = _numpy_result(a, b)
        assert al.result == expected, (a, b)
        assert al.ok == (expected is not None)
        assert (al.bad_axis is None) == al.ok
        checked += 1
        clashes += not al.ok
    assert checked > 1000 and clashes > 100


def test_error_message_is_numpys():
    for a, b in [((3, 4), (3,)), ((2, 1), (8, 4, 3)), ((0,), (3,))]:
        with pytest.raises(ValueError) as err:
            np.broadcast_shapes(a, b)
        assert align(a, b).message() == str(err.value)


def test_bad_axis_is_the_rightmost_clash():
    al = align((2, 3, 4), (5, 3, 6))
    assert al.bad_axis == 2
    al = align((2, 3, 4), (5, 4))
    assert al.bad_axis == 1 and al.ndim == 3
    al = align((7, 1, 4), (5, 4))
    assert al.bad_axis is None and al.result == (7, 5, 4)
    al = align((7, 2, 4), (5, 4))
    assert al.bad_axis == 1


def test_stretched_axes():
    al = align((2, 1, 4), (3, 1))
    assert al.padded == ((2, 1, 4), (None, 3, 1))
    assert al.stretched == ((False, True, False), (True, False, True))
    # a 1 against a 1 is not a stretch; a missing axis always is
    al = align((1, 1), (1,))
    assert al.stretched == ((False, False), (True, False))
    # a 1 against a 0 "stretches" to nothing
    al = align((1,), (0,))
    assert al.result == (0,) and al.stretched == ((True,), (False,))


def test_pad_and_parse():
    assert pad((3, 4), 4) == (None, None, 3, 4)
    with pytest.raises(ValueError):
        pad((1, 2, 3), 2)
    assert parse_shape("()") == ()
    assert parse_shape("(4,)") == (4,)
    assert parse_shape(" (2, 1, 4) ") == (2, 1, 4)
    assert parse_shape("2x3") == (2, 3)
    with pytest.raises(ValueError):
        parse_shape("(2, -1)")


def test_broadcast_strides_match_broadcast_to():
    rng = np.random.default_rng(1)
    for _ in range(300):
        a = tuple(int(n) for n in rng.integers(1, 4, size=int(rng.integers(0, 4))))
        b = tuple(int(n) for n in rng.integers(1, 4, size=int(rng.integers(0, 4))))
        target = _numpy_result(a, b)
        if target is None:
            continue
        base = np.zeros(a, dtype=str(rng.choice(["i1", "f4", "f8"])))
        for x in (base, base.T.copy().T, base[..., ::-1] if base.ndim else base):
            view = np.broadcast_to(x, target)
            got = broadcast_strides(x.shape, x.strides, target)
            want = view.strides
            for n, g, s in zip(target, got, want, strict=True):
                if n > 1:
                    assert g == s, (x.shape, x.strides, target)
    with pytest.raises(ValueError):
        broadcast_strides((3,), (8,), (2, 4))
    with pytest.raises(ValueError):
        broadcast_strides((2, 3), (24, 8), (3,))


def test_grid_cells_mark_stored_elements():
    al = align((3, 1), (4,))
    stored, source = grid_cells(al, 0)
    assert stored.shape == (3, 4)
    assert stored[:, 0].all() and not stored[:, 1:].any()
    assert (source == np.arange(3)[:, None]).all()
    stored, source = grid_cells(al, 1)
    assert stored[0].all() and not stored[1:].any()
    assert (source == np.arange(4)[None, :]).all()
    # stored cells are exactly the distinct elements of the operand's last two axes
    for a, b in [((2, 1, 4), (3, 1)), ((), (4,)), ((5, 1, 1), (3, 1)), ((3,), (1,))]:
        al = align(a, b)
        for k, shape in enumerate((a, b)):
            stored, source = grid_cells(al, k)
            own = shape[-2:] if len(shape) >= 2 else (1, shape[0]) if shape else (1, 1)
            assert stored.sum() == int(np.prod(own))
            assert sorted(source[stored].tolist()) == list(range(int(np.prod(own))))
    with pytest.raises(ValueError):
        grid_cells(align((3,), (4,)), 0)


def test_drawing_compatible_shapes():
    al = align((2, 1, 4), (3, 1))
    fig, ax = plt.subplots()
    drawn = explorer.draw_alignment(ax, al)
    assert len(drawn["axes"]) == 3 * 3
    assert len(drawn["stretched"]) == 3  # A axis -2, B axes -3 and -1
    assert drawn["bad"] == []
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "(2, 3, 4)" in texts and "(32, 0, 8)" in texts and "(0, 8, 0)" in texts
    plt.close(fig)
    fig, axes = plt.subplots(1, 3)
    drawn = explorer.draw_grids(list(axes), al)
    assert len(drawn["stored"]) == 4 + 3
    assert len(drawn["repeated"]) == 2 * 12 - 7
    assert len(drawn["result"]) == 12
    plt.close(fig)


def test_drawing_marks_the_clash():
    al = align((3, 4), (3,))
    fig, ax = plt.subplots()
    drawn = explorer.draw_alignment(ax, al)
    assert len(drawn["bad"]) == 3  # A's, B's and the result's axis -1
    assert all(
        r.get_facecolor()[:3] == matplotlib.colors.to_rgb(explorer.BAD) for r in drawn["bad"]
    )
    assert any("ValueError" in t.get_text() for t in ax.texts)
    plt.close(fig)
    fig, axes = plt.subplots(1, 3)
    drawn = explorer.draw_grids(list(axes), al)
    assert len(drawn["stored"]) == 12 + 3 and drawn["result"] == []
    plt.close(fig)


@pytest.mark.parametrize("a", ["()", "(3, 1)", "(2, 3, 4)"])
@pytest.mark.parametrize("b", ["(4,)", "(5, 1, 1)", "(4, 3)"])
def test_figure_for_every_kind_of_pair(a, b):
    fig = explorer.figure_for(a, b, "int16")
    assert len(fig.axes) == 4
    plt.close(fig)


def test_explorer_is_idle_when_headless(monkeypatch):
    import ipywidgets as w

    monkeypatch.setenv("NPMEM_HEADLESS", "1")
    assert isinstance(explorer.broadcasting_explorer(), w.HTML)


def test_explorer_widget(monkeypatch):
    import ipywidgets as w

    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    box = explorer.broadcasting_explorer()
    assert "npmem-explorer" in box._dom_classes
    dropdowns = [c for c in box.children[0].children if isinstance(c, w.Dropdown)]
    assert dropdowns and dropdowns[0].description == "A shape"
    before = box.picture.png
    dropdowns[0].value = "(2, 3, 4)"
    assert box.picture.draws == 2 and box.picture.png != before


def test_dtype_changes_the_picture_when_shapes_clash(monkeypatch):
    """Shapes that do not broadcast still show each operand's strides, which change with
    the dtype, so the picture is never the same for two dtypes."""
    import ipywidgets as w

    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    box = explorer.broadcasting_explorer()
    a, b = [c for c in box.children[0].children if isinstance(c, w.Dropdown)]
    a.value, b.value = "(3, 4)", "(4, 3)"
    seen = {box.picture.png}
    dtype = box.children[1]
    for d in DTYPES:
        if d != dtype.value:
            dtype.value = d
            seen.add(box.picture.png)
    assert len(seen) == len(DTYPES)
    fig = explorer.figure_for("(3, 4)", "(4, 3)", "int8")
    note = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "strides (4, 1)" in note and "ValueError" in note


def test_an_axis_that_stays_length_1_is_not_drawn_stretched():
    """(1, 4) with (4,): B's missing leading axis stays 1 in the result, so it is drawn
    plain as "(1)", not in the stretch colour as "(1)→1"."""
    fig, ax = plt.subplots()
    drawn = explorer.draw_alignment(ax, align(parse_shape("(1, 4)"), parse_shape("(4,)")))
    assert drawn["stretched"] == []
    stretch = matplotlib.colors.to_rgba(explorer.STRETCH)
    assert all(tuple(r.get_facecolor()) != stretch for r in drawn["axes"])
    plt.close(fig)
