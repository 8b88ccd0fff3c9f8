"""Every source notebook runs top to bottom, quickly, as a learner's kernel would run it,
and every test cell in it scores full marks by nbgrader's rules (what ``nbgrader validate``
on the source notebook reports, without running the notebook a second time)."""

from __future__ import annotations

import time

import nbformat
import pytest
from nbclient import NotebookClient

from npmem.grading import config, rules
from npmem.grading.catalogue import ASSIGNMENTS, ROOT, source_notebook

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
    pattern = config.load(ROOT).ignore_pattern
    short = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            points = float(meta["points"])
            got = rules.score(rules.ignore_stderr(cell.outputs, pattern), points)
            if got != points:
                short.append(f"{meta['grade_id']}: {got}/{points} {cell.outputs}")
    assert not short, "test cells short of full marks:\n" + "\n".join(short)
    assert elapsed < MAX_SECONDS, f"{assignment} took {elapsed:.0f} s"
    # Nothing the notebook made is left beside it (data files go to a temp dir).
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert not leftovers, f"{assignment} left files in its directory: {leftovers}"
