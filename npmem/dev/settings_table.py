"""The sandbox's settings table in docs/security.md, written from ``npmem.sandbox.settings``.

``npmem settings-table`` (part of ``make docs``) rewrites it; ``tests/test_sandbox_units.py``
fails when it is stale.
"""

from __future__ import annotations

import dataclasses
import sys

from npmem.sandbox.settings import SIZES, Limits, MiB, helps, variable

from .package_map import ROOT
from .pages import between

PAGE = ROOT / "docs" / "security.md"
BEGIN, END = "<!-- settings table: begin -->", "<!-- settings table: end -->"


def table() -> str:
    """Every setting of :class:`Limits`, as a Markdown table."""
    rows = ["| `c.Sandbox.` option | environment | default | what |", "|---|---|---|---|"]
    for field in dataclasses.fields(Limits):
        default = getattr(Limits(), field.name)
        shown = f"{default // MiB} MiB" if field.name in SIZES else f"`{default!r}`"
        rows.append(
            f"| `{field.name}` | `{variable(field.name)}` | {shown} | {helps()[field.name]} |"
        )
    return "\n".join(rows)


def updated(page: str) -> str:
    return between(page, BEGIN, END, table())


def main(argv: list[str] | None = None) -> int:
    PAGE.write_text(updated(PAGE.read_text()))
    print(f"wrote the settings table of {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
