"""The architecture page names every module of the package."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_module_is_in_the_package_map():
    page = (ROOT / "docs" / "architecture.md").read_text()
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "npmem").rglob("*.py"))
    assert modules, "no modules found"
    missing = [m for m in modules if f"| `{m}` |" not in page]
    assert not missing, f"docs/architecture.md lacks: {missing}"
