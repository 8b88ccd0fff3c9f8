"""The command line of a Python that imports exactly the ``npmem`` this process runs."""

from __future__ import annotations

import os
import sys


def python_c(code: str) -> list[str]:
    """``python -I -c CODE``, where CODE imports exactly the ``npmem`` this process runs.

    ``-I`` ignores ``PYTHONPATH`` and the working directory, so a plain ``import npmem``
    there would find whatever the interpreter's own site-packages point at (an editable
    install of another checkout, say), which a sandbox does not show. The package is
    loaded from its own folder instead: the folder the sandbox binds
    (``npmem.sandbox.jail.visible_paths``).
    """
    import npmem

    folder = os.path.realpath(npmem.__path__[0])
    init = os.path.join(folder, "__init__.py")
    boot = (
        "import importlib.util as _u, sys; "
        f"_s = _u.spec_from_file_location('npmem', {init!r}, "
        f"submodule_search_locations=[{folder!r}]); "
        "_m = _u.module_from_spec(_s); sys.modules['npmem'] = _m; _s.loader.exec_module(_m); "
        "del _u, _s, _m; "
    )
    return [sys.executable, "-I", "-c", boot + code]
