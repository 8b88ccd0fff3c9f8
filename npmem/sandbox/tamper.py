"""What a submission changed in the notebook's structure, compared with the release.

nbgrader's own sanitising (``OverwriteCells`` with ``add_missing_cells``,
``DeduplicateIds``, ``OverwriteKernelspec``, ``ClearOutput``) already grades a tampered
notebook against the instructor's cells, and the verifier never reads the submitted test
cells at all. These findings are for the instructor: a deleted, edited, retyped or
duplicated test cell, changed points or ids, another kernel, files added next to the
notebook. Editing a read-only cell can be an accident (JupyterLab lets one untick
"read-only"); the report says what changed and that it was graded as if untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from npmem.grading.cells import meta as cell_meta
from npmem.grading.cells import source as cell_source

# what nbgrader itself puts beside a submitted notebook: the submission time, and (from the
# exchange, since 0.9) the secret that matches released feedback to the submission
EXPECTED_FILES = {"timestamp.txt", "submission_secret.txt"}


@dataclass
class Finding:
    cell: str  # grade id, or "" for the whole notebook
    what: str

    def __str__(self) -> str:
        return f"{self.cell}: {self.what}" if self.cell else self.what


def _flags(meta: dict) -> tuple:
    return tuple(bool(meta.get(k)) for k in ("grade", "solution", "locked"))


def check(release: dict, submitted: dict | None, folder: Path | None = None) -> list[Finding]:
    """Structural changes of ``submitted`` (notebook JSON) relative to ``release``."""
    if submitted is None:
        return [Finding("", "the notebook cannot be read (not valid notebook JSON)")]
    found: list[Finding] = []
    want = release.get("metadata", {}).get("kernelspec", {}).get("name")
    got = (submitted.get("metadata") or {}).get("kernelspec", {}) or {}
    if want and got.get("name") != want:
        found.append(Finding("", f"kernelspec changed to {got.get('name')!r}"))
    released = {
        cell_meta(c)["grade_id"]: c for c in release["cells"] if cell_meta(c).get("grade_id")
    }
    copies: dict[str, list[dict]] = {}
    for cell in submitted.get("cells", []):
        if isinstance(cell, dict) and cell_meta(cell).get("grade_id"):
            copies.setdefault(cell_meta(cell)["grade_id"], []).append(cell)
    for gid, original in released.items():
        meta = cell_meta(original)
        instructor = meta.get("locked") or (meta.get("grade") and not meta.get("solution"))
        kind = "test cell" if meta.get("grade") else "read-only cell" if instructor else "answer"
        mine = copies.get(gid, [])
        if not mine:
            found.append(Finding(gid, f"{kind} deleted (or its metadata removed)"))
            continue
        if len(mine) > 1:
            found.append(Finding(gid, f"{kind} duplicated ({len(mine)} copies)"))
        last = mine[-1]  # the copy nbgrader keeps
        if last.get("cell_type") != original.get("cell_type"):
            found.append(Finding(gid, f"{kind} retyped to {last.get('cell_type')}"))
        if _flags(cell_meta(last)) != _flags(meta):
            found.append(Finding(gid, f"{kind}: nbgrader flags changed"))
        if meta.get("grade") and cell_meta(last).get("points") != meta.get("points"):
            found.append(
                Finding(
                    gid,
                    f"points changed from {meta.get('points')} to {cell_meta(last).get('points')}",
                )
            )
        if instructor and cell_source(last) != cell_source(original):
            found.append(Finding(gid, f"{kind} edited"))
    for gid in copies.keys() - released.keys():
        found.append(Finding(gid, "a cell with an id the assignment does not have"))
    if folder is not None and folder.is_dir():
        extra = sorted(
            p.name
            for p in folder.iterdir()
            if p.name not in EXPECTED_FILES and p.suffix != ".ipynb"
        )
        if extra:
            found.append(Finding("", "files added to the submission: " + ", ".join(extra)))
    return found
