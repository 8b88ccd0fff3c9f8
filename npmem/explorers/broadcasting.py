"""Broadcasting explorer: pick two shapes; see them aligned, stretched, and combined."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..broadcast import DTYPES, SHAPES, Alignment, align, broadcast_strides, grid_cells, parse_shape
from ._display import Picture, bare, draw_labels, explorer_box, follow, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

PLAIN, STRETCH, BAD = "#eeeeee", "#f4a259", "#f2b8b5"
STORED, REPEATED, RESULT = "#9ecae1", "#ffffff", "#a1d99b"
NAMES = ("A", "B")


def _box(ax: Axes, x: float, y: float, face: str, text: str, labels: list, **kw) -> Rectangle:
    """A box with ``text`` in it; the text is queued in ``labels`` for :func:`draw_labels`."""
    from matplotlib.patches import Rectangle

    rect = Rectangle((x, y), 0.92, 0.9, facecolor=face, edgecolor=kw.pop("edge", "#333333"), **kw)
    ax.add_artist(rect)
    labels.append((x + 0.46, y + 0.45, text))
    return rect


def draw_alignment(ax: Axes, al: Alignment, itemsize: int = 8) -> dict[str, list[Rectangle]]:
    """Draw both shapes right-aligned as a table of axis lengths, with the result below.

    Returns the rectangles drawn, by role: ``"stretched"`` (an operand's axis that
    broadcasting stretches), ``"bad"`` (the clashing axis), ``"axes"`` (every box).
    """
    drawn: dict[str, list[Rectangle]] = {"stretched": [], "bad": [], "axes": []}
    labels: list = []
    ndim = max(al.ndim, 1)
    x0 = 2.2
    for k in range(al.ndim):
        ax.text(x0 + k + 0.46, 1.15, f"axis {k - al.ndim}", ha="center", fontsize=7, color="#666")
    for row, name in enumerate(NAMES):
        y = -1.1 * row
        ax.text(0, y + 0.45, f"{name} {al.shapes[row]}", va="center", fontsize=9)
        for k, n in enumerate(al.padded[row]):
            bad = al.bad_axis == k
            # an axis the result keeps at length 1 is not stretched: drawn plain
            stays_one = al.result is not None and al.result[k] == 1
            stretched = al.stretched[row][k] and not bad and not stays_one
            face = BAD if bad else STRETCH if stretched else PLAIN
            if n is None:
                text = f"(1)→{al.result[k]}" if al.result and stretched else "(1)"
            elif stretched and al.result:
                text = f"1→{al.result[k]}"
            else:
                text = str(n)
            rect = _box(ax, x0 + k, y, face, text, labels, linestyle="--" if n is None else "-")
            drawn["axes"].append(rect)
            if bad:
                drawn["bad"].append(rect)
            elif stretched:
                drawn["stretched"].append(rect)
    y = -2.4
    ax.plot([x0 - 0.1, x0 + ndim], [y + 1.15, y + 1.15], color="#333", linewidth=1)
    ax.text(0, y + 0.45, "result", va="center", fontsize=9, weight="bold")
    for k in range(al.ndim):
        if al.result is not None:
            rect = _box(ax, x0 + k, y, RESULT, str(al.result[k]), labels)
        else:
            bad = al.bad_axis == k
            rect = _box(ax, x0 + k, y, BAD if bad else PLAIN, "✗" if bad else "?", labels)
            if bad:
                drawn["bad"].append(rect)
        drawn["axes"].append(rect)
    if al.result is not None:
        lines = [f"result shape {al.result}"]
        for row, name in enumerate(NAMES):
            own = al.shapes[row]
            strides = np.empty(own, dtype=f"V{itemsize}").strides
            view = broadcast_strides(own, strides, al.result)
            lines.append(f"{name}: strides {strides} -> as a broadcast view {view}")
        note = "\n".join(lines)
    else:
        assert al.bad_axis is not None  # no result: the shapes clash on this axis
        k = al.bad_axis
        n, m = (al.padded[r][k] for r in range(2))
        lines = [f"axis {k - al.ndim}: {n} and {m} differ and neither is 1 -> ValueError"]
        for row, name in enumerate(NAMES):
            own = al.shapes[row]
            strides = np.empty(own, dtype=f"V{itemsize}").strides
            lines.append(f"{name} on its own: strides {strides} ({itemsize} B per item)")
        note = "\n".join(lines)
    ax.text(x0 + ndim + 0.5, -0.6, note, va="center", fontsize=8, family="monospace")
    draw_labels(ax, labels, fontsize=9)
    ax.set_xlim(-0.2, x0 + ndim + 7.5)
    ax.set_ylim(-2.6, 1.5)
    ax.set_aspect("equal")
    bare(ax)
    return drawn


def draw_grids(axes: list[Axes], al: Alignment) -> dict[str, list[Rectangle]]:
    """Draw the last two axes of A, B and the result as grids of elements.

    When the shapes broadcast, every grid has the result's size: boxes the operand really
    stores are filled, boxes broadcasting repeats are white and hatched, and each box is
    labelled with the stored element it reads. When they clash, A and B are drawn at their
    own size and the result panel says why there is none.
    """
    drawn: dict[str, list[Rectangle]] = {"stored": [], "repeated": [], "result": []}
    for panel, ax in enumerate(axes):
        labels: list = []
        ax.set_aspect("equal")
        bare(ax)
        if panel < 2:
            ax.set_title(f"{NAMES[panel]} {al.shapes[panel]}: last two axes", fontsize=9)
        else:
            ax.set_title(f"result {al.result}: last two axes" if al.ok else "no result", fontsize=9)
        if al.result is None:
            if panel == 2:
                ax.text(
                    0.5,
                    0.5,
                    "✗ shapes do not broadcast",
                    ha="center",
                    va="center",
                    fontsize=10,
                    color="#b22222",
                    transform=ax.transAxes,
                )
                continue
            own = al.shapes[panel]
            rows, cols = (1, own[0]) if len(own) == 1 else (1, 1) if not own else own[-2:]
            stored = np.ones((rows, cols), dtype=bool)
            source = np.arange(rows * cols).reshape(rows, cols)
        elif panel == 2:
            rows, cols = (
                (1, 1)
                if not al.result
                else (1, al.result[0])
                if len(al.result) == 1
                else al.result[-2:]
            )
            stored = np.ones((rows, cols), dtype=bool)
            source = np.arange(rows * cols).reshape(rows, cols)
        else:
            stored, source = grid_cells(al, panel)
        rows, cols = stored.shape
        for i in range(rows):
            for j in range(cols):
                if panel == 2:
                    face, role = RESULT, "result"
                else:
                    face, role = (STORED, "stored") if stored[i, j] else (REPEATED, "repeated")
                rect = _box(
                    ax,
                    j,
                    -i,
                    face,
                    str(source[i, j]),
                    labels,
                    hatch=None if role != "repeated" else "///",
                    edge="#333333" if role != "repeated" else "#999999",
                )
                drawn[role].append(rect)
        draw_labels(ax, labels, fontsize=9)
        ax.set_xlim(-0.2, max(cols, 4) + 0.2)
        ax.set_ylim(-max(rows, 3) + 0.8, 1.1)
    return drawn


def figure_for(
    shape_a: str, shape_b: str, dtype: str = "float64", fig: Figure | None = None
) -> Figure:
    """The explorer's picture for one choice of controls (drawn into ``fig`` if given)."""
    al = align(parse_shape(shape_a), parse_shape(shape_b))
    fig, (top, *grids) = reuse_figure(fig, 9, 4.6, 4)
    top.set_position((0.02, 0.55, 0.96, 0.42))
    for k, ax in enumerate(grids):
        ax.set_position((0.02 + 0.33 * k, 0.02, 0.3, 0.45))
    draw_alignment(top, al, np.dtype(dtype).itemsize)
    draw_grids(grids, al)
    fig.text(0.99, 0.99, f"dtype {np.dtype(dtype)}", ha="right", va="top", fontsize=8)
    return fig


def broadcasting_explorer():
    """Return the explorer widget (or a short note when no one can interact with it)."""
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Broadcasting explorer: open this notebook in JupyterLab to use it.</i>")
    controls = {
        "shape_a": w.Dropdown(options=SHAPES, value="(3, 1)", description="A shape"),
        "shape_b": w.Dropdown(options=SHAPES, value="(4,)", description="B shape"),
        "dtype": w.Dropdown(options=DTYPES, value="float64", description="dtype"),
    }
    picture = Picture("broadcasting")
    follow(controls, picture, figure_for)
    return explorer_box(
        [w.HBox([controls["shape_a"], controls["shape_b"]]), controls["dtype"]], picture
    )
