"""Re-check one submission in the sandbox, exercise by exercise (the trusted side).

The grading engine (:mod:`npmem.grading.engine`, through its client
:mod:`npmem.grading.answers`) runs here in a fresh :class:`~.box.Box` per engine process:
an unprivileged user, a private filesystem, no network, the limits of
:class:`~.settings.Limits`. What the box could not enforce (no cgroup, for example) is
reported as a warning.
"""

from __future__ import annotations

import subprocess

from npmem.grading.answers import Launch, Outcome, Plan, Started, grade

from .box import Box
from .settings import Limits


def in_box(limits: Limits) -> Launch:
    """Start the engine inside a new box with ``limits``, which ends with the process."""

    def launch(argv: list[str]) -> Started:
        box = Box(limits).__enter__()
        try:
            proc = box.popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                wall_seconds=limits.submission_timeout,
            )
        except BaseException:
            box.__exit__(None, None, None)
            raise
        return Started(proc, list(box.warnings), lambda: box.__exit__(None, None, None))

    return launch


def recheck(
    plan: Plan,
    answers: dict[str, str],
    limits: Limits,
    warnings: list[str] | None = None,
) -> list[Outcome]:
    """Verdicts for every exercise of ``plan`` on the student's ``answers`` (id -> code),
    graded in the sandbox; what it could not enforce is added to ``warnings``."""
    return grade(plan, answers, in_box(limits), limits.verify_timeout, warnings)
