"""docs/benchmarks.md, written from the figures ``make bench`` measured (bench-results/).

``make bench`` runs the notebook, grading and explorer benchmarks, each writing JSON to
``bench-results/``; this module turns those files into the benchmarks page, with the
machine they were measured on. Nothing on the page is typed by hand: rerun ``make bench``
to refresh it. Figures vary by machine and by load; the page says what the load was.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from .package_map import ROOT

RESULTS = ROOT / "bench-results"
PAGE = ROOT / "docs" / "benchmarks.md"


def _load(name: str, folder: Path):
    path = folder / name
    return json.loads(path.read_text()) if path.exists() else None


def _machine() -> str:
    import numpy

    cpus = os.cpu_count()
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPU(s){mem}; "
        f"Python {platform.python_version()}, NumPy {numpy.__version__}"
    )


def render(folder: Path = RESULTS, when: str | None = None, machine: str | None = None) -> str:
    notebooks = _load("notebooks.json", folder)
    grading = _load("grading.json", folder)
    explorers = _load("explorers.json", folder)
    diagnosis = _load("diagnosis.json", folder)
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` from its own measurements (`bench-results/*.json`); do not",
        "edit. The figures are one run's, on the machine below; they vary by machine and by",
        "load. Rerun `make bench` to measure yours.",
        "",
    ]
    if notebooks or grading or explorers:
        stamp = when or time.strftime("%Y-%m-%d %H:%M %Z")
        out += [f"Measured {stamp} on {machine or _machine()}.", ""]
    if notebooks:
        out += [
            "## Notebooks, top to bottom",
            "",
            "Each source notebook with the reference answers, in a fresh kernel: wall time,",
            "the kernel's peak resident memory (`VmHWM`), and the learner's *Check my work*",
            "on it (`full`: every cell, as stock nbgrader would run them).",
            "",
            "| notebook | seconds | peak RSS MiB | check s | check, every cell s | slowest cell |",
            "|---|---|---|---|---|---|",
        ]
        for r in notebooks:
            out.append(
                f"| {r['assignment']} | {r['seconds']:.1f} | {r['peak_rss_mib']:.0f} | "
                f"{r.get('check_seconds', float('nan')):.1f} | "
                f"{r.get('check_every_cell_seconds', float('nan')):.1f} | "
                f"{r['slowest_cell']} ({r['slowest_cell_seconds']:.1f} s) |"
            )
        out.append("")
    if grading:
        n, jobs = grading["submissions"], grading["jobs"]
        out += [
            "## Grading a class",
            "",
            f"A simulated class of {grading['students']} students "
            f"({n} submissions: perfect, partial and blank hand-ins), graded three ways "
            f"side by side; load average {grading['load_average_before']} before the run.",
            "",
            "| pipeline | seconds | s / submission | scores |",
            "|---|---|---|---|",
            f"| stock `nbgrader autograde`, serial | {grading['serial_seconds']:.1f} | "
            f"{grading['serial_seconds_per_submission']:.2f} | reference |",
            f"| secure (`make autograde JOBS={jobs}`) | {grading['secure_seconds']:.1f} | "
            f"{grading['secure_seconds_per_submission']:.2f} | "
            f"{'identical' if grading['identical_scores'] else 'DIFFER'} |",
        ]
        if "dask_seconds" in grading:
            out.append(
                f"| secure on a {grading['dask_workers']}-worker Dask LocalCluster | "
                f"{grading['dask_seconds']:.1f} | {grading['dask_seconds_per_submission']:.2f} | "
                f"{'identical' if grading['dask_identical_scores'] else 'DIFFER'} |"
            )
        out += [
            "",
            f"Secure speed-up over stock serial: {grading['speedup']:.2f}×; "
            f"{grading['verified']} notebooks graded in the sandbox, {grading['flagged']} "
            "flagged for review.",
        ]
        if "dask_overhead_percent" in grading:
            out.append(
                f"Dask distribution overhead against the local JOBS={jobs} run: "
                f"{grading['dask_overhead_percent']:+.1f} % (the cluster's start, "
                f"{grading['dask_cluster_start_seconds']:.1f} s, not counted)."
            )
        out.append("")
    if explorers:
        kernel = explorers.pop("kernel", {})
        out += [
            "## Explorers in a real JupyterLab",
            "",
            "Headless Chromium; milliseconds from a control's change event to the new",
            "picture in the page, over every option (the first round draws each setting",
            "for the first time).",
            "",
            "| explorer | changes | median ms | max ms | first round median | first round max |",
            "|---|---|---|---|---|---|",
        ]
        for name, r in explorers.items():
            first = r["first_round"]
            out.append(
                f"| {name} | {r['changes']} | {r['median_ms']:.0f} | {r['max_ms']:.0f} | "
                f"{first['median_ms']:.0f} | {first['max_ms']:.0f} |"
            )
        if kernel:
            out += ["", f"Kernel peak resident memory after every change: "
                    f"{kernel['peak_rss_mib']} MiB."]  # fmt: skip
        out.append("")
    if diagnosis:
        out += diagnosis_section(diagnosis)
    if not (notebooks or grading or explorers or diagnosis):
        out += ["No measurements yet: run `make bench`.", ""]
    return "\n".join(out)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


# what each held-out set of wrong answers is, and how blind its measurement is
HELD_OUT = {
    "independent": (
        "Written by authors who saw only each exercise's text, visible tests and hints. Not"
        " measured blind: the finer failure kinds (`ndim`, `nonfinite`, `rounding`) and the"
        " rule of four failed checks (`npmem.grading.diagnosis.EVIDENCE`, set from the"
        " catalogue's own shared signatures) were chosen after the wrong diagnoses on this"
        " set had been read."
    ),
    "blind": (
        "Written the same way, three per exercise, after the lessons and the diagnosis rules"
        " were settled, and measured once, blind: nothing was changed after reading these"
        " diagnoses. Each diagnosis was judged by a person who saw only the answer and the"
        " misconception named."
    ),
}


def held_out_table(name: str, d: dict) -> list[str]:
    """One held-out set's figures: answers, failing, diagnosed, judged right or wrong."""
    out = [
        f"**`samples/{name}`** (never catalogued), diagnosed against the catalogue of known",
        f"mistakes by `npmem diagnoses --measure samples/{name} --summary`; measured",
        f"{d.get('measured', '(no date)')}. {HELD_OUT.get(name, '')} *Right*: a person read",
        "the answer and judged that the misconception named is what it does",
        f"(`samples/{name}/judged.toml`); *unjudged*: a diagnosis nobody has read yet.",
        "",
        "| assignment | answers | failing | diagnosed | right | wrong | unjudged |"
        " right of diagnosed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, a in [*d["assignments"].items(), ("**total**", d["total"])]:
        out.append(
            f"| {label} | {a['answers']} | {a['failing']} | {a['diagnosed']} "
            f"({_share(a['diagnosed'], a['failing'])}) | {a['right']} | {a['wrong']} "
            f"| {a['unjudged']} | {_share(a['right'], a['diagnosed'])} |"
        )
    t = d["total"]
    return out + [
        "",
        f"Reference answers: {t.get('references_passed', 0)} of {t.get('references', 0)} "
        f"pass, and {t.get('references_diagnosed', 0)} get a diagnosis (a passing answer "
        "never does).",
        "",
    ]


def diagnosis_section(d: dict) -> list[str]:
    """The page's *Diagnosis* section: how often the catalogue names a held-out failing
    answer's misconception, how often rightly, and what the extra run costs."""
    out = ["## Diagnosis", ""]
    for name, figures in d.get("held_out", {}).items():
        out += held_out_table(name, figures)
    for c in d.get("cost", []):
        check, grading = c["check_seconds"], c["grading_seconds"]
        out += [
            f"What diagnosis costs, on {c['assignment']} with all {c['exercises']} exercises "
            f"answered wrong (each a catalogued wrong answer; median of {c['repeats']} runs, "
            "by `npmem diagnoses "
            + c["assignment"]
            + " --cost`; measured "
            + c.get("measured", "(no date)")
            + "):",
            "",
            "| step | diagnosis off s | diagnosis on s | exercises named |",
            "|---|---|---|---|",
            f"| *Check my work* | {check['off']:.2f} | {check['on']:.2f} "
            f"| {c['check_named']} of {c['check_failed']} failing |",
            f"| the grader's sandboxed check of the notebook | {grading['off']:.2f} "
            f"| {grading['on']:.2f} | {c['grading_named']} |",
            "",
            f"One whole `nbgrader autograde` of that hand-in (diagnosis on): "
            f"{c['autograde_seconds']:.1f} s.",
            "",
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="npmem bench-page", description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=PAGE)
    a = parser.parse_args(argv)
    a.out.write_text(render(a.results))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
