"""Memmap explorer: a file drawn as blocks, read chunk by chunk, with resident memory."""

from __future__ import annotations

import itertools
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from ..memmap_blocks import (
    PATTERNS,
    MiB,
    Pass,
    blocks_read,
    measure_pass,
    write_random_file,
)
from ._display import Picture, bare, explorer_box, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

PER_ROW = 16  # blocks drawn per line
CHUNK_SIZES = {"1 MiB": 1 * MiB, "4 MiB": 4 * MiB, "8 MiB": 8 * MiB, "16 MiB": 16 * MiB}
FILE_SIZE = 64 * MiB


def draw_blocks(ax: Axes, p: Pass, steps: int) -> list[Rectangle]:
    """The file as a grid of blocks: grey unread, blue read, orange the latest chunk."""
    from matplotlib.patches import Rectangle

    done = blocks_read(p.n_blocks, list(p.order), steps)
    latest = p.order[steps - 1] if steps else None
    rects = []
    for k in range(p.n_blocks):
        x, y = k % PER_ROW, -(k // PER_ROW)
        color = "#f4a259" if k == latest else ("#5b8fc9" if done[k] else "#e6e6e6")
        rect = Rectangle((x, y), 0.9, 0.8, facecolor=color, edgecolor="#333333", linewidth=0.6)
        ax.add_artist(rect)
        rects.append(rect)
    rows = (p.n_blocks + PER_ROW - 1) // PER_ROW
    ax.set_xlim(-0.2, min(p.n_blocks, PER_ROW) + 0.1)
    ax.set_ylim(-rows + 0.7, 1.0)
    ax.set_aspect("equal")
    bare(ax)
    return rects


def draw_rss(ax: Axes, p: Pass, steps: int) -> None:
    """Growth of resident memory against bytes read, up to ``steps`` chunks."""
    xs = [p.read_after(s) / MiB for s in range(steps + 1)]
    ys = [p.rss_growth(s) / MiB for s in range(steps + 1)]
    size = p.file_size / MiB
    ax.plot([0, size], [0, size], linestyle="--", color="#999999", label="resident = bytes read")
    ax.plot(xs, ys, marker="o", markersize=3, color="#d1495b", label="measured RSS growth")
    ax.set_xlim(0, size * 1.02)
    top = max(size, max(p.rss_growth(s) for s in range(len(p.rss))) / MiB)
    ax.set_ylim(min(0.0, min(ys)) - 1, top * 1.08)
    ax.set_xlabel("bytes of the file read so far (MiB)")
    ax.set_ylabel("RSS growth (MiB)")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)


def figure_for(
    p: Pass, steps: int, chunk_label: str = "", pattern: str = "", fig: Figure | None = None
) -> Figure:
    """The explorer's picture for one measured pass, ``steps`` chunks in (drawn into
    ``fig`` if given)."""
    steps = max(0, min(steps, len(p.order)))
    rows = (p.n_blocks + PER_ROW - 1) // PER_ROW
    fig, (top, bottom) = reuse_figure(fig, 8, 4.2 + 0.45 * rows, 2)
    blocks, curve = 0.6 + 0.45 * rows, 3.2
    total = 0.83 / 1.15  # both heights, with a gap of 0.3 of their mean between them
    h_top, h_bottom = total * blocks / (blocks + curve), total * curve / (blocks + curve)
    bottom.set_position((0.09, 0.1, 0.89, h_bottom))
    top.set_position((0.09, 0.93 - h_top, 0.89, h_top))
    draw_blocks(top, p, steps)
    top.set_anchor("W")  # the title starts where the blocks do, whatever their number
    top.set_title(
        f"{p.file_size / MiB:.0f} MiB file in {p.n_blocks} chunks of {chunk_label}, "
        f"{pattern}: {steps}/{len(p.order)} chunks read, "
        f"RSS +{p.rss_growth(steps) / MiB:.1f} MiB",
        fontsize=9,
        loc="left",
    )
    draw_rss(bottom, p, steps)
    return fig


def memmap_explorer(file_size: int = FILE_SIZE):
    """Return the explorer widget (or a short note when no one can interact with it).

    It writes a file of random bytes into a temporary directory, which is removed
    when the widget is garbage-collected or the kernel stops, and measures one pass for
    every chunk size and order; *measure again* measures the one on show afresh.
    """
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Memmap explorer: open this notebook in JupyterLab to use it.</i>")
    workdir = tempfile.TemporaryDirectory(prefix="npmem-explorer-")
    path = Path(workdir.name) / "blocks.dat"
    write_random_file(path, file_size)
    state: dict = {"pass": None, "quiet": False}

    chunk = w.Dropdown(options=list(CHUNK_SIZES), value="4 MiB", description="chunk size")
    pattern = w.Dropdown(options=list(PATTERNS), value="sequential", description="order")
    steps = w.IntSlider(value=0, min=0, max=1, description="chunks read")
    remeasure = w.Button(description="measure again")
    picture = Picture("memmap")

    def redraw(*_):
        if state["quiet"] or state["pass"] is None:
            return
        p, args = state["pass"], (steps.value, chunk.value, pattern.value)
        # a measurement and a slider position seen before are shown again from memory
        key = (number[id(p)], *args)
        picture.show_for(key, lambda fig: figure_for(p, *args, fig=fig))

    passes: dict[tuple[str, str], Pass] = {}
    number: dict[int, int] = {}  # id of a pass on show -> its measurement's number
    counter = itertools.count(1)

    def measure(size: str, order: str) -> Pass:
        """Measure a fresh pass (a new map, so it starts from no resident pages)."""
        passes[size, order] = measure_pass(path, CHUNK_SIZES[size], order)
        number[id(passes[size, order])] = next(counter)
        return passes[size, order]

    # every chunk size and order measured once now, so the menus only draw
    for size in CHUNK_SIZES:
        for order in PATTERNS:
            measure(size, order)

    def new_run(*_, fresh: bool = False):
        key = (chunk.value, pattern.value)
        p = measure(*key) if fresh or key not in passes else passes[key]
        state["pass"], state["quiet"] = p, True
        try:
            steps.max = len(p.order)
            steps.value = len(p.order)
        finally:
            state["quiet"] = False
        redraw()

    chunk.observe(new_run, names="value")
    pattern.observe(new_run, names="value")
    steps.observe(redraw, names="value")
    remeasure.on_click(lambda _: new_run(fresh=True))
    new_run()

    box = explorer_box([w.HBox([chunk, pattern]), w.HBox([steps, remeasure])], picture)
    weakref.finalize(box, workdir.cleanup)
    return box
