"""Every explorer's picture, at every setting its controls allow: no two texts overlap, and
none runs past the figure.

Each explorer's ``figure_for`` is drawn (Agg, as the widget draws it) for every option of
every dropdown and toggle, and for the ends and the telling values of every slider (a
float slider has thousands of positions; its text changes at the ones drawn here). To
stay quick, options are combined where their texts meet: the strides explorer draws
every order and view at the sliders' ends and the crowded shapes for its widest dtype,
and every dtype with every view at the default shape (a label's width depends on the
dtype only through its byte counts); the broadcasting explorer draws every shape with
itself and against the longest shapes. The memmap and leak explorers draw measurements:
they are given made-up passes and traces with the extremes a measurement can show (the
largest growth, a peak at the very end, a fall below the start), so no file is read and
nothing is measured.

The texts are matplotlib ``Text`` artists (titles, labels, annotations, tick labels,
legend entries, figure texts) and the short labels an explorer draws as glyph outlines
(``_drawing.Labels``: slot numbers, byte offsets, bits, sizes): their boxes, as drawn,
must be inside the figure and must not overlap one another by more than a pixel.

The explorers' canvas draws each line of text as one bitmap, kept for later drawings
(``_drawing.TextCacheRenderer``); the last tests check that it draws every text where
matplotlib's own Agg canvas draws it, and as much of it.
"""

from __future__ import annotations

import itertools
from unittest import mock

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from npmem import broadcast, dtype_bits, layout, memmap_blocks, memwatch, views  # noqa: E402
from npmem.explorers import (  # noqa: E402
    _display,  # noqa: E402
    _drawing,
    broadcasting,
    dtypes,
    leaks,
    memmap,
    strides,
)
from npmem.explorers import views as views_explorer  # noqa: E402
from npmem.explorers._display import draw_labels  # noqa: E402
from npmem.explorers._drawing import Labels  # noqa: E402

SLACK = 1.0  # pixels two boxes may share, and a box may stand past the figure's edge


_OUTLINES: dict[int, tuple] = {}


def _outline_box(path) -> Bbox:
    """The box of a glyph outline (``_display`` keeps one outline per label text, so it
    is measured once: the exact box of its curves takes a while)."""
    if id(path) not in _OUTLINES:
        _OUTLINES[id(path)] = (path, path.get_extents())  # (the path kept: its id stays)
    return _OUTLINES[id(path)][1]


def label_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """The ink box, in pixels, of every label the explorers draw as glyph outlines
    (``_drawing.Labels``), after a draw has placed the axes."""
    boxes = []
    for ax in fig.axes:
        for coll in ax.collections:
            if not isinstance(coll, Labels):
                continue
            glyphs = coll.get_transform()  # points to pixels, about the label's anchor
            for path, text, pos in zip(coll.get_paths(), coll.texts, coll.positions, strict=True):
                box = _outline_box(path).transformed(glyphs)
                x, y = ax.transData.transform(pos)
                boxes.append(
                    (text, Bbox.from_extents(box.x0 + x, box.y0 + y, box.x1 + x, box.y1 + y))
                )
    return boxes


