"""Dtypes explorer: pick a dtype and a value; see its bits, and what N elements cost."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..dtype_bits import (
    DTYPES,
    LIST_SAMPLE,
    SIZES,
    Stored,
    decode_float,
    describe,
    human_bytes,
    memory_table,
    store,
)
from ._display import Picture, bare, draw_labels, explorer_box, follow, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

COLORS = {
    "sign": "#e15759",
    "value": "#f4a259",
    "exponent": "#4e79a7",
    "mantissa": "#59a14f",
}
STEP = 0.25  # the value slider's step
STATUS_COLORS = {
    "wrapped": "#c0392b",
    "undefined": "#c0392b",
    "overflow": "#c0392b",
    "underflow": "#c0392b",
}


def draw_bits(ax: Axes, s: Stored) -> list[Rectangle]:
    """Draw the item's bits as boxes coloured by field; returns one rectangle per bit."""
    from matplotlib.patches import Rectangle

    boxes = []
    digits = []
    per_row = 16
    for field in s.fields:
        for k in range(field.start, field.stop):
            x, y = k % per_row, -1.5 * (k // per_row)
            rect = Rectangle(
                (x, y), 0.92, 0.9, facecolor=COLORS[field.name], edgecolor="#333333", alpha=0.85
            )
            ax.add_artist(rect)
            boxes.append(rect)
            digits.append((x + 0.46, y + 0.45, s.bits[k]))
        x0, y0 = field.start % per_row, -1.5 * (field.start // per_row)
        ax.text(x0, y0 + 1.05, field.name, fontsize=8, color=COLORS[field.name])
    draw_labels(ax, digits, fontsize=10)
    rows = (s.nbits + per_row - 1) // per_row
    ax.set_xlim(-0.3, per_row + 0.3)
    ax.set_ylim(-1.5 * (rows - 1) - 0.6, 1.6)
    ax.set_aspect("equal")
    bare(ax)
    return boxes


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def draw_memory(ax: Axes, n: int, highlight: str) -> list[Rectangle]:
    """Horizontal bars: bytes taken by ``n`` elements in each dtype and as a list of ints.

    The x axis is logarithmic, in bytes, with a grid line at every power of 10; its
    labels are drawn as one collection (axis ticks would be most of the drawing time).
    """
    from matplotlib.collections import LineCollection

    rows = memory_table(n)
    labels = [label for label, _ in rows]
    sizes = [size for _, size in rows]
    colors = ["#f4a259" if label == highlight else "#bbbbbb" for label in labels]
    ax.set_xscale("log")
    bars = ax.barh(range(len(rows)), sizes, color=colors, height=0.75)
    low, high = min(sizes) / 2, max(sizes) * 20
    ax.set_xlim(low, high)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first row on top
    bare(ax)
    powers = [10**k for k in range(0, 16) if low <= 10**k <= high]
    bottom = len(rows) - 0.5
    ax.add_collection(
        LineCollection(
            [[(p, -0.5), (p, bottom)] for p in powers], colors="#dddddd", linewidths=0.8, zorder=0
        )
    )
    ax.plot([low, high], [bottom, bottom], color="#555555", linewidth=0.8)
    span = high / low
    draw_labels(
        ax,
        [(p, bottom + 0.35, f"10{str(len(str(p)) - 1).translate(SUPERSCRIPT)} B") for p in powers],
        fontsize=7,
        va="top",
    )
    draw_labels(ax, [(low / span**0.01, k, label) for k, label in enumerate(labels)], 8, ha="right")
    draw_labels(
        ax,
        [(size * span**0.01, k, human_bytes(size)) for k, size in enumerate(sizes)],
        8,
        ha="left",
    )
    ax.set_title(
        f"memory of {n:,} elements (the list's size is computed, not built:\n"
        f"pointers from sys.getsizeof, int objects from tracemalloc on a "
        f"{LIST_SAMPLE:,}-item sample)",
        fontsize=8,
        loc="left",
    )
    ax.text(1.0, -0.2, "bytes (log scale)", transform=ax.transAxes, ha="right", fontsize=8)
    return list(bars.patches)


def figure_for(dtype: str, value: float, power: int, n: int, fig: Figure | None = None) -> Figure:
    """The explorer's picture for one choice of controls (the value is ``value * 2**power``;
    drawn into ``fig`` if given)."""
    # a browser slider can send 99.99999999999999 for 100: snap to the slider's step first
    value = round(value / STEP) * STEP
    s = store(value * 2.0**power, dtype)
    fig, (top, bottom) = reuse_figure(fig, 8, 4.6, 2)
    top.set_position((0.02, 0.5, 0.96, 0.36))
    bottom.set_position((0.2, 0.14, 0.78, 0.28))
    draw_bits(top, s)
    top.set_anchor("NW")
    title = textwrap.fill(describe(s), 105, subsequent_indent="    ")
    if s.dtype.startswith("float"):
        title += "\n" + decode_float(s)
    top.set_title(title, fontsize=9, loc="left", color=STATUS_COLORS.get(s.status, "black"))
    draw_memory(bottom, n, s.dtype)
    return fig


def dtypes_explorer():
    """Return the explorer widget (or a short note when no one can interact with it)."""
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Dtypes explorer: open this notebook in JupyterLab to use it.</i>")
    controls = {
        "dtype": w.Dropdown(options=DTYPES, value="int8", description="dtype"),
        "value": w.FloatSlider(value=100, min=-300, max=300, step=STEP, description="value"),
        "power": w.IntSlider(value=0, min=-30, max=20, description="x 2**"),
        "n": w.Dropdown(
            options=[(f"{n:,}", n) for n in SIZES], value=SIZES[1], description="N elements"
        ),
    }
    picture = Picture("dtypes")
    follow(controls, picture, figure_for)
    return explorer_box(
        [
            w.HBox([controls["dtype"], controls["n"]]),
            w.HBox([controls["value"], controls["power"]]),
        ],
        picture,
    )
