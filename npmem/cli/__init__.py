"""``npmem COMMAND [ARGS]``: the course's command line, behind every ``make`` target.

Each command is one module's own command line (``npmem COMMAND --help`` shows its
options); this table is the only place that names them all.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module with a main(argv), leading arguments, one line of help), by audience
COMMANDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    # learners
    "lab": ("npmem.selfcheck.lab", (), "JupyterLab for a learner, on my-work/"),
    "check": ("npmem.selfcheck.__main__", (), "check a saved notebook, as its last cell does"),
    # instructors
    "lab-instructor": ("npmem.instructor.__main__", ("lab",), "JupyterLab with the formgrader"),
    "release": ("npmem.instructor.__main__", ("release",), "generate and release assignments"),
    "collect": ("npmem.instructor.__main__", ("collect",), "collect the latest submissions"),
    "autograde": ("", (), "autograde in the sandbox (--jobs N, or --scheduler on Dask)"),
    "feedback": ("npmem.instructor.__main__", ("feedback",), "feedback per exercise"),
    "export": ("npmem.instructor.__main__", ("export",), "grades.csv"),
    "report": ("npmem.instructor.__main__", ("report",), "the class report"),
    "regrade": ("npmem.instructor.__main__", ("regrade",), "grade one (late) student again"),
    "due": ("npmem.instructor.__main__", ("due",), "set an assignment's due date"),
    "triage": ("npmem.instructor.__main__", ("check",), "list broken submissions"),
    "verify": ("npmem.sandbox.verify", (), "re-check a gradebook filled another way"),
    "grade-secure": ("npmem.sandbox.grade", (), "nbgrader autograde with the sandbox on"),
    # authors and developers
    "build": ("npmem.authoring.build", (), "content/ -> source/ and the front door"),
    "demo": ("npmem.dev.demo", (), "the instructor pipeline on the sample class"),
    "bench": ("npmem.dev.bench", (), "notebook time and memory, grading speed"),
    "bench-explorers": ("npmem.dev.bench_explorers", (), "explorer latency in a real browser"),
    "bench-page": ("npmem.dev.bench_page", (), "docs/benchmarks.md from bench-results/"),
    "mutation": ("npmem.dev.mutation", (), "the mutation pass over the hidden tests"),
    "diagnoses": ("npmem.dev.diagnoses", (), "the catalogue of known mistakes' signatures"),
    "package-map": ("npmem.dev.package_map", (), "rewrite docs/architecture.md's map"),
    "settings-table": ("npmem.dev.settings_table", (), "rewrite docs/security.md's settings"),
}


def _settings() -> str:
    """The grading settings and their defaults, in a few lines."""
    import dataclasses
    import textwrap

    from npmem.sandbox.settings import SIZES, Limits, MiB

    items = [
        f"{f.name}={getattr(Limits(), f.name) // MiB}M"
        if f.name in SIZES
        else f"{f.name}={getattr(Limits(), f.name)!r}"
        for f in dataclasses.fields(Limits)
    ]
    return textwrap.fill(" ".join(items), 88, initial_indent="  ", subsequent_indent="  ")


def _usage() -> str:
    width = max(map(len, COMMANDS))
    rows = [f"  {name:<{width}}  {what}" for name, (_, _, what) in COMMANDS.items()]
    return (
        "usage: npmem COMMAND [ARGS]   (npmem COMMAND --help for its options)\n\n"
        + "The course's command line: every make target runs one of these commands."
        + "\n\ncommands:\n"
        + "\n".join(rows)
        + "\n\ngrading settings (c.Sandbox.<name> in nbgrader_config.py, or the environment"
        + "\nvariable NPMEM_SANDBOX_<NAME> for one run; docs/security.md), with defaults:\n"
        + _settings()
    )


def resolve(argv: list[str]) -> tuple[str, list[str]]:
    """The module to run and its arguments, for ``npmem`` called with ``argv``."""
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        raise KeyError(command)
    module, lead, _ = COMMANDS[command]
    if command == "autograde":  # on Dask when a scheduler is named, else on local cores
        on_dask = any(a == "--scheduler" or a.startswith("--scheduler=") for a in rest)
        module = "npmem.cluster.__main__" if on_dask else "npmem.instructor.__main__"
        lead = ("autograde",)
    return module, [*lead, *rest]


# commands that write grades on this machine: they refuse at once, in one line, where the
# sandbox cannot isolate (a Dask worker checks on its own machine)
GRADING = {"autograde", "regrade", "verify", "grade-secure"}


def sandbox_refusal(root: str = ".") -> str | None:
    """Why secure grading of the course at ``root`` cannot run here, or None (also None
    when the sandbox is off)."""
    from npmem.sandbox.box import SandboxUnavailable, isolation
    from npmem.sandbox.settings import enabled, for_course

    if not enabled():
        return None
    try:
        isolation(for_course(root))
    except SandboxUnavailable as err:
        return str(err)
    return None


def _root_of(args: list[str]) -> str:
    """The course directory a grading command was given (``--root DIR``), else here."""
    for k, arg in enumerate(args):
        if arg == "--root" and k + 1 < len(args):
            return args[k + 1]
        if arg.startswith("--root="):
            return arg.partition("=")[2]
    return "."


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    try:
        module, args = resolve(argv)
    except KeyError:
        print(f"npmem: unknown command {argv[0]!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    asks_help = any(a in ("-h", "--help") for a in args)
    if argv[0] in GRADING and module != "npmem.cluster.__main__" and not asks_help:
        refusal = sandbox_refusal(_root_of(args))
        if refusal:
            print(f"npmem {argv[0]}: {refusal}", file=sys.stderr)
            return 2
    return importlib.import_module(module).main(args) or 0
