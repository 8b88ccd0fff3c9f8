"""Explorer latency, measured in the page: from the input event to the new image.

A throw-away notebook that calls each of the six explorers is opened in a real
JupyterLab (headless Chromium, through Playwright). For every dropdown of every
explorer, each of its options is chosen in turn, a few rounds over; each choice is
timed in the page from the ``change`` event on the ``<select>`` to the moment a new
``<img>`` in that cell's output area has been decoded. Median and max per explorer are
printed, for every change and for the first round alone (where each setting is met for
the first time: later rounds may be shown from an explorer's memory of pictures), with
the kernel's peak resident memory (VmHWM) after all the changes.

The figures depend on the machine and its load: they are for comparing versions of
the explorers on one machine, not targets a test asserts.

Usage: ``python -m npmem.dev.bench_explorers [--rounds N] [--json FILE] [NAME ...]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from npmem.grading.catalogue import ROOT

#: explorer name -> the code of its notebook cell
EXPLORERS = {
    "strides": "from npmem.explorers.strides import strides_explorer\nstrides_explorer()",
    "dtypes": "from npmem.explorers.dtypes import dtypes_explorer\ndtypes_explorer()",
    "broadcasting": (
        "from npmem.explorers.broadcasting import broadcasting_explorer\nbroadcasting_explorer()"
    ),
    "views": "from npmem.explorers.views import views_explorer\nviews_explorer()",
    "memmap": "from npmem.explorers.memmap import memmap_explorer\nmemmap_explorer()",
    "leaks": "from npmem.explorers.leaks import leak_monitor\nleak_monitor()",
}

PEAK_CELL = """\
import npmem
print("NPMEM_FROM", npmem.__file__)
with open("/proc/self/status") as fh:
    print("NPMEM_PEAK_MIB", [int(l.split()[1]) / 1024 for l in fh if l.startswith("VmHWM:")][0])"""

NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"

#: Choose option ``opt`` of the ``sel``-th <select> of the explorer in code cell ``cell``
#: and resolve with the milliseconds until a new image in that cell is decoded (or null).
CHANGE_AND_TIME = (
    """async ([cell, sel, opt, timeout]) => {
  const c = document.querySelectorAll('"""
    + NB
    + """ .jp-CodeCell')[cell];
  const imgs = () => Array.from(c.querySelectorAll('.jp-OutputArea-output img'));
  const before = new Set(imgs().map(i => i.src));
  const s = c.querySelectorAll('.npmem-explorer select')[sel];
  const t0 = performance.now();
  s.selectedIndex = opt;
  s.dispatchEvent(new Event('change', {bubbles: true}));
  for (;;) {
    const fresh = imgs().find(i => !before.has(i.src));
    if (fresh) {
      try { await fresh.decode(); } catch (e) {}
      return performance.now() - t0;
    }
    if (performance.now() - t0 > timeout) return null;
    await new Promise(r => setTimeout(r, 1));
  }
}"""
)


def explorer_cell_index(page, marker: str) -> int:
    """Index among the notebook's code cells of the first whose source contains ``marker``."""
    return page.evaluate(
        f"(m) => Array.from(document.querySelectorAll('{NB} .jp-CodeCell'))"
        ".findIndex(c => c.querySelector('.cm-content').textContent.includes(m))",
        marker,
    )


def time_change(page, cell: int, sel: int, opt: int, timeout_ms: float = 20_000) -> float | None:
    """Milliseconds from choosing an option to the new image in the page (None: no new image)."""
    return page.evaluate(CHANGE_AND_TIME, [cell, sel, opt, timeout_ms])


def wait_idle(page, timeout_ms: float = 120_000) -> None:
    page.wait_for_function(
        f"() => !Array.from(document.querySelectorAll('{NB} .jp-InputPrompt'))"
        ".some(p => p.textContent.includes('[*]'))",
        timeout=timeout_ms,
    )


def sweep(page, cell: int, rounds: int, pause: float = 0.15) -> list[list[float | None]]:
    """Every option of every dropdown of the explorer in ``cell``, ``rounds`` times over;
    one list of times per round (the first round meets each setting for the first time,
    later rounds see settings an explorer may keep in memory)."""
    n_selects = page.evaluate(
        f"(k) => document.querySelectorAll('{NB} .jp-CodeCell')[k]"
        ".querySelectorAll('.npmem-explorer select').length",
        cell,
    )
    times: list[list[float | None]] = []
    for _ in range(rounds):
        times.append([])
        for sel in range(n_selects):
            n_opts, current = page.evaluate(
                f"([k, s]) => {{ const e = document.querySelectorAll('{NB} .jp-CodeCell')[k]"
                ".querySelectorAll('.npmem-explorer select')[s];"
                " return [e.options.length, e.selectedIndex]; }",
                [cell, sel],
            )
            order = [(current + 1 + k) % n_opts for k in range(n_opts)]  # ends where it began
            for opt in order:
                times[-1].append(time_change(page, cell, sel, opt))
                time.sleep(pause)
                wait_idle(page)
    return times


def stats(times: list[float | None]) -> dict:
    ok = [t for t in times if t is not None]
    return {
        "changes": len(times),
        "no_new_image": len(times) - len(ok),
        "median_ms": round(statistics.median(ok), 1) if ok else None,
        "max_ms": round(max(ok), 1) if ok else None,
    }


def run(
    names: list[str], rounds: int, artifacts: Path | None = None, npmem: Path | None = None
) -> dict[str, dict]:
    """Time every explorer of ``names``; with ``npmem`` (a checkout of the course) the
    kernel imports the ``npmem`` of that checkout (it is put first on ``PYTHONPATH``)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    import browser_support
    from browser_support import lab_server, open_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(EXPLORERS[n]) for n in names]
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="npmem-bench-explorers-") as tmp:
        root = Path(tmp)
        work = root / "work"
        work.mkdir()
        nbformat.write(nb, work / "explorers.ipynb")
        env = {"PYTHONPATH": str(npmem.resolve())} if npmem else None
        with lab_server(work, root / "home", env=env) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                headless=True,
                args=browser_support.CHROMIUM_ARGS,
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            open_notebook(page, url, "explorers.ipynb")
            page.locator(f"{NB} .jp-Cell").first.click()
            page.keyboard.press("Escape")
            for _ in names:
                page.keyboard.press("Shift+Enter")
                time.sleep(0.3)
                wait_idle(page)
            for name in names:
                cell = explorer_cell_index(page, EXPLORERS[name].splitlines()[-1])
                page.locator(f"{NB} .jp-CodeCell").nth(cell).scroll_into_view_if_needed()
                rounds_ms = sweep(page, cell, rounds)
                every = [t for r in rounds_ms for t in r]
                results[name] = {
                    **stats(every),
                    "first_round": stats(rounds_ms[0]),
                    "times_ms": [[t and round(t, 1) for t in r] for r in rounds_ms],
                }
                print(_row(name, results[name]), flush=True)
                if artifacts:
                    artifacts.mkdir(parents=True, exist_ok=True)
                    page.locator(f"{NB} .jp-CodeCell").nth(cell).screenshot(
                        path=str(artifacts / f"bench-explorer-{name}.png")
                    )
            peak_cell = page.locator(f"{NB} .jp-CodeCell").nth(explorer_cell_index(page, "VmHWM"))
            peak_cell.click()
            page.keyboard.press("Shift+Enter")
            peak_cell.locator(".jp-OutputArea", has_text="NPMEM_PEAK_MIB").wait_for()
            text = peak_cell.locator(".jp-OutputArea").inner_text()
            peak = float(text.split("NPMEM_PEAK_MIB")[1].split()[0])
            imported = text.split("NPMEM_FROM")[1].split()[0]
            results["kernel"] = {"peak_rss_mib": round(peak, 1), "npmem": imported}
            browser.close()
    return results


def _row(name: str, r: dict) -> str:
    med = "-" if r["median_ms"] is None else f"{r['median_ms']:.0f}"
    top = "-" if r["max_ms"] is None else f"{r['max_ms']:.0f}"
    first = r["first_round"]
    return (
        f"{name:13} {r['changes']:4d} changes  median {med:>5} ms  max {top:>5} ms"
        f"   first round: median {first['median_ms'] or 0:>5.0f} ms"
        f"  max {first['max_ms'] or 0:>5.0f} ms"
        + (f"  ({r['no_new_image']} without a new image)" if r["no_new_image"] else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"some of {', '.join(EXPLORERS)} (all)")
    parser.add_argument("--rounds", type=int, default=2, help="sweeps over every option")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--artifacts", type=Path, help="a screenshot of each explorer here")
    parser.add_argument(
        "--npmem",
        type=Path,
        metavar="CHECKOUT",
        help="the kernel imports npmem from this checkout (e.g. a git worktree of an "
        "older commit), to compare versions in the same conditions",
    )
    args = parser.parse_args(argv)
    names = args.names or list(EXPLORERS)
    unknown = [n for n in names if n not in EXPLORERS]
    if unknown:
        parser.error(f"unknown explorer {unknown[0]!r}; choose from {', '.join(EXPLORERS)}")
    print(f"explorer latency in the page, input event -> new image ({args.rounds} rounds)")
    results = run(names, args.rounds, args.artifacts, args.npmem)
    print(f"the kernel imported {results['kernel']['npmem']}")
    print(f"kernel peak RSS after every change: {results['kernel']['peak_rss_mib']} MiB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    failed = [n for n in names if results[n]["no_new_image"]]
    if failed:
        print("no new image after some changes:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
