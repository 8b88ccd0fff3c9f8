"""``make lab``: JupyterLab for a learner, on the learner's own copy of the course.

It first makes sure ``my-work/`` holds every assignment (``workspace.ensure``), then
starts ``jupyter lab`` on the course folder, opening ``my-work/index.ipynb``, with the
nbgrader tools a learner has no use for switched off for this server only, as Binder's
``postBuild`` does: the instructor's Create Assignment sidebar, Formgrader and Course
List, and the Assignment List, which needs a course exchange a self-learner does not
have (it would only say "Error fetching courses!"), and the **Nbgrader** menu, which
lists only those tools (it would open empty). Validate stays. Nothing is disabled
in the environment itself: ``make lab-instructor`` (plain ``jupyter lab``) has them all.

The lab extensions are disabled by a page config (``learner_lab/labconfig/
page_config.json``) on ``JUPYTER_CONFIG_PATH``, the server extensions on the command
line (``ServerApp.jpserver_extensions``, which takes precedence over the environment's
``jupyter_server_config.d``). Extra arguments go to ``jupyter lab``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import workspace

CONFIG = Path(__file__).with_name("learner_lab")  # its labconfig/page_config.json
LAB_EXTENSIONS_OFF = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:menu",  # the Nbgrader menu: it would hold only the tools above
)
SERVER_EXTENSIONS_OFF = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.assignment_list",
)


def command(root: Path, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """The ``jupyter lab`` command line and environment of a learner's Lab on ``root``."""
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    argv = [
        jupyter,
        "lab",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{workspace.WORKDIR}/{workspace.FRONT_DOOR}",
        *(f"--ServerApp.jpserver_extensions={name}=False" for name in SERVER_EXTENSIONS_OFF),
        *(["--allow-root"] if os.geteuid() == 0 else []),
        *extra,
    ]
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        filter(None, [str(CONFIG), os.environ.get("JUPYTER_CONFIG_PATH")])
    )
    return argv, env


def main(argv: list[str] | None = None) -> int:
    from npmem.grading.catalogue import ROOT

    workspace.main(["--root", str(ROOT)])
    args, env = command(ROOT, list(sys.argv[1:] if argv is None else argv))
    os.execvpe(args[0], args, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
