"""The package's layers hold, and the architecture page's package map is current."""

from __future__ import annotations

from npmem.dev import package_map as pm


def test_no_import_points_up_the_layers_or_across_the_front_ends():
    wrong = pm.backward_imports()
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_layer_check_sees_a_backward_import(tmp_path, monkeypatch):
    """The walk finds function-level and relative imports, so the test above can fail."""
    pkg = tmp_path / "npmem"
    (pkg / "selfcheck").mkdir(parents=True)
    (pkg / "grading").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "grading" / "__init__.py").write_text("def f():\n    from ..selfcheck import x\n")
    (pkg / "selfcheck" / "__init__.py").write_text("import npmem.dev.demo\n")
    monkeypatch.setattr(pm, "PACKAGE", pkg)
    monkeypatch.setattr(pm, "ROOT", tmp_path)
    wrong = pm.backward_imports()
    assert any(
        "npmem/grading/__init__.py:2" in w and "imports npmem.selfcheck " in w for w in wrong
    ), wrong
    assert any("npmem/selfcheck/__init__.py:1" in w and "(dev)" in w for w in wrong)
    assert len(wrong) == 2, wrong


def test_every_module_is_in_a_layer():
    for path in pm.modules():
        pm.layer_of(pm.module_name(path))  # raises KeyError for a module in no layer


def test_the_package_map_is_current():
    page = pm.PAGE.read_text()
    assert pm.updated(page) == page, "docs/architecture.md is stale: run make docs"
    for path in pm.modules():
        assert f"| `{path.relative_to(pm.ROOT)}` |" in page, path
