"""Leak monitor: run a leaky and a fixed version of the same job, watch the memory of both."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..memwatch import SCENARIOS, MiB, Trace, run_pair, summarize
from ._env import headless

COLORS = {"leaky": "#d62728", "fixed": "#2ca02c"}


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
    ax.annotate(
        f"peak +{s.peak_rise / MiB:.1f} MiB",
        (trace.times[peak_at] * 1e3, s.peak_rise / MiB),
        textcoords="offset points",
        xytext=(0, 6),
        ha="center",
        fontsize=8,
        color=COLORS[kind],
    )
    ax.set_title(f"{kind}: {trace.label}", fontsize=10, loc="left")
    ax.set_xlabel("time since the call started (ms)")
    ax.grid(alpha=0.3)
    return line


def figure_for(name: str, leaky: Trace, fixed: Trace) -> Figure:
    """The monitor's picture: the two runs of scenario ``name`` side by side, same scale."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2), sharey=True)
    draw_trace(left, leaky, "leaky")
    draw_trace(right, fixed, "fixed")
    left.set_ylabel("RSS above start (MiB)")
    top = max(leaky.relative_mib().max(), fixed.relative_mib().max(), 1.0)
    left.set_ylim(min(leaky.relative_mib().min(), fixed.relative_mib().min(), 0) - 1, top * 1.2)
    fig.suptitle(f"Scenario: {name}", fontsize=11)
    fig.tight_layout()
    return fig


def leak_monitor(steps: int = 40, chunk_mib: int = 1):
    """Return the monitor widget (or a short note when no one can interact with it)."""
    import ipywidgets as w
    from IPython.display import display

    if headless():
        return w.HTML("<i>Leak monitor: open this notebook in JupyterLab to use it.</i>")
    scenario = w.Dropdown(options=list(SCENARIOS), description="scenario")
    size = w.IntSlider(value=chunk_mib, min=1, max=4, description="MiB/step")
    again = w.Button(description="run again", icon="refresh")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            leaky, fixed = run_pair(scenario.value, steps=steps, chunk_bytes=size.value * MiB)
            fig = figure_for(scenario.value, leaky, fixed)
            display(fig)
            plt.close(fig)

    scenario.observe(redraw, names="value")
    size.observe(redraw, names="value")
    again.on_click(redraw)
    redraw()
    box = w.VBox([w.HBox([scenario, size, again]), out])
    box.add_class("npmem-explorer")
    return box
