"""Leak monitor: run a leaky and a fixed version of the same job, watch the memory of both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..memwatch import SCENARIOS, MiB, Trace, run_pair, summarize
from ._display import Picture, explorer_box, reuse_figure
from ._env import headless

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

COLORS = {"leaky": "#d62728", "fixed": "#2ca02c"}
MAX_CHUNK_MIB = 4  # the largest step the monitor offers: 40 steps stay within 400 MiB


def draw_trace(ax: Axes, trace: Trace, kind: str) -> Line2D:
    """Plot one trace (RSS above its start, in MiB, against milliseconds); returns the line."""
    s = summarize(trace.times, trace.rss)
    (line,) = ax.plot(
        trace.times * 1e3,
        trace.relative_mib(),
        color=COLORS[kind],
        marker=".",
        markersize=3,
        linewidth=1.5,
        label=trace.label,
    )
    ax.axhline(0, color="#999999", linewidth=0.8, linestyle="--")
    peak_at = int(trace.rss.argmax())
    # the label leans away from the nearer end, so it stays inside the frame
    where = peak_at / max(len(trace.rss) - 1, 1)
    ha, dx = ("right", -2) if where > 0.7 else ("left", 2) if where < 0.3 else ("center", 0)
    ax.annotate(
        f"peak +{s.peak_rise / MiB:.1f} MiB",
        (trace.times[peak_at] * 1e3, s.peak_rise / MiB),
        textcoords="offset points",
        xytext=(dx, 5),
        ha=ha,
        fontsize=8,
        color=COLORS[kind],
    )
    ax.set_title(f"{kind}: {trace.label}", fontsize=9, loc="left", color=COLORS[kind])
    ax.set_xlabel("time since the call started (ms)")
    ax.grid(alpha=0.3)
    return line


def figure_for(
    name: str, leaky: Trace, fixed: Trace, pyplot: bool = True, fig: Figure | None = None
) -> Figure:
    """The monitor's picture: the two runs of scenario ``name`` side by side, on the same
    time axis and the same memory scale.

    With ``pyplot=True`` (the default) the figure is a pyplot figure, which a notebook
    cell shows when it ends; the monitor itself draws outside pyplot, into ``fig`` (its
    previous picture) when given.
    """
    if pyplot:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(9, 3.4))
        left, right = fig.subplots(1, 2, sharex=True, sharey=True)
    else:
        fig, (left, right) = reuse_figure(fig, 9, 3.4, 2)
        if not left.get_shared_x_axes().joined(left, right):
            right.sharex(left)
            right.sharey(left)
        width = 0.9 / 2.18
        left.set_position((0.08, 0.15, width, 0.65))
        right.set_position((0.08 + 1.18 * width, 0.15, width, 0.65))
    draw_trace(left, leaky, "leaky")
    draw_trace(right, fixed, "fixed")
    left.set_ylabel("RSS above start (MiB)")
    top = max(leaky.relative_mib().max(), fixed.relative_mib().max(), 1.0)
    low = min(leaky.relative_mib().min(), fixed.relative_mib().min(), 0) - 1
    left.set_ylim(low, top + 0.2 * (top - low))  # room above the peak for its label
    left.set_xlim(0, max(leaky.duration, fixed.duration, 1e-3) * 1e3 * 1.03)
    if not pyplot:  # the last time tick of the left plot would meet the right one's 0
        from matplotlib.ticker import MaxNLocator

        left.xaxis.set_major_locator(MaxNLocator(nbins=5, prune="upper"))
    right.tick_params(labelleft=True)
    fig.suptitle(f"Scenario: {name}", fontsize=10, x=0.01, ha="left")
    if pyplot:
        fig.subplots_adjust(left=0.08, right=0.98, top=0.8, bottom=0.15, wspace=0.18)
    return fig


def leak_monitor(steps: int = 40, chunk_mib: int = 1, runs: dict | None = None):
    """Return the monitor widget (or a short note when no one can interact with it).

    Every scenario is measured once when the monitor is made (at the starting chunk
    size), so choosing a scenario only draws; a new chunk size measures that scenario
    the first time it is shown, and *run again* measures the one on show afresh.
    ``runs``: scenario -> (leaky, fixed) traces already measured at ``steps`` steps of
    ``chunk_mib`` MiB (``run_pair``'s result), shown instead of measuring them again.
    """
    import ipywidgets as w

    if headless():
        return w.HTML("<i>Leak monitor: open this notebook in JupyterLab to use it.</i>")
    scenario = w.Dropdown(
        options=list(SCENARIOS), description="scenario", layout=w.Layout(width="340px")
    )
    size = w.IntSlider(value=chunk_mib, min=1, max=MAX_CHUNK_MIB, description="MiB/step")
    again = w.Button(description="run again", icon="refresh")
    status = w.HTML("")
    status.add_class("npmem-status")
    picture = Picture("leaks")
    traces: dict[tuple[str, int], tuple[Trace, Trace, int]] = {}

    measured = [0]  # how many pairs were measured: names each measurement's picture

    def measure(name: str, mib: int) -> tuple[Trace, Trace, int]:
        measured[0] += 1
        traces[name, mib] = (*run_pair(name, steps=steps, chunk_bytes=mib * MiB), measured[0])
        return traces[name, mib]

    for name in SCENARIOS:
        if runs and name in runs:
            measured[0] += 1
            traces[name, size.value] = (*runs[name], measured[0])
        else:
            measure(name, size.value)

    def measuring(name: str, mib: int) -> tuple[Trace, Trace, int]:
        """Measure with the controls disabled and a word that it runs (about 2 s)."""
        controls = (scenario, size, again)
        status.value = f"<i>measuring {name!r} at {mib} MiB/step…</i>"
        for control in controls:
            control.disabled = True
        try:
            return measure(name, mib)
        finally:
            for control in controls:
                control.disabled = False
            status.value = ""

    def redraw(*_, fresh: bool = False):
        key = (scenario.value, size.value)
        leaky, fixed, number = measuring(*key) if fresh or key not in traces else traces[key]
        picture.show_for(
            number,  # a measurement seen before is shown again from memory
            lambda fig: figure_for(scenario.value, leaky, fixed, pyplot=False, fig=fig),
        )

    scenario.observe(redraw, names="value")
    size.observe(redraw, names="value")
    again.on_click(lambda _: redraw(fresh=True))
    redraw()
    return explorer_box([w.HBox([scenario, size, again]), status], picture)
