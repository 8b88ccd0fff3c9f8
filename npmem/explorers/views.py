"""Views explorer: pick or type an indexing expression; see which cells of ``a`` it shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..views import DTYPES, EXPRESSIONS, ViewInfo, analyse, summary
from ._display import Picture, bare, draw_labels, explorer_box, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

TYPED = "(the typed expression)"  # the menu entry shown while a typed expression is drawn

COLOURS = {
    "view": "#f4a259",  # shared with a: writing through the result changes a
    "copy": "#8ecae6",  # copied from a: the result has its own bytes
    "scalar": "#8ecae6",
    "unused": "#eeeeee",
}


def draw_base(ax: Axes, info: ViewInfo) -> list[Rectangle]:
    """Draw ``a`` cell by cell; returns the highlighted cells (shared or copied from)."""
    from matplotlib.patches import Rectangle

    highlighted = []
    offsets, numbers, positions = [], [], []
    colour = COLOURS.get(info.kind, COLOURS["unused"])
    for r in range(info.rows):
        for c in range(info.cols):
            position = int(info.cells[r, c])
            on = position >= 0
            rect = Rectangle(
                (c, -r),
                0.94,
                0.94,
                facecolor=colour if on else COLOURS["unused"],
                edgecolor="#333333",
                linewidth=1.2 if on else 0.6,
            )
            ax.add_artist(rect)
            if on:
                highlighted.append(rect)
            slot = r * info.cols + c
            offsets.append((c + 0.06, -r + 0.8, f"{slot * info.itemsize}B"))
            numbers.append((c + 0.47, -r + 0.4, str(slot)))
            if on:
                positions.append((c + 0.88, -r + 0.08, f"#{position}"))
    draw_labels(ax, offsets, fontsize=7, color="#666666", ha="left", va="top")
    draw_labels(ax, numbers, fontsize=10)
    pos_colour = "#7a3b00" if info.kind == "view" else "#023047"
    draw_labels(ax, positions, fontsize=7, color=pos_colour, ha="right", va="bottom")
    ax.set_xlim(-0.2, info.cols + 0.1)
    ax.set_ylim(-info.rows + 0.8, 1.25)
    ax.set_aspect("equal")
    bare(ax)
    what = {
        "view": "cells the result shares (orange)",
        "copy": "cells its values were copied from (blue)",
        "scalar": "the cell whose value was copied (blue)",
        "error": "nothing: the expression failed",
    }
    ax.set_title(
        f"a ({info.rows}x{info.cols}, {info.itemsize} B per item):\n{what[info.kind]}",
        fontsize=9,
        loc="left",
    )
    return highlighted


def _result_wrap(info: ViewInfo) -> int:
    """How many cells of a one-row result are drawn per line."""
    return max(info.cols, 6)


def draw_result(ax: Axes, info: ViewInfo) -> list[Rectangle]:
    """Draw the result's values; orange if they live in ``a``'s buffer, blue if copied.

    A one-row result longer than a line is drawn over several lines, in order.
    """
    from matplotlib.patches import Rectangle

    cells = []
    grid = info.values
    colour = COLOURS.get(info.kind, COLOURS["unused"])
    wrap = _result_wrap(info)
    if grid.shape[0] == 1 and grid.shape[1] > wrap:
        places = [(k % wrap, k // wrap) for k in range(grid.shape[1])]
        values = grid[0].tolist()
        n_cols, n_rows = wrap, (grid.shape[1] + wrap - 1) // wrap
    else:
        places = [(c, r) for r in range(grid.shape[0]) for c in range(grid.shape[1])]
        values = grid.ravel().tolist()
        n_cols, n_rows = grid.shape[1], grid.shape[0]
    values_drawn = []
    for (c, r), value in zip(places, values, strict=True):
        rect = Rectangle((c, -r), 0.94, 0.94, facecolor=colour, edgecolor="#333333")
        ax.add_artist(rect)
        cells.append(rect)
        values_drawn.append((c + 0.47, -r + 0.4, f"{value:g}"))
    draw_labels(ax, values_drawn, fontsize=10)
    ax.set_xlim(-0.2, max(n_cols, 1) + 0.1)
    ax.set_ylim(-max(n_rows, 1) + 0.8, 1.25)
    ax.set_aspect("equal")
    bare(ax)
    if info.kind == "error":
        title = "no result"
    elif info.kind == "view" and info.base_chain[0].endswith("(the result is a itself)"):
        title = "result: a itself (the same object)"
    elif info.kind == "view":
        title = "result: a view (its bytes are a's)"
    else:
        title = "result: its own buffer"
    if len(info.shape) > 2:
        title += f"\nshape {info.shape}, drawn by its last axis"
    elif info.values.shape[0] == 1 and info.values.shape[1] > _result_wrap(info):
        title += f"\nshape {info.shape}, drawn {_result_wrap(info)} to a line"
    ax.set_title(title, fontsize=9, loc="left")
    return cells


def figure_for(
    expr: str, rows: int = 3, cols: int = 4, dtype: str = "int16", fig: Figure | None = None
) -> Figure:
    """The explorer's picture for one expression (drawn into ``fig`` if given)."""
    info = analyse(expr, rows, cols, dtype)
    width = max(info.values.shape[1], 1) if info.values.size else 1
    result_rows = info.values.shape[0] if info.values.size else 1
    if result_rows == 1 and width > _result_wrap(info):
        result_rows = (width + _result_wrap(info) - 1) // _result_wrap(info)
        width = _result_wrap(info)
    text = summary(info)
    n_lines = text.count("\n") + 1
    grids = 1.0 + 0.62 * max(rows, result_rows)
    lines = 0.17 * n_lines + 0.15
    height = grids + lines
    fig, (left, right) = reuse_figure(fig, 9, height, 2)
    w_left, w_right = cols + 0.5, max(width, 3) + 0.5
    share = 0.94 * w_left / (w_left + w_right)
    bottom, top = lines / height, 1 - 0.55 / height
    left.set_position((0.01, bottom, share, top - bottom))
    right.set_position((0.05 + share, bottom, 0.94 - share, top - bottom))
    draw_base(left, info)
    draw_result(right, info)
    for ax in (left, right):
        ax.set_anchor("NW")
    fig.text(0.01, 0.02, text, fontsize=8, family="monospace", va="bottom")
    return fig


