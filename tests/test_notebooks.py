"""Every source notebook runs top to bottom, quickly, as a learner's kernel would run it."""

from __future__ import annotations

import time

import nbformat
import pytest
from nbclient import NotebookClient

from npmem.grading.catalogue import ASSIGNMENTS, source_notebook

pytestmark = pytest.mark.slow

# Generous for a shared CI box; `make bench` reports the real figures.
MAX_SECONDS = 120


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_source_notebook_runs_clean(assignment, tmp_path):
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    errors = [
        f"cell {cell.id}: {out.ename}: {out.evalue}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors, "\n".join(errors)
    assert elapsed < MAX_SECONDS, f"{assignment} took {elapsed:.0f} s"
    # Nothing the notebook made is left beside it (data files go to a temp dir).
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert not leftovers, f"{assignment} left files in its directory: {leftovers}"
