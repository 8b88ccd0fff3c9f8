"""The ``npmem-sandbox`` kernelspec: an IPython kernel started through the sandbox launcher.

The spec lives in this package (``kernels/npmem-sandbox/kernel.json``); its ``argv`` starts
with ``python``, which Jupyter replaces by the grader's own interpreter. ``nbgrader_config.py``
adds :data:`KERNELS` to the kernel search path and names the kernel for autograde, so
nothing has to be installed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir

KERNEL_NAME = "npmem-sandbox"
KERNELS = Path(__file__).resolve().parent / "kernels"


def kernel_dirs() -> list[str]:
    """Jupyter's kernel search path with this package's kernels first."""
    from jupyter_core.paths import jupyter_path

    return [str(KERNELS), *jupyter_path("kernels")]


class IpcKernelManager(AsyncKernelManager):
    """A kernel manager that talks to its kernel over Unix sockets with absolute paths.

    jupyter_client's ``ipc`` transport names the sockets after ``ip``, which defaults to
    the *relative* ``kernel-ipc``: the client looks for them in its own working directory
    and the kernel creates them in the notebook's, so a kernel started in the submission's
    folder is never reached. Here every kernel gets a name of its own in Jupyter's runtime
    directory: no two kernels share a socket, and no port can be taken by another kernel
    starting at the same moment (as TCP ports were).
    """

    def write_connection_file(self, **kwargs):
        if self.transport == "ipc" and not os.path.isabs(self.ip):
            runtime = jupyter_runtime_dir()
            os.makedirs(runtime, mode=0o700, exist_ok=True)
            self.ip = os.path.join(runtime, f"npmem-{secrets.token_hex(8)}-ipc")
        return super().write_connection_file(**kwargs)
