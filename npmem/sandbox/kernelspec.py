"""The ``npmem-sandbox`` kernelspec: an IPython kernel started through the sandbox launcher.

The spec lives in this package (``kernels/npmem-sandbox/kernel.json``); its ``argv`` starts
with ``python``, which Jupyter replaces by the grader's own interpreter. ``nbgrader_config.py``
adds :data:`KERNELS` to the kernel search path and names the kernel for autograde, so
nothing has to be installed.
"""

from __future__ import annotations

from pathlib import Path

KERNEL_NAME = "npmem-sandbox"
KERNELS = Path(__file__).resolve().parent / "kernels"


def kernel_dirs() -> list[str]:
    """Jupyter's kernel search path with this package's kernels first."""
    from jupyter_core.paths import jupyter_path

    return [str(KERNELS), *jupyter_path("kernels")]
