"""Whole-notebook facts the course keeps the same everywhere: kernel metadata and titles."""

from __future__ import annotations

from pathlib import Path

import nbformat


def notebook_metadata() -> dict:
    """Kernel and language metadata as the course's kernel reports them, so that JupyterLab
    has nothing to add when it opens a notebook (which would mark it modified)."""
    from ipykernel.ipkernel import IPythonKernel
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()
    return {
        "kernelspec": {
            "display_name": spec["display_name"],
            "language": spec["language"],
            "name": "python3",
        },
        "language_info": dict(IPythonKernel.language_info),
    }


def title(notebook: Path) -> str:
    """The notebook's first markdown heading, without its leading '#' (or its folder's name)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return Path(notebook).parent.name
