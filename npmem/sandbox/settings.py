"""Every setting of the sandbox: one object, read once, passed down.

:class:`Limits` holds what a sandboxed student process tree may use and how the box is
made. Its fields are traitlets options of :class:`Sandbox`, set in ``nbgrader_config.py``
like any nbgrader option (``c.Sandbox.memory = "3G"``), with help text
(``nbgrader autograde --help-all`` lists them). An environment variable
``NPMEM_SANDBOX_<FIELD>`` overrides the configuration file, for one run; it is read here and
nowhere else. :meth:`Limits.resolve` (configuration, then environment) is called once per
grading run, by nbgrader's autograde step with nbgrader's own configuration and by the
course's commands with the course's (:func:`for_course`); the result is passed down to the
box, the jail and the engine. ``docs/security.md`` lists every setting (``make docs`` writes
the table from this class). ``NPMEM_SANDBOX=off`` switches the sandbox off (stock nbgrader):
it decides which preprocessors ``nbgrader_config.py`` installs, so it cannot be a setting
of what those preprocessors read.

The defaults are calibrated on this course: every notebook, including the 05-memmap lesson
that maps a 128 MiB file, runs to the end inside them with room to spare (see
``tests/test_sandbox_jail.py``), while a memory bomb, a fork bomb, a runaway loop or a flood of
output or of disk writes is stopped.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from typing import Any

KiB, MiB, GiB = 2**10, 2**20, 2**30

# Single-threaded numerical libraries: OpenBLAS otherwise reserves a large buffer per
# thread (numpy #10455) and fails to start threads under a process limit (OpenBLAS #4762).
THREAD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}


def parse_size(text: str | int) -> int:
    """``"512M"``, ``"2G"``, ``"1.5G"``, ``"4096"`` -> bytes."""
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?)i?B?\s*", str(text), re.IGNORECASE)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 512M or 2G)")
    number, unit = match.groups()
    scale = {"": 1, "K": KiB, "M": MiB, "G": GiB, "T": 2**40}[unit.upper()]
    return int(float(number) * scale)


SIZES = ("memory", "address_space", "tmp_size", "file_size")


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one sandboxed process tree may use."""

    # RAM of the whole tree, page cache and the private /tmp included (cgroup memory).
    memory: int = 2 * GiB
    # Address space of each process (RLIMIT_AS): a huge allocation fails at once with
    # MemoryError instead of growing into the cgroup limit. Maps count here, so it stays
    # well above what the memmap lesson maps.
    address_space: int = 5 * GiB // 2
    # Processes and threads of the tree (cgroup pids) and of the sandbox user (RLIMIT_NPROC).
    pids: int = 64
    # CPU seconds per process (RLIMIT_CPU).
    cpu_seconds: int = 600
    # The share of the machine's CPUs the tree may use (cgroup cpu).
    cpus: float = 1.0
    # Wall-clock seconds of one whole submission in the sandbox (the verifier's process).
    submission_timeout: float = 1200.0
    # Wall-clock seconds of one verification process (every exercise of a notebook).
    verify_timeout: float = 120.0
    # Size of the private, memory-backed /tmp (the only writable place).
    tmp_size: int = 512 * MiB
    # Size of one file written (RLIMIT_FSIZE).
    file_size: int = 256 * MiB
    # Open files per process (RLIMIT_NOFILE).
    open_files: int = 256
    # How the box is made: "root" (namespaces, a separate user, cgroups) or "plain"
    # (resource limits only); empty: root when run as root on Linux.
    mode: str = ""
    # "bwrap" (empty means the same), or "none": an explicit opt-out, for a machine where
    # bubblewrap cannot run, that grades with resource limits only; without it such a
    # machine refuses to grade.
    isolation: str = ""
    # Where live sandboxes' user-id slots are kept (root mode).
    state: str = "/run/npmem-sandbox"
    # The first of the user ids sandboxes run as (root mode).
    uid_base: int = 1_500_000_000
    # Sandboxes `make verify` runs side by side (0: two).
    workers: int = 0

    @classmethod
    def resolve(cls, config=None, env: Mapping[str, str] | None = None) -> Limits:
        """The settings of one grading run: ``config``'s ``c.Sandbox.*`` (a traitlets
        ``Config``, e.g. nbgrader's; None: the defaults), then ``NPMEM_SANDBOX_<FIELD>``
        variables of ``env`` (default: this process's environment) on top."""
        values: dict[str, Any] = {}
        if config is not None:
            configured = Sandbox(config=config)
            values = {f.name: getattr(configured, f.name) for f in dataclasses.fields(cls)}
        env = os.environ if env is None else env
        for field in dataclasses.fields(cls):
            raw = env.get(variable(field.name))
            if raw is not None:
                values[field.name] = _parse(field, raw)
        return cls(**values)


def variable(name: str) -> str:
    """The environment variable that overrides the setting ``name``."""
    return f"NPMEM_SANDBOX_{name.upper()}"


def _parse(field: dataclasses.Field, raw: str) -> Any:
    if field.name in SIZES:
        return parse_size(raw)
    if field.type in ("float", float):
        return float(raw)
    if field.type in ("str", str):
        return str(raw).strip()
    return int(raw)


def helps() -> dict[str, str]:
    """Each field's help: the comment lines above it in :class:`Limits`."""
    import inspect

    comments: dict[str, str] = {}
    pending: list[str] = []
    for line in inspect.getsource(Limits).splitlines():
        text = line.strip()
        if text.startswith("#"):
            pending.append(text.lstrip("#").strip())
        elif ":" in text and text.split(":", 1)[0].isidentifier():
            comments[text.split(":", 1)[0]] = " ".join(pending)
            pending = []
    return comments


def _sandbox_class():
    """:class:`Sandbox`: a traitlets ``Configurable`` with one option per :class:`Limits`
    field, its default and its help (so nothing is written twice)."""
    from traitlets import Float, Integer, TraitError, TraitType, Unicode
    from traitlets.config import Configurable

    class ByteSize(TraitType):
        """A size in bytes, given as a number or as text such as ``"512M"`` or ``"2G"``."""

        info_text = "a size in bytes, or text such as 512M or 2G"

        def validate(self, obj, value):
            try:
                return parse_size(value)
            except (TypeError, ValueError) as err:
                raise TraitError(f"Sandbox.{self.name}: {err}") from None

    defaults, texts, traits = Limits(), helps(), {}
    for field in dataclasses.fields(Limits):
        default = getattr(defaults, field.name)
        kind = (
            ByteSize
            if field.name in SIZES
            else Float
            if field.type in ("float", float)
            else Unicode
            if field.type in ("str", str)
            else Integer
        )
        help = f"{texts[field.name]} (environment: {variable(field.name)})"
        traits[field.name] = kind(default, help=help).tag(config=True)
    doc = "The grading sandbox's limits and isolation (``c.Sandbox.*`` in nbgrader_config.py)."
    return type("Sandbox", (Configurable,), {"__doc__": doc, "__module__": __name__, **traits})


Sandbox = _sandbox_class()


def for_course(root) -> Limits:
    """The settings of a grading run of the course at ``root``: its nbgrader configuration
    (Jupyter config paths, then ``root/nbgrader_config.py``), then the environment."""
    from npmem.grading.config import course_config

    return Limits.resolve(course_config(root))


def enabled(env: Mapping[str, str] | None = None) -> bool:
    """The sandbox is on unless ``NPMEM_SANDBOX=off`` (stock nbgrader, for comparison)."""
    env = os.environ if env is None else env
    return env.get("NPMEM_SANDBOX", "on").strip().lower() not in ("off", "0", "no", "false")