def views_explorer():
    """Return the explorer widget (or a short note when no one can interact with it)."""
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Views explorer: open this notebook in JupyterLab to use it.</i>")
    options = [(f"{expr}    ({what})", expr) for expr, what in EXPRESSIONS.items()]
    options.append((TYPED, TYPED))
    controls = {
        "expr": w.Dropdown(
            options=options,
            value="a[1:, ::2]",
            description="expression",
            layout=w.Layout(width="560px"),
        ),
        "dtype": w.Dropdown(options=DTYPES, value="int16", description="dtype"),
        "rows": w.IntSlider(value=3, min=3, max=6, description="rows"),
        "cols": w.IntSlider(value=4, min=3, max=6, description="cols"),
    }
    typed = w.Text(
        placeholder="or type one, e.g. a[::2, [1, 3]], then press Enter",
        description="typed",
        continuous_update=False,
        layout=w.Layout(width="560px"),
    )
    picture = Picture("views")
    state = {"quiet": False}

    def redraw(*_):
        if state["quiet"]:
            return
        expr = typed.value.strip()
        menu = controls["expr"]
        # the menu shows what the figure shows: the typed expression's own entry, or
        # the typed entry when it is not in the menu
        want = expr if expr in EXPRESSIONS else TYPED if expr else menu.value
        if want != menu.value:
            state["quiet"] = True
            try:
                menu.value = want
            finally:
                state["quiet"] = False
        if not expr:
            expr = menu.value if menu.value != TYPED else "a"
        rows, cols, dtype = (controls[k].value for k in ("rows", "cols", "dtype"))
        picture.show_for(
            (expr, rows, cols, dtype), lambda fig: figure_for(expr, rows, cols, dtype, fig=fig)
        )

    def picked(change):
        if state["quiet"]:
            return
        if change["new"] == TYPED:
            redraw()
        elif typed.value:
            state["quiet"] = True
            try:
                typed.value = ""  # a menu choice replaces the typed expression
            finally:
                state["quiet"] = False
            redraw()
        else:
            redraw()

    controls["expr"].observe(picked, names="value")
    for name in ("dtype", "rows", "cols"):
        controls[name].observe(redraw, names="value")
    typed.observe(redraw, names="value")
    redraw()
    return explorer_box(
        [
            controls["expr"],
            typed,
            w.HBox([controls["dtype"], controls["rows"], controls["cols"]]),
        ],
        picture,
    )
