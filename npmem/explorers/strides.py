"""Strides explorer: pick a shape, dtype, memory order and a view; see the buffer it reads."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..layout import DTYPES, VIEW_OPS, BufferMap, explore, summary
from ._display import Picture, bare, draw_labels, explorer_box, follow, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

PER_ROW = 12  # slots drawn per line of the strip
PITCH = 3.0  # height of one line of the strip: byte numbers, slots, and a lane for arrows
AXIS_COLORS = ("#1f77b4", "#2ca02c", "#9467bd")
UNITS_PER_INCH = 1.62  # data units per inch of figure (x: PER_ROW slots over ~7.8 in)


def _slot_xy(slot: int) -> tuple[float, float]:
    return float(slot % PER_ROW), -PITCH * (slot // PER_ROW)


#: width of one character of an 8-point label, in data units (about 4.8 pt of 72 per inch)
CHAR_WIDTH = 4.8 / 72 * UNITS_PER_INCH
LABEL_HEIGHT = 0.3  # one label's line in the lane, with its white box


def _free_y(placed: list, x: float, y: float, text: str) -> float:
    """``y``, or lower in steps of a label's height, so that a label of ``text`` centred on
    ``x`` covers none of the labels ``placed`` (``(x0, x1, y)``) on its line; records it."""
    half = 0.5 * CHAR_WIDTH * len(text) + 0.1
    while any(
        x - half < x1 and x0 < x + half and abs(y - yy) < LABEL_HEIGHT for x0, x1, yy in placed
    ):
        y -= LABEL_HEIGHT
    placed.append((x - half, x + half, y))
    return y


def _label(ax: Axes, x: float, y: float, text: str, color: str, **kw) -> None:
    ax.text(
        x,
        y,
        text,
        ha="center",
        va="top",
        fontsize=8,
        color=color,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.9},
        **kw,
    )


def draw_buffer(ax: Axes, m: BufferMap, title: str = "") -> list[Rectangle]:
    """Draw the base buffer as a strip of slots; returns the highlighted rectangles.

    Each line of the strip has the slots' byte offsets above it and, below it, a lane
    where the stride arrows run: an arrow joins the view's first element to the next one
    along each axis when both sit on the same line; when the next one is on another
    line, that slot is outlined in the axis' colour and the lane says where it is. So
    arrows and their labels never cover the byte numbers or another line's slots.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch, Rectangle

    highlighted = []
    ticks = []
    offsets, reads = [], []
    for slot, readers in enumerate(m.readers):
        x, y = _slot_xy(slot)
        on = bool(readers)
        rect = Rectangle(
            (x, y),
            0.92,
            0.9,
            facecolor="#f4a259" if on else "#eeeeee",
            edgecolor="#333333",
            linewidth=1.2 if on else 0.6,
        )
        ax.add_artist(rect)
        if on:
            highlighted.append(rect)
        # byte ticks inside the slot: one per byte of the item
        ticks += [
            [(x + 0.92 * b / m.itemsize, y), (x + 0.92 * b / m.itemsize, y + 0.12)]
            for b in range(1, m.itemsize)
        ]
        offsets.append((x + 0.46, y + 1.0, f"{slot * m.itemsize}"))
        if on:
            label = ",".join(str(r) for r in readers[:3]) + ("…" if len(readers) > 3 else "")
            reads.append((x + 0.46, y + 0.45, label))
    draw_labels(ax, offsets, fontsize=8, color="#555555", va="bottom")
    draw_labels(ax, reads, fontsize=9)
    if ticks:
        ax.add_collection(LineCollection(ticks, colors="#999999", linewidths=0.5))
    start_slot = m.start // m.itemsize
    x0, y0 = _slot_xy(start_slot)
    placed: list = []  # labels in the lanes, so the next one moves down past them
    for axis, (n, stride) in enumerate(zip(m.shape, m.strides, strict=True)):
        if n < 2 or not m.touched:  # no arrows for a copy, an empty view or no view
            continue
        target = start_slot + stride // m.itemsize
        if not 0 <= target < m.n_slots or target == start_slot:
            continue
        color = AXIS_COLORS[axis % 3]
        text = f"axis {axis}: {stride:+d} B"
        x1, y1 = _slot_xy(target)
        depth = 0.5 + 0.55 * axis
        if y1 == y0:
            d = abs(x1 - x0)
            rad = min(2 * depth / d, 1.0)
            ax.add_artist(
                FancyArrowPatch(
                    (x0 + 0.46, y0 - 0.04),
                    (x1 + 0.46, y1 - 0.04),
                    connectionstyle=f"arc3,rad={rad if x1 > x0 else -rad}",
                    arrowstyle="-|>",
                    mutation_scale=10,
                    color=color,
                )
            )
            x = (x0 + x1) / 2 + 0.46
            _label(ax, x, _free_y(placed, x, y0 - 0.1 - rad * d / 2, text), text, color)
        else:
            ax.add_artist(
                Rectangle(
                    (x1 - 0.04, y1 - 0.04), 1.0, 0.98, fill=False, edgecolor=color, linewidth=2.2
                )
            )
            nxt = f"next along axis {axis}"
            y = _free_y(placed, x1 + 0.46, y1 - 0.12, nxt)
            _label(ax, x1 + 0.46, y, nxt, color, fontstyle="italic")
            where = "below" if y1 < y0 else "above"
            far = f"{text}: slot at byte {target * m.itemsize} (outlined, {where})"
            x = min(max(x0 + 0.46, 2.4), PER_ROW - 2.4)
            _label(ax, x, _free_y(placed, x, y0 - 0.12 - 0.55 * (axis + 1), far), far, color)
    rows = (m.n_slots + PER_ROW - 1) // PER_ROW
    ax.set_xlim(-0.3, PER_ROW + 0.3)
    ax.set_ylim(-PITCH * (rows - 1) - 1.9, 1.35)
    ax.set_aspect("equal")
    ax.set_anchor("NW")
    bare(ax)
    if title:
        ax.set_title(title, fontsize=9, loc="left")
    return highlighted


