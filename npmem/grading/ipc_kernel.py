"""Kernels reached over Unix sockets with absolute paths: ``IpcKernelManager``.

``nbgrader_config.py`` names it as the kernel manager of every notebook nbgrader runs
(``nbgrader validate``, stock autograde with the sandbox off).
"""

from __future__ import annotations

import os
import secrets

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir


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