def text_problems(fig: Figure) -> list[str]:
    """Overlapping texts and texts past the figure's edges, as drawn (a tick label
    outside its axis' view is not drawn, so it is not counted); the labels drawn as
    glyph outlines count as texts."""
    drawn: list[Text] = []
    real_draw = Text.draw

    def recording_draw(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return real_draw(self, renderer)

    with mock.patch.object(Text, "draw", recording_draw):
        fig.draw_without_rendering()  # the layout of a draw, without its pixels
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    boxes = []
    for text in dict.fromkeys(drawn):  # an annotation draws through Text.draw as well
        box = text.get_window_extent(renderer)
        if box.width <= 0 or box.height <= 0:
            continue
        boxes.append((text.get_text(), box))
    boxes += label_boxes(fig)
    problems = []
    for s, b in boxes:
        if (
            b.x0 < frame.x0 - SLACK
            or b.y0 < frame.y0 - SLACK
            or b.x1 > frame.x1 + SLACK
            or b.y1 > frame.y1 + SLACK
        ):
            problems.append(f"past the figure: {s!r}")
    if len(boxes) > 1:  # every pair at once (a picture has up to a hundred labels)
        x0, y0, x1, y1 = np.array([b.extents for _, b in boxes]).T
        dx = np.minimum.outer(x1, x1) - np.maximum.outer(x0, x0)
        dy = np.minimum.outer(y1, y1) - np.maximum.outer(y0, y0)
        for i, j in zip(*np.nonzero(np.triu((dx > SLACK) & (dy > SLACK), k=1)), strict=True):
            problems.append(f"overlap: {boxes[i][0]!r} and {boxes[j][0]!r}")
    return problems


def _check(settings, draw) -> None:
    fig = None
    failures = []
    for setting in settings:
        fig = draw(*setting, fig)
        name = tuple(x for x in setting if isinstance(x, (str, int, float)))
        failures += [f"{name}: {p}" for p in text_problems(fig)]
    assert not failures, f"{len(failures)} problems, e.g.\n" + "\n".join(failures[:15])


#: the sliders' ends and the shapes where labels crowd (one row, two by two, full width)
STRIDES_SHAPES = [(1, 1), (1, 3), (1, 6), (2, 2), (2, 3), (3, 6), (6, 1), (6, 6)]


def test_strides_texts():
    settings = [
        (r, c, "float64", order, op)
        for (r, c), order, op in itertools.product(STRIDES_SHAPES, ("C", "F"), layout.VIEW_OPS)
    ]
    settings += [(3, 4, dtype, "C", op) for dtype in layout.DTYPES for op in layout.VIEW_OPS]
    _check(settings, lambda r, c, d, o, op, fig: strides.figure_for(r, c, d, o, op, fig=fig))


def test_dtypes_texts():
    values = (-300, -129, 0.25, 127.75, 255.75, 300)
    powers = (-30, 0, 20)
    settings = [
        (dtype, value, power, dtype_bits.SIZES[-1])
        for dtype, value, power in itertools.product(dtype_bits.DTYPES, values, powers)
    ]
    settings += [(dtype, 100, 0, n) for dtype in dtype_bits.DTYPES for n in dtype_bits.SIZES]
    _check(settings, lambda d, v, p, n, fig: dtypes.figure_for(d, v, p, n, fig=fig))


def test_broadcasting_texts():
    longest = sorted(broadcast.SHAPES, key=len)[-3:]  # the others against the longest
    pairs = {(a, b) for a in broadcast.SHAPES for b in longest}
    pairs |= {(b, a) for a, b in pairs} | {(a, a) for a in broadcast.SHAPES}
    settings = [(a, b, "float64") for a, b in sorted(pairs)]
    settings += [("(3, 1)", "(4,)", dtype) for dtype in broadcast.DTYPES]
    _check(settings, lambda a, b, d, fig: broadcasting.figure_for(a, b, d, fig=fig))


def test_views_texts():
    exprs = [*views.EXPRESSIONS, "a"]  # "a": what the typed entry draws when empty
    settings = [
        (expr, rows, cols, "float64")
        for expr, (rows, cols) in itertools.product(exprs, [(3, 3), (3, 6), (6, 6)])
    ]
    settings += [("a[1:, ::2]", 3, 4, dtype) for dtype in views.DTYPES]
    _check(settings, lambda e, r, c, d, fig: views_explorer.figure_for(e, r, c, d, fig=fig))


def _made_up_pass(chunk: int, pattern: str, growth: float) -> memmap_blocks.Pass:
    """A pass over the explorer's file whose RSS grows by ``growth`` x the bytes read
    (a little more than the file in all: the largest numbers a title can show)."""
    size = memmap.FILE_SIZE
    n = size // chunk
    blocks = tuple(memmap_blocks.split_blocks(size, chunk))
    order = tuple(memmap_blocks.access_order(n, pattern))
    start = 300 * memmap_blocks.MiB
    rss = tuple(start + int(growth * k * chunk) for k in range(n + 1))
    return memmap_blocks.Pass(file_size=size, blocks=blocks, order=order, rss=rss)


def test_memmap_texts():
    settings = []
    for (label, chunk), pattern, growth in itertools.product(
        memmap.CHUNK_SIZES.items(), memmap_blocks.PATTERNS, (1.02, 0.0, -0.01)
    ):
        p = _made_up_pass(chunk, pattern, growth)
        settings += [(p, steps, label, pattern) for steps in sorted({0, len(p.order)})]
    _check(settings, lambda p, s, c, pat, fig: memmap.figure_for(p, s, c, pat, fig=fig))


def _made_up_traces(name: str, mib: int, shape: str) -> tuple[memwatch.Trace, memwatch.Trace]:
    """Traces of a 40-step run of ``mib`` MiB per step: the leaky one rises to its peak
    at the very end (or mid-way), the fixed one stays near its start (or dips below)."""
    times = np.linspace(0, 0.4 * mib, 81)
    rise = np.linspace(0, 40 * mib, 81) * memwatch.MiB
    if shape == "mid":
        rise = np.minimum(rise, rise[::-1])
    flat = np.where(np.arange(81) % 2, 1.0, -1.0) * mib * memwatch.MiB
    if shape == "dip":
        flat = -np.linspace(0, 3 * mib, 81) * memwatch.MiB
    start = 500 * memwatch.MiB
    scenario = memwatch.SCENARIOS[name]
    leaky = memwatch.Trace(times, start + rise, label=scenario.leaky_label)
    fixed = memwatch.Trace(times, start + flat + mib * memwatch.MiB, label=scenario.fixed_label)
    return leaky, fixed


def test_leaks_texts():
    settings = []
    for name, mib, shape in itertools.product(
        memwatch.SCENARIOS, range(1, leaks.MAX_CHUNK_MIB + 1), ("end", "mid", "dip")
    ):
        settings.append((name, *_made_up_traces(name, mib, shape)))
    _check(
        settings,
        lambda name, a, b, fig: leaks.figure_for(name, a, b, pyplot=False, fig=fig),
    )


@pytest.mark.parametrize(
    "draw",
    [
        lambda: strides.figure_for(3, 4, "int16", "C", "transpose"),
        lambda: views_explorer.figure_for("a[1:, ::2]"),
    ],
)
def test_the_check_sees_an_overlap(draw):
    """The check itself: a text put on top of another is reported."""
    fig = draw()
    fig.text(0.01, 0.5, "an overlapping text")
    fig.text(0.02, 0.5, "another overlapping text")
    fig.text(0.99, 0.5, "past the right edge", ha="left")
    problems = text_problems(fig)
    assert any(p.startswith("overlap") for p in problems)
    assert any(p.startswith("past the figure") for p in problems)


def test_the_check_sees_an_overlapping_label():
    """The check itself: a glyph-outline label on another label, or past the figure's
    edge, is reported (the labels of the views explorer's cells are such labels)."""
    fig = views_explorer.figure_for("a[1:, ::2]")
    assert not text_problems(fig)
    ax = fig.axes[0]
    (x, y), text = next(
        (pos, t)
        for c in ax.collections
        if isinstance(c, Labels)
        for pos, t in zip(c.positions, c.texts, strict=True)
    )
    draw_labels(ax, [(x, y, f"{text}{text}")])
    draw_labels(ax, [(ax.get_xlim()[1] * 50, y, "far right")])
    problems = text_problems(fig)
    assert any(p.startswith("overlap") and f"'{text}{text}'" in p for p in problems), problems
    assert any(p == "past the figure: 'far right'" for p in problems), problems


def _pixels(fig: Figure, canvas) -> np.ndarray:
    """The figure drawn by ``canvas`` (a canvas class), as grey levels of ink (0: none)."""
    canvas(fig)
    fig.canvas.draw()
    return 255.0 - np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2)


