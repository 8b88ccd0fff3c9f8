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
legend entries, figure texts): their boxes, as drawn, must be inside the figure and must
not overlap one another by more than a pixel.
"""

from __future__ import annotations

import itertools
from unittest import mock

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from npmem import broadcast, dtype_bits, layout, memmap_blocks, memwatch, views  # noqa: E402
from npmem.explorers import broadcasting, dtypes, leaks, memmap, strides  # noqa: E402
from npmem.explorers import views as views_explorer  # noqa: E402

SLACK = 1.0  # pixels two boxes may share, and a box may stand past the figure's edge


def text_problems(fig: Figure) -> list[str]:
    """Overlapping texts and texts past the figure's edges, as drawn (a tick label
    outside its axis' view is not drawn, so it is not counted)."""
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
    problems = []
    for s, b in boxes:
        if (
            b.x0 < frame.x0 - SLACK
            or b.y0 < frame.y0 - SLACK
            or b.x1 > frame.x1 + SLACK
            or b.y1 > frame.y1 + SLACK
        ):
            problems.append(f"past the figure: {s!r}")
    for (s, a), (t, b) in itertools.combinations(boxes, 2):
        dx = min(a.x1, b.x1) - max(a.x0, b.x0)
        dy = min(a.y1, b.y1) - max(a.y0, b.y0)
        if dx > SLACK and dy > SLACK:
            problems.append(f"overlap: {s!r} and {t!r}")
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
