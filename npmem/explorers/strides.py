"""Strides explorer: pick a shape, dtype, memory order and a view; see the buffer it reads."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from ..layout import DTYPES, VIEW_OPS, BufferMap, explore, summary
from ._env import headless

PER_ROW = 12  # slots drawn per line of the strip


def _slot_xy(slot: int) -> tuple[float, float]:
    return float(slot % PER_ROW), -1.6 * (slot // PER_ROW)


def draw_buffer(ax: Axes, m: BufferMap, title: str = "") -> list[Rectangle]:
    """Draw the base buffer as a strip of slots; returns the highlighted rectangles."""
    highlighted = []
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
        ax.add_patch(rect)
        if on:
            highlighted.append(rect)
        # byte ticks inside the slot: one per byte of the item
        for b in range(1, m.itemsize):
            bx = x + 0.92 * b / m.itemsize
            ax.plot([bx, bx], [y, y + 0.12], color="#999999", linewidth=0.5)
        ax.text(x + 0.46, y + 1.0, f"{slot * m.itemsize}", ha="center", fontsize=6, color="#777")
        if on:
            label = ",".join(str(r) for r in readers[:3]) + ("…" if len(readers) > 3 else "")
            ax.text(x + 0.46, y + 0.42, label, ha="center", va="center", fontsize=8)
    start_slot = m.start // m.itemsize
    for axis, (n, stride) in enumerate(zip(m.shape, m.strides, strict=True)):
        if n < 2:
            continue
        target = start_slot + stride // m.itemsize
        if not 0 <= target < m.n_slots or target == start_slot:
            continue
        x0, y0 = _slot_xy(start_slot)
        x1, y1 = _slot_xy(target)
        bend = 0.35 + 0.25 * axis
        ax.add_patch(
            FancyArrowPatch(
                (x0 + 0.46, y0 - 0.05),
                (x1 + 0.46, y1 - 0.05),
                connectionstyle=f"arc3,rad={bend}",
                arrowstyle="-|>",
                mutation_scale=10,
                color=("#1f77b4", "#2ca02c", "#9467bd")[axis % 3],
            )
        )
        ax.text(
            (x0 + x1) / 2 + 0.46,
            min(y0, y1) - 0.55 - 0.3 * axis,
            f"axis {axis}: {stride:+d} B",
            ha="center",
            fontsize=8,
            color=("#1f77b4", "#2ca02c", "#9467bd")[axis % 3],
        )
    rows = (m.n_slots + PER_ROW - 1) // PER_ROW
    ax.set_xlim(-0.3, min(m.n_slots, PER_ROW) + 0.3)
    ax.set_ylim(-1.6 * (rows - 1) - 1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    return highlighted


def figure_for(rows: int, cols: int, dtype: str, order: str, op: str) -> Figure:
    """The explorer's picture for one choice of controls."""
    _, m = explore(rows, cols, dtype, order, op)
    expr, _ = VIEW_OPS[op]
    n_lines = (m.n_slots + PER_ROW - 1) // PER_ROW
    fig, ax = plt.subplots(figsize=(8, 1.3 + 1.1 * n_lines))
    draw_buffer(
        ax,
        m,
        f"a = {rows}x{cols} {dtype}, order={order!r};  view = {expr}\n{summary(m)}\n"
        "orange = items the view reads, numbered in the order it reads them",
    )
    fig.tight_layout()
    return fig


def strides_explorer():
    """Return the explorer widget (or a short note when no one can interact with it)."""
    import ipywidgets as w
    from IPython.display import display

    if headless():
        return w.HTML("<i>Strides explorer: open this notebook in JupyterLab to use it.</i>")
    controls = {
        "rows": w.IntSlider(value=3, min=1, max=6, description="rows"),
        "cols": w.IntSlider(value=4, min=1, max=6, description="cols"),
        "dtype": w.Dropdown(options=DTYPES, value="int16", description="dtype"),
        "order": w.ToggleButtons(options=["C", "F"], value="C", description="order"),
        "op": w.Dropdown(options=list(VIEW_OPS), value="transpose", description="view"),
    }
    out = w.Output()

    def redraw(**kwargs):
        with out:
            out.clear_output(wait=True)
            fig = figure_for(**kwargs)
            display(fig)
            plt.close(fig)

    w.interactive_output(redraw, controls)
    box = w.VBox(
        [
            w.HBox([controls["rows"], controls["cols"]]),
            w.HBox([controls["dtype"], controls["op"]]),
            controls["order"],
            out,
        ]
    )
    box.add_class("npmem-explorer")
    return box