def test_text_is_drawn_where_matplotlib_draws_it():
    """The explorers' canvas (one cached bitmap per line of text) draws each text where
    matplotlib's Agg canvas does, within a pixel and a half, with as much ink: every
    alignment, several sizes, multi-line, rotated, and the same string twice (the second
    from the cache)."""
    fig = Figure(figsize=(6, 4), dpi=_display.DPI)
    texts = [
        fig.text(0.02, 0.9, "strides (8, 2) bytes", fontsize=9),
        fig.text(0.98, 0.9, "strides (8, 2) bytes", fontsize=12, ha="right", va="top"),
        fig.text(0.5, 0.7, "a[1:, ::2] -> VIEW", fontsize=8, ha="center", va="center"),
        fig.text(0.1, 0.45, "two lines\nof a title", fontsize=9, va="baseline"),
        fig.text(0.5, 0.35, "peak +80.0 MiB", fontsize=8, color="#d62728", ha="left"),
        fig.text(0.9, 0.3, "RSS above start (MiB)", fontsize=9, rotation=90, va="center"),
        fig.text(0.3, 0.1, "boxed: +4 B", fontsize=8, bbox={"facecolor": "white", "pad": 0.6}),
    ]
    _drawing.forget_texts()
    stock = _pixels(fig, FigureCanvasAgg)
    ours = _pixels(fig, _drawing.ExplorerCanvas)
    assert _drawing.TextCacheRenderer.usable and len(_drawing._TEXTS) >= 8
    renderer = fig.canvas.get_renderer()
    ys, xs = np.mgrid[0 : stock.shape[0], 0 : stock.shape[1]]
    height = stock.shape[0]
    for text in texts:
        box = text.get_window_extent(renderer).padded(3)
        rows = slice(max(int(height - box.y1), 0), int(height - box.y0) + 1)
        cols = slice(max(int(box.x0), 0), int(box.x1) + 1)
        a, b = stock[rows, cols], ours[rows, cols]
        assert a.sum() > 0 and abs(b.sum() - a.sum()) < 0.05 * a.sum(), text.get_text()
        for grid in (xs[rows, cols], ys[rows, cols]):
            shift = (grid * b).sum() / b.sum() - (grid * a).sum() / a.sum()
            assert abs(shift) < 1.5, (text.get_text(), shift)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: strides.figure_for(3, 4, "int16", "C", "transpose"),
        lambda: leaks.figure_for(
            "unbounded cache", *_made_up_traces("unbounded cache", 2, "end"), False
        ),
    ],
)
def test_an_explorer_picture_is_drawn_as_matplotlib_draws_it(draw):
    """A whole picture (tick labels, a rotated axis label, titles): as much ink as Agg's,
    in the same places; a second drawing, from the cache, is the same picture."""
    fig = draw()
    stock = _pixels(fig, FigureCanvasAgg)
    ours = _pixels(fig, _drawing.ExplorerCanvas)
    again = _pixels(fig, _drawing.ExplorerCanvas)
    assert abs(ours.sum() - stock.sum()) < 0.01 * stock.sum()
    # in blocks of 4x4 pixels (text placed on whole pixels moves by less than one): the
    # whole picture one pixel off would differ by more than 2 grey levels of 255
    assert np.abs(_blocks(ours) - _blocks(stock)).mean() < 1.0
    assert np.array_equal(ours, again)


def _blocks(a: np.ndarray, k: int = 4) -> np.ndarray:
    h, w = a.shape[0] // k * k, a.shape[1] // k * k
    return a[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))
