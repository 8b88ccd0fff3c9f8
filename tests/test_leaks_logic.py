"""The memory monitor behind 06-leaks: sampling, summaries, scenarios and the drawing."""

from __future__ import annotations

import gc
import threading
import time
import tracemalloc
import weakref

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.lines import Line2D

from npmem import memwatch
from npmem.explorers import leaks as explorer
from npmem.memwatch import SCENARIOS, MiB, Trace, run_pair, sample_rss, summarize


def test_rss_bytes_is_positive():
    assert memwatch.rss_bytes() > MiB


def test_sample_rss_returns_result_and_ordered_samples():
    trace = sample_rss(lambda x, y=1: time.sleep(0.03) or x + y, 2, y=5, interval=0.002)
    assert trace.result == 7
    assert trace.times.shape == trace.rss.shape
    assert len(trace.times) >= 3  # before, at least one during, after
    assert np.all(np.diff(trace.times) >= 0)
    assert trace.times[0] >= 0 and trace.duration >= 0.03
    assert trace.rss.dtype == np.int64 and np.all(trace.rss > 0)


def test_sample_rss_sees_memory_that_is_held():
    def hold():
        block = np.ones(12 * MiB // 8)  # written, so resident
        time.sleep(0.05)
        return float(block[-1])

    trace = sample_rss(hold, interval=0.002)
    assert trace.result == 1.0
    assert trace.relative_mib().max() > 6


def test_sample_rss_propagates_errors_and_stops_sampler():
    def boom():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        sample_rss(boom)
    time.sleep(0.02)
    assert not any(t.name == "npmem-rss-sampler" for t in threading.enumerate())


def test_sample_rss_rejects_bad_interval():
    with pytest.raises(ValueError):
        sample_rss(lambda: None, interval=0)


def test_summarize_numbers():
    t = np.array([0.0, 1.0, 2.0, 3.0])
    r = np.array([100, 300, 500, 200])
    s = summarize(t, r)
    assert (s.samples, s.start, s.peak, s.end) == (4, 100, 500, 200)
    assert s.peak_rise == 400 and s.growth == 100 and s.duration == 3.0
    assert s.slope == pytest.approx(np.polyfit(t, r, 1)[0])


def test_summarize_steady_growth_has_its_slope():
    t = np.linspace(0, 2, 21)
    s = summarize(t, 1000 + 50 * t)
    assert s.slope == pytest.approx(50)
    assert s.growth == 100


def test_summarize_edge_cases():
    s = summarize([0.5], [42])
    assert (s.peak_rise, s.growth, s.slope, s.duration) == (0, 0, 0.0, 0.0)
    with pytest.raises(ValueError):
        summarize([], [])
    with pytest.raises(ValueError):
        summarize([0, 1], [1])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_leaky_and_fixed_compute_the_same_thing(name):
    sc = SCENARIOS[name]
    assert sc.leaky(5, 4096) == sc.fixed(5, 4096)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_leaky_scenarios_hold_more_while_running_and_nothing_after(name):
    """Measured exactly with tracemalloc: the leaky peak is large, the fixed one is not."""
    sc = SCENARIOS[name]
    steps, chunk = 12, 64 * 1024
    peaks = {}
    for kind, func in (("leaky", sc.leaky), ("fixed", sc.fixed)):
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            func(steps, chunk)
            gc.collect()
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        peaks[kind] = peak - before
        assert current - before < chunk, f"{name} {kind} left {current - before} bytes behind"
    assert peaks["leaky"] > (steps - 1) * chunk
    assert peaks["fixed"] < 6 * chunk


def test_run_pair_gives_two_labelled_traces():
    # (how long it takes is for the bench, not a test: this machine is shared)
    leaky, fixed = run_pair("results kept in a list", steps=10, chunk_bytes=2 * MiB)
    assert leaky.label == SCENARIOS["results kept in a list"].leaky_label
    assert fixed.label == SCENARIOS["results kept in a list"].fixed_label
    assert summarize(leaky.times, leaky.rss).peak_rise > summarize(fixed.times, fixed.rss).peak_rise


def test_run_pair_rejects_bad_arguments():
    with pytest.raises(KeyError):
        run_pair("no such scenario")
    with pytest.raises(ValueError):
        run_pair("unbounded cache", steps=0)


def _trace(values, label="x"):
    values = np.asarray(values, dtype=np.int64) * MiB
    return Trace(np.linspace(0, 0.1, len(values)), values, label)


def test_draw_trace_plots_relative_mib():
    fig, ax = plt.subplots()
    line = explorer.draw_trace(ax, _trace([10, 12, 15, 11], "keep all"), "leaky")
    assert isinstance(line, Line2D)
    np.testing.assert_allclose(line.get_ydata(), [0, 2, 5, 1])
    np.testing.assert_allclose(line.get_xdata(), np.linspace(0, 100, 4))
    assert "keep all" in ax.get_title(loc="left")
    assert any("+5.0 MiB" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_figure_for_puts_both_runs_side_by_side():
    fig = explorer.figure_for("unbounded cache", _trace([5, 9, 20], "a"), _trace([5, 6, 5], "b"))
    axes = fig.get_axes()
    assert len(axes) == 2
    colors = [ax.get_lines()[0].get_color() for ax in axes]
    assert colors == [explorer.COLORS["leaky"], explorer.COLORS["fixed"]]
    assert axes[0].get_ylim() == axes[1].get_ylim()
    assert axes[0].get_ylim()[1] >= 15
    assert "unbounded cache" in fig._suptitle.get_text()
    plt.close(fig)


def test_monitor_is_a_note_when_headless(monkeypatch):
    monkeypatch.setenv("NPMEM_HEADLESS", "1")
    assert isinstance(explorer.leak_monitor(), w.HTML)


def test_monitor_widget_redraws_on_first_dropdown(monkeypatch):
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    calls = []
    real = explorer.figure_for

    def spy(name, leaky, fixed, **kw):
        calls.append(name)
        return real(name, leaky, fixed, **kw)

    runs = []
    real_run = explorer.run_pair

    def counting_run(name, **kw):
        runs.append(name)
        return real_run(name, **kw)

    monkeypatch.setattr(explorer, "figure_for", spy)
    monkeypatch.setattr(explorer, "run_pair", counting_run)
    box = explorer.leak_monitor(steps=3)
    assert "npmem-explorer" in box._dom_classes
    assert sorted(runs) == sorted(memwatch.SCENARIOS)  # every scenario measured once
    dropdowns = [c for c in box.children[0].children if isinstance(c, w.Dropdown)]
    assert dropdowns and box.picture.draws == 1
    first_png = box.picture.png
    dropdowns[0].value = "small views of big chunks"
    assert calls[-1] == "small views of big chunks" and len(calls) == 2
    assert box.picture.draws == 2 and box.picture.png != first_png
    assert len(runs) == len(memwatch.SCENARIOS)  # choosing a scenario only draws
    again = next(c for c in box.children[0].children if isinstance(c, w.Button))
    again.click()
    assert runs[-1] == "small views of big chunks" and box.picture.draws == 3
    dropdowns[0].value = list(memwatch.SCENARIOS)[0]  # its picture was drawn before
    assert box.picture.draws == 3 and box.picture.png == first_png
    plt.close("all")


def test_leak_monitor_shows_runs_measured_before_without_measuring_again(monkeypatch):
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from npmem.explorers import leaks as explorer

    monkeypatch.setattr(explorer, "headless", lambda: False)
    ready = {name: memwatch.run_pair(name, steps=3) for name in memwatch.SCENARIOS}
    runs = []
    monkeypatch.setattr(explorer, "run_pair", lambda name, **kw: runs.append(name))
    box = explorer.leak_monitor(steps=3, runs=ready)
    assert runs == [] and box.picture.draws == 1  # nothing measured twice
    dropdowns = [c for c in box.children[0].children if isinstance(c, w.Dropdown)]
    dropdowns[0].value = "small views of big chunks"
    assert runs == [] and box.picture.draws == 2
    plt.close("all")


def test_figure_for_shares_the_time_axis():
    leaky, fixed = memwatch.run_pair("results kept in a list", steps=5, chunk_bytes=1 << 16)
    fig = explorer.figure_for("results kept in a list", leaky, fixed, pyplot=False)
    left, right = fig.axes[:2]
    assert left.get_xlim() == right.get_xlim() and left.get_ylim() == right.get_ylim()
    assert left.get_xlim()[1] >= max(leaky.duration, fixed.duration) * 1e3
    assert all(plt.figure(n) is not fig for n in plt.get_fignums())  # not a pyplot figure
    pyplot_fig = explorer.figure_for("results kept in a list", leaky, fixed)
    assert plt.fignum_exists(pyplot_fig.number)  # the old call still gives a pyplot figure
    plt.close("all")


def test_release_free_memory_collects_cycles():
    class Node:
        pass

    node = Node()
    node.me = node
    node.data = np.ones(10)
    ref = weakref.ref(node.data)
    del node
    assert isinstance(memwatch.release_free_memory(), bool)
    assert ref() is None


def test_every_monitor_setting_stays_within_the_notebook_budget():
    """At the largest chunk the monitor offers, no scenario allocates 400 MiB."""
    budget = 400 * MiB
    largest = explorer.MAX_CHUNK_MIB  # the monitor's MiB/step slider goes up to it
    for name in memwatch.SCENARIOS:
        tracemalloc.start()
        try:
            memwatch.run_pair(name, steps=40, chunk_bytes=largest * MiB)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < budget, (name, peak / MiB)


def test_leak_monitor_says_it_is_measuring_and_disables_its_controls(monkeypatch):
    """A measurement takes about 2 s: while it runs, every control is disabled and a
    line under them says so; afterwards the controls are back and the line is empty."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    seen = []
    real_run = explorer.run_pair

    def watching_run(name, **kw):
        if box_holder:
            box = box_holder[0]
            controls = box.children[0].children
            status = box.children[1]
            seen.append(([c.disabled for c in controls], status.value))
        return real_run(name, **kw)

    box_holder: list = []
    monkeypatch.setattr(explorer, "run_pair", watching_run)
    box = explorer.leak_monitor(steps=3)
    box_holder.append(box)
    controls = box.children[0].children
    status = box.children[1]
    assert isinstance(status, w.HTML) and status.value == ""
    again = next(c for c in controls if isinstance(c, w.Button))
    again.click()
    (during,) = seen
    assert all(during[0]) and "measuring" in during[1]
    assert not any(c.disabled for c in controls) and status.value == ""
    plt.close("all")
