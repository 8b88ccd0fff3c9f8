"""The ``npmem-sandbox`` kernelspec: an IPython kernel started through the sandbox launcher.

The spec lives in this package (``kernels/npmem-sandbox/kernel.json``); its ``argv`` starts
with ``python``, which Jupyter replaces by the grader's own interpreter.
``nbgrader_config.py`` names :class:`IpcKernelManager` as the kernel manager and the kernel
for autograde; the manager finds the spec in :data:`KERNELS` itself (its kernelspec manager
searches there first), so nothing is installed and no environment variable is changed
when the configuration loads.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from traitlets import default

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

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self):
        from jupyter_client.kernelspec import KernelSpecManager

        return KernelSpecManager(data_dir=self.data_dir, kernel_dirs=kernel_dirs())

    async def _async_pre_start_kernel(self, **kw):
        # the sandbox proxy's backstop for a cell that ignores interrupts: 30 s after
        # nbgrader's own per-cell timeout (Execute.timeout), unless set explicitly
        env = dict(kw.pop("env", None) or os.environ)
        timeout = self.config.get("Execute", {}).get("timeout")
        if isinstance(timeout, int | float) and timeout > 0:
            env.setdefault("NPMEM_SANDBOX_CELL_TIMEOUT", str(timeout + 30))
        return await super()._async_pre_start_kernel(env=env, **kw)

    def write_connection_file(self, **kwargs):
        if self.transport == "ipc" and not os.path.isabs(self.ip):
            runtime = jupyter_runtime_dir()
            os.makedirs(runtime, mode=0o700, exist_ok=True)
            self.ip = os.path.join(runtime, f"npmem-{secrets.token_hex(8)}-ipc")
        return super().write_connection_file(**kwargs)
