"""Learner-facing text lives in one place: no sentence is copied between the docs and the
notebooks (which the build writes from content/ and npmem/authoring)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def sentences(text: str) -> set[str]:
    text = re.sub(r"[`*_]", "", re.sub(r"\s+", " ", text))
    return {s.strip() for s in re.split(r"(?<=[.!?:])\s", text) if len(s.strip()) >= 60}


def _docs() -> dict[str, set[str]]:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return {p.name: sentences(p.read_text()) for p in pages}


def _notebooks() -> dict[str, set[str]]:
    paths = [ROOT / "notebooks" / "index.ipynb", *sorted((ROOT / "release").glob("*/*.ipynb"))]
    out = {}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        out[str(path.relative_to(ROOT))] = sentences(text)
    return out


def test_no_sentence_is_copied_between_the_docs_and_the_notebooks():
    notebooks = _notebooks()
    copied = [
        f"{page} and {nb}: {s[:80]}..."
        for page, ours in _docs().items()
        for nb, theirs in notebooks.items()
        for s in ours & theirs
    ]
    assert not copied, "write it once and link to it:\n" + "\n".join(copied)


def test_the_check_finds_a_copied_sentence():
    line = "A learner's answers live in my-work/, which no course command ever regenerates."
    assert sentences(f"Intro. {line}") & sentences(f"{line} More text follows here.")
