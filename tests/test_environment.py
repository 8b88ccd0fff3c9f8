"""The dependency pins agree with each other.

pyproject.toml states the version ranges; constraints.txt (`make lock`) holds the test
environment at one exact version of every package; environment.yml (Binder/conda) pins
every package of the learner's environment exactly, at the version constraints.txt has,
and that version lies in pyproject.toml's range. docs/testing.md, "Upgrading
dependencies", says how to move all three together. And the wheel ships every file npmem
reads beside its modules (pyproject.toml's package-data).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _environment_yml(text: str) -> list[tuple[str, str, str]]:
    """(section, name, spec) for every package of environment.yml's dependencies.

    section is "conda" for a top-level item and "pip" for an item of `- pip:`;
    spec is what follows the name ("=2.4.6", "==1.20.0", ">=2.1,<3", "").
    """
    items, section = [], None
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if re.match(r"^[a-z]+:", line):
            section = line.split(":")[0]
            continue
        m = re.match(r"^(\s*)- (.+)$", line)
        if section != "dependencies" or not m or m[2].strip() == "pip:":
            continue
        name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", m[2].strip()).groups()
        items.append(("conda" if len(m[1]) <= 2 else "pip", name, spec.replace(" ", "")))
    return items


def _constraints(text: str) -> tuple[str | None, dict[str, str]]:
    """(the Python the lock was made on, {package: version}) from constraints.txt."""
    python = re.search(r"on Python (3\.\d+\.\d+)", text)
    pins: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"constraints.txt: {line!r} is not name==version"
            pins[_canonical(name)] = version
    return (python[1] if python else None), pins


def _pyproject(text: str) -> tuple[str, list[Requirement], dict[str, list[Requirement]]]:
    """(requires-python, dependencies, {extra: requirements}) from pyproject.toml."""
    project = tomllib.loads(text)["project"]
    extras = {
        extra: [Requirement(r) for r in reqs]
        for extra, reqs in project.get("optional-dependencies", {}).items()
    }
    deps = [Requirement(r) for r in project["dependencies"]]
    return project["requires-python"], deps, extras


def pin_problems(environment: str, constraints: str, pyproject: str) -> list[str]:
    """Everything that breaks the rule above, one sentence each (empty: all agree)."""
    problems = []
    lock_python, locked = _constraints(constraints)
    requires_python, deps, extras = _pyproject(pyproject)
    ranges: dict[str, list[SpecifierSet]] = {}
    exact: dict[str, str] = {}  # packages pyproject itself pins with ==
    for req in deps + [r for reqs in extras.values() for r in reqs]:
        ranges.setdefault(_canonical(req.name), []).append(req.specifier)
        for spec in req.specifier:
            if spec.operator == "==" and "*" not in spec.version:
                exact[_canonical(req.name)] = spec.version

    # the lock satisfies pyproject: dependencies and the test extra are all in it
    for req in deps + extras.get("test", []):
        version = locked.get(_canonical(req.name))
        if version is None:
            problems.append(f"constraints.txt has no {req.name} (run make lock)")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"constraints.txt has {req.name}=={version}, outside {req}")

    named = set()
    for section, name, spec in _environment_yml(environment):
        key = _canonical(name)
        named.add(key)
        m = re.fullmatch(r"==?([0-9][0-9A-Za-z.+!]*)" if section == "conda" else r"==(\S+)", spec)
        if not m or "*" in spec:
            op = "=" if section == "conda" else "=="
            problems.append(f"environment.yml: {name}{spec} is not pinned exactly ({name}{op}X)")
            continue
        version = m[1]
        if key == "python":
            if not re.fullmatch(r"3\.11\.\d+", version):
                problems.append(f"environment.yml: python={version}, not python=3.11.<patch>")
            if version != lock_python:
                problems.append(
                    f"environment.yml: python={version}, constraints.txt was made on "
                    f"Python {lock_python}"
                )
            if not SpecifierSet(requires_python).contains(version):
                problems.append(f"environment.yml: python={version} outside {requires_python}")
            continue
        # the lock's version; a package outside the test environment (an optional extra,
        # such as memray) must be pinned exactly by pyproject.toml instead
        want = locked.get(key, exact.get(key))
        if want is None:
            problems.append(
                f"environment.yml: {name} is neither in constraints.txt nor pinned with == "
                "in pyproject.toml"
            )
        elif Version(version) != Version(want):
            source = "constraints.txt has" if key in locked else "pyproject.toml pins"
            problems.append(f"environment.yml: {name} {version}, {source} {want}")
        for specifier in ranges.get(key, []):
            if not specifier.contains(version, prereleases=True):
                problems.append(
                    f"environment.yml: {name} {version} outside pyproject's {specifier}"
                )
    if "python" not in named:
        problems.append("environment.yml does not pin python")
    for req in deps:
        if _canonical(req.name) not in named:
            problems.append(f"environment.yml lacks {req.name}, a dependency of npmem")
    return problems


def _texts() -> tuple[str, ...]:
    return tuple(
        (ROOT / name).read_text()
        for name in ("environment.yml", "constraints.txt", "pyproject.toml")
    )


def test_environment_yml_is_pinned_to_the_lock_within_pyprojects_ranges():
    assert pin_problems(*_texts()) == []


def test_the_pin_check_fails_on_a_range_a_stale_pin_or_a_pin_outside_the_range():
    env, lock, pyproject = _texts()
    numpy = re.search(r"^  - numpy=(\S+)$", env, re.M)
    assert numpy, "environment.yml pins numpy=X"

    def problems_with(env=env, lock=lock, pyproject=pyproject):
        return pin_problems(env, lock, pyproject)

    ranged = env.replace(numpy[0], "  - numpy>=2.1,<3")
    assert any("numpy>=2.1,<3 is not pinned exactly" in p for p in problems_with(env=ranged))
    stale = env.replace(numpy[0], "  - numpy=2.1.0")
    assert any("numpy 2.1.0, constraints.txt has" in p for p in problems_with(env=stale))
    # the lock and environment.yml agree, but on a version pyproject.toml excludes
    old = re.sub(r"(?m)^numpy==\S+$", "numpy==1.26.4", lock)
    found = problems_with(env=env.replace(numpy[0], "  - numpy=1.26.4"), lock=old)
    assert any("numpy 1.26.4 outside pyproject's" in p for p in found)
    assert any("constraints.txt has numpy==1.26.4, outside" in p for p in found)
    # a range changed in pyproject.toml without make lock
    moved = pyproject.replace('"numpy>=2.1,<3"', '"numpy>=3,<4"')
    assert any("outside numpy<4,>=3" in p for p in problems_with(pyproject=moved))
    python = re.search(r"^  - python=\S+$", env, re.M)[0]
    found = problems_with(env=env.replace(python, "  - python=3.11"))
    assert any("python=3.11, not python=3.11.<patch>" in p for p in found)
    assert any("constraints.txt was made on Python 3.11." in p for p in found)
    nbgrader = re.search(r"^  - nbgrader=\S+\n", env, re.M)[0]
    assert "environment.yml lacks nbgrader, a dependency of npmem" in problems_with(
        env=env.replace(nbgrader, "")
    )
    unlocked = env.replace("memray==1.20.0", "memray==1.19.0")
    assert any(
        "memray 1.19.0, pyproject.toml pins 1.20.0" in p for p in problems_with(env=unlocked)
    )


def test_environment_pins_python_311_and_the_mission_packages():
    env, lock, _ = _texts()
    names = {_canonical(name) for _, name, _ in _environment_yml(env)}
    for name in ["numpy", "jupyterlab", "nbgrader", "ipywidgets", "matplotlib", "memory-profiler"]:
        assert name in names
    assert re.search(r"^  - python=3\.11\.\d+$", env, re.M)
    assert _constraints(lock)[1]["nbgrader"] == "0.9.6"


def test_binder_files_install_npmem_and_hide_instructor_tools():
    post = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post
    commands = post.replace("\\\n", " ").splitlines()  # continuation lines joined

    def disabled(command: str) -> set[str]:
        n = len(command.split())
        return {a for line in commands if line.startswith(command) for a in line.split()[n:]}

    lab = disabled("jupyter labextension disable --level=sys_prefix ")
    server = disabled("jupyter server extension disable --sys-prefix ")
    for ext in ["create-assignment", "formgrader", "course-list", "assignment-list"]:
        assert f"@jupyter/nbgrader:{ext}" in lab
    assert "validate-assignment" not in post
    for ext in ["formgrader", "course_list", "assignment_list"]:
        assert f"nbgrader.server_extensions.{ext}" in server
    assert "/lab/tree/my-work/index.ipynb" in post
    # Binder's start makes the learner's working copy before the server starts
    assert "python -m npmem.selfcheck.workspace" in (ROOT / "start").read_text()
    assert (ROOT / "postBuild").stat().st_mode & 0o111 and (ROOT / "start").stat().st_mode & 0o111
    # repo2docker ignores top-level files when a binder/ folder exists
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_postbuild_extension_ids_exist_in_the_installed_nbgrader():
    """The plugin ids postBuild disables are the ones this nbgrader ships (renamed in 0.9.3)."""
    import sys

    static = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static"
    shipped = set()
    for js in static.glob("*.js"):
        shipped |= set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', js.read_text(errors="ignore")))
    disabled = set(re.findall(r"(@jupyter/nbgrader:[a-z-]+)", (ROOT / "postBuild").read_text()))
    assert disabled and disabled <= shipped, disabled - shipped
    from npmem.selfcheck.lab import LAB_EXTENSIONS_OFF

    assert disabled == set(LAB_EXTENSIONS_OFF)  # make lab and Binder: the same learner's Lab


def _unpackaged(root: Path, package_data: dict[str, list[str]]) -> list[str]:
    """Files under root/npmem that are no module and that no package-data pattern ships."""
    npmem = root / "npmem"
    packages = [d for d in [npmem, *npmem.rglob("*")] if (d / "__init__.py").is_file()]
    shipped: set[Path] = set()
    for package in packages:
        dotted = ".".join(package.relative_to(root).parts)
        for pattern in package_data.get(dotted, []) + package_data.get("*", []):
            shipped |= {p for p in package.glob(pattern) if p.is_file()}
    return sorted(
        str(path.relative_to(root))
        for path in npmem.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and "__pycache__" not in path.parts
        and path not in shipped
    )


def test_package_data_ships_every_file_npmem_reads_beside_its_modules(tmp_path):
    """A wheel holds only modules and package-data: a page config left out breaks the Lab."""
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    assert _unpackaged(ROOT, package_data) == []
    labconfig = ROOT / "npmem/selfcheck/learner_lab/labconfig"
    assert any(p.suffix == ".json" for p in labconfig.iterdir())
    # the check fails on a new data file that no pattern covers
    fake = tmp_path / "npmem" / "selfcheck"
    (fake / "learner_lab" / "labconfig").mkdir(parents=True)
    (fake / "__init__.py").touch()
    (tmp_path / "npmem" / "__init__.py").touch()
    (fake / "learner_lab" / "labconfig" / "page_config.json").write_text("{}")
    (fake / "learner_lab" / "logo-32x32.png").write_bytes(b"")
    assert _unpackaged(tmp_path, package_data) == ["npmem/selfcheck/learner_lab/logo-32x32.png"]