def figure_for(
    rows: int, cols: int, dtype: str, order: str, op: str, fig: Figure | None = None
) -> Figure:
    """The explorer's picture for one choice of controls (drawn into ``fig`` if given)."""
    _, m = explore(rows, cols, dtype, order, op)
    expr, _ = VIEW_OPS[op]  # explore() reports a setting that raises in m.error
    n_lines = (m.n_slots + PER_ROW - 1) // PER_ROW
    data_height = (PITCH * (n_lines - 1) + 3.25) / UNITS_PER_INCH
    title = "\n".join(
        textwrap.fill(
            line, 125, subsequent_indent="    ", break_on_hyphens=False, break_long_words=False
        )
        for line in (
            f"a = {rows}x{cols} {dtype}, order={order!r};  view = {expr}\n{summary(m)}\n"
            "orange = items the view reads, numbered in the order it reads them; "
            "numbers above = byte offsets"
        ).split("\n")
    )
    title_height = 0.2 * (title.count("\n") + 1) + 0.02
    height = data_height + title_height + 0.1
    fig, (ax,) = reuse_figure(fig, 8, height, 1)
    ax.set_position((0.01, 0.02, 0.98, data_height / height))
    draw_buffer(ax, m, title)
    return fig


def strides_explorer():
    """Return the explorer widget (or a short note when no one can interact with it)."""
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Strides explorer: open this notebook in JupyterLab to use it.</i>")
    controls = {
        "rows": w.IntSlider(value=3, min=1, max=6, description="rows"),
        "cols": w.IntSlider(value=4, min=1, max=6, description="cols"),
        "dtype": w.Dropdown(options=DTYPES, value="int16", description="dtype"),
        "order": w.ToggleButtons(options=["C", "F"], value="C", description="order"),
        "op": w.Dropdown(options=list(VIEW_OPS), value="transpose", description="view"),
    }
    picture = Picture("strides")
    follow(controls, picture, figure_for)
    return explorer_box(
        [
            w.HBox([controls["rows"], controls["cols"]]),
            w.HBox([controls["dtype"], controls["op"]]),
            controls["order"],
        ],
        picture,
    )
