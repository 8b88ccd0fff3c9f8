"""In-process defences of the grading engine: what an answer may not touch, and how we notice.

The engine runs each exercise in a fresh forked process (see :mod:`.engine`), never inside
the student's kernel, so nothing a notebook did while it was autograded can reach it. Inside
that process the student's answer and the instructor's test still share an interpreter;
this module keeps the test honest there:

* :class:`Snapshot` records every attribute of the modules the tests rely on (NumPy and
  all its submodules, ``npmem``, ``builtins`` and the standard modules the tests import),
  the ``sys.modules`` entries for them, import hooks, signal handlers and the number of
  threads. ``Guard.restore`` compares (and undoes) after every call into student code: a patched
  ``np.array_equal``, ``npmem.checks.check_array``, ``builtins.isinstance``, a fake module
  in ``sys.modules``, a thread or timer left behind to patch things later, each fails the
  exercise and is reported as tampering.
* An audit hook (PEP 578, which Python code cannot remove) refuses, while a student frame
  is on the stack, the operations that reach into the verifier itself or out of the
  process: frame and garbage-collector introspection, ``ctypes``, tracing, code-object
  surgery, ``fork``/``exec``/signals to other processes, sockets, and opening
  ``/proc/*/mem``. Each refusal is recorded for the instructor.
* :meth:`Guard.sanitize` checks what a student function returns before a test sees it:
  only plain ``ndarray`` (or exact ``np.memmap``), NumPy and Python scalars, builtin
  containers of those, exceptions and callables (wrapped the same way). A value that
  could lie to a comparison (an ``ndarray`` subclass overriding ``__array_function__``,
  ``shape`` or ``__eq__``, an object with a custom ``__eq__``) is refused.

These are defences against code written to cheat, inside one interpreter; they are not a
Python sandbox. The process boundary, the unprivileged user and the resource limits around
it (the grader's sandbox, ``npmem.sandbox``) are what contain code that escapes them.
"""

from __future__ import annotations

import _signal
import builtins
import operator
import signal
import sys
import threading
import types
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

STUDENT = "<student:"  # code compiled from a student's cell has a filename starting so

DENIED_EVENTS = (
    "sys._getframe",
    "sys._current_frames",
    "sys._current_exceptions",
    "sys.settrace",
    "sys.setprofile",
    "sys.addaudithook",
    "gc.get_objects",
    "gc.get_referrers",
    "gc.get_referents",
    "code.__new__",
    "function.__new__",
    "os.fork",
    "os.forkpty",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.system",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
    "subprocess.Popen",
    "pty.spawn",
    "socket.",
    "ctypes.",
    "cffi.",
    "resource.setrlimit",
    "resource.prlimit",
    "sys.remote_exec",
)
FRAME_EVENTS = {"sys._getframe", "sys._current_frames", "sys._current_exceptions"}
# standard modules that take their caller's frame for themselves and never hand it out
FRAME_USERS = tuple(
    f"/{name}"
    for name in (
        "collections/__init__.py",
        "enum.py",
        "typing.py",
        "dataclasses.py",
        "abc.py",
        "functools.py",
    )
)
DENIED_GET = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"}
DENIED_SET = {
    "__code__",
    "__bases__",
    "__class__",
    "__globals__",
    "__closure__",
    "__defaults__",
    "__kwdefaults__",
    "__dict__",
}

SCALARS = (
    type(None),
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    slice,
    range,
    type(Ellipsis),
    type(NotImplemented),
    np.dtype,
)

# Top-level packages whose objects a student function may hand back as they are.
TRUSTED_PACKAGES = {
    "builtins",
    "numpy",
    "npmem",
    "collections",
    "functools",
    "itertools",
    "pathlib",
    "posixpath",
    "weakref",
    "io",
    "types",
    "decimal",
    "fractions",
    "datetime",
    "array",
    "mmap",
    "tracemalloc",
    "tempfile",
    "operator",
    "abc",
}


class Tampered(BaseException):
    """Raised (past ``except Exception``) when the guarded state was changed."""


def from_student(code: types.CodeType | None) -> bool:
    return code is not None and code.co_filename.startswith(STUDENT)


_BUILTINS = builtins.__dict__
_ModuleType = types.ModuleType
_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class defined in Python, whose dict can change


class Snapshot:
    """Identity of everything the tests rely on, to compare against (and restore) later.

    Modules: every function, class and submodule bound in them. Classes written in Python
    (``np.memmap``, ``json.JSONEncoder``, the verifier's own): every method. Builtins: all.
    """

    def __init__(self) -> None:
        names = {n for n in sys.modules if n.split(".")[0] in ("numpy", "npmem", "json")}
        names |= {
            "__main__",
            "builtins",
            "sys",
            "gc",
            "weakref",
            "tracemalloc",
            "math",
            "functools",
            "operator",
            "tempfile",
            "pathlib",
            "os",
            "posixpath",
            "io",
            "warnings",
            "copy",
            "collections",
            "itertools",
            "types",
            "ast",
            "marshal",
            "threading",
            "signal",
            "resource",
        }
        self.builtins = dict(_BUILTINS)
        self.modules = {n: sys.modules[n] for n in names if n in sys.modules}
        # (module, namespace: a module's __dict__ or a class's mappingproxy, key, value)
        self.entries: list[tuple[str, Any, str, object]] = []
        self.sizes: dict[str, tuple[dict, set]] = {}
        seen_classes = set()
        self.classes: dict[int, type] = {}  # id of a class's (live) namespace -> the class
        for name, module in self.modules.items():
            d = getattr(module, "__dict__", None)
            if not isinstance(d, dict) or name == "builtins":
                continue
            self.sizes[name] = (d, set(d))
            for key, value in list(d.items()):
                # behaviour lives in functions, classes and modules; plain data (caches,
                # counters, lazily set defaults such as tempfile.tempdir) may change
                if not (callable(value) or isinstance(value, _ModuleType)):
                    continue
                if name == "sys" and key not in SYS_KEYS:
                    continue
                self.entries.append((name, d, key, value))
                if (
                    isinstance(value, type)
                    and value.__flags__ & _HEAPTYPE
                    and (id(value) not in seen_classes)
                ):
                    seen_classes.add(id(value))
                    for attr, member in list(vars(value).items()):
                        if callable(member) or isinstance(
                            member, (staticmethod, classmethod, property)
                        ):
                            self.entries.append((f"{name}.{key}", vars(value), attr, member))
                            self.classes[id(vars(value))] = value
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.signals = _signals()
        self.threads = threading.active_count()
        self.restore = self._restorer()

    def _restorer(self) -> Callable[[], list[str]]:
        """A function that puts everything back as it is now and says what it had to fix.

        It runs right after student code, when anything looked up by name may have been
        replaced: so it looks up nothing. What it needs is bound here, beforehand, in
        its closure and default arguments (which student code cannot reach), and it
        mends the builtins first, then the modules, then the classes.
        """
        saved_builtins = dict(_BUILTINS)
        bdict = _BUILTINS
        modules = list(self.modules.items())
        sizes = [(name, d, keys) for name, (d, keys) in self.sizes.items() if name != "sys"]
        # the entries in two flat columns (module dicts, class namespaces), so that the
        # usual case, nothing changed, is checked at C speed: map(dict.get, ...)
        groups = []
        proxy = types.MappingProxyType
        for kind, getter in ((dict, dict.get), (proxy, proxy.get)):
            es = [e for e in self.entries if type(e[1]) is kind]
            owners, keys = tuple(e[1] for e in es), tuple(e[2] for e in es)
            values, missing = tuple(e[3] for e in es), (_MISSING,) * len(es)
            groups.append((getter, owners, keys, values, missing, es))
        classes = dict(self.classes)
        meta_path, path_hooks = list(sys.meta_path), list(sys.path_hooks)
        sys_modules, sys_meta_path, sys_path_hooks = sys.modules, sys.meta_path, sys.path_hooks
        signals, threads = self.signals, self.threads

        def restore(
            _missing=_MISSING,
            _any=any,
            _map=map,
            _is_not=operator.is_not,
            _dict=dict,
            _type=type,
            _set=type.__setattr__,
            _module=_ModuleType,
            _signals=_signals,
            _threading=threading,
        ) -> list[str]:
            found = []
            changed = [k for k in saved_builtins if bdict.get(k, _missing) is not saved_builtins[k]]
            added = [k for k in bdict if k not in saved_builtins]
            for k in added:
                del bdict[k]
            bdict.update(saved_builtins)
            for k in changed + added:
                found.append("builtins." + k + " was changed")
            for name, module in modules:
                if sys_modules.get(name) is not module:
                    found.append("sys.modules[" + repr(name) + "] was replaced")
                    sys_modules[name] = module
            for name, d, keys in sizes:
                if len(d) != len(keys):
                    # a new attribute (a module __getattr__, a shadowing name) changes
                    # lookups; a submodule imported for the first time is legitimate
                    for key in [k for k in d if k not in keys]:
                        value = d.get(key)
                        if not callable(value) or (
                            isinstance(value, _module) and value.__name__ == name + "." + key
                        ):
                            continue
                        found.append(name + "." + key + " was added")
                        del d[key]
            for getter, owners, attrs, values, missing, entries in groups:
                if not _any(_map(_is_not, _map(getter, owners, attrs, missing), values)):
                    continue  # every entry is as it was
                for name, owner, key, value in entries:
                    if owner.get(key, _missing) is not value:
                        found.append(name + "." + key + " was changed")
                        if _type(owner) is _dict:
                            owner[key] = value
                        else:  # a class namespace: set it through the class
                            _set(classes[id(owner)], key, value)
            if sys_meta_path != meta_path or sys_path_hooks != path_hooks:
                found.append("the import system (sys.meta_path / sys.path_hooks) was changed")
                sys_meta_path[:] = meta_path
                sys_path_hooks[:] = path_hooks
            if _signals() != signals:
                found.append("a signal handler or timer was installed")
            if _threading.active_count() > threads:
                found.append("a thread was left running")
            return found

        return restore


SYS_KEYS = {
    "modules",
    "meta_path",
    "path_hooks",
    "excepthook",
    "displayhook",
    "audit",
    "addaudithook",
    "settrace",
    "setprofile",
    "gettrace",
    "getprofile",
    "exit",
}
_MISSING = object()


def _signals() -> tuple:
    handlers = []
    for sig in _signal.valid_signals():  # the C module's: plain ints, no enum conversion
        try:
            handlers.append((sig, _signal.getsignal(sig)))
        except (OSError, ValueError):
            continue
    timers = tuple(
        signal.getitimer(t) for t in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
    )
    return tuple(handlers), timers


class Guard:
    """The verifier's watch over one exercise."""

    def __init__(self) -> None:
        self.snapshot = Snapshot()
        self.restore = self.snapshot.restore
        self.blocked: list[str] = []
        self.tampering: list[str] = []
        self._wrappers: weakref.WeakValueDictionary = weakref.WeakValueDictionary()

    # ------------------------------------------------------------ audit hook

    def install(self) -> None:
        """Register the audit hook (for good: Python code cannot remove one)."""
        blocked, inside, getframe = self.blocked, [False], sys._getframe

        def hook(
            event,
            args,
            _denied=DENIED_EVENTS,
            _get=DENIED_GET,
            _set=DENIED_SET,
            _frames=FRAME_EVENTS,
            _users=FRAME_USERS,
            _student=STUDENT,
            _len=len,
            _str=str,
            _refuse=PermissionError,
        ):
            # runs inside student code too, where any name may be rebound: it uses only
            # its default arguments and the methods of str, tuple and frame objects
            if inside[0]:
                return
            if event == "object.__getattr__":
                denied = _len(args) > 1 and args[1] in _get
            elif event == "object.__setattr__" or event == "object.__delattr__":
                denied = _len(args) > 1 and args[1] in _set
            elif event == "open":
                path = _str(args[0]) if args else ""
                denied = path.startswith("/proc/") and path.rsplit("/", 1)[-1] in (
                    "mem",
                    "pagemap",
                    "environ",
                    "maps",
                )
            else:
                denied = event.startswith(_denied)
            if not denied:
                return
            inside[0] = True
            try:
                # Libraries take frames for their own use (namedtuple, enum, imports):
                # only a frame asked for by student code, directly or through one helper
                # such as inspect.currentframe, is refused.
                depth = 2 if event in _frames else 10**6
                frame, n, student = getframe(1), 0, False
                while frame is not None and n < depth:
                    if frame.f_code.co_filename.startswith(_student):
                        student = True
                        break
                    frame, n = frame.f_back, n + 1
                if not student:
                    return
                if depth == 2 and getframe(1).f_code.co_filename.endswith(_users):
                    return  # namedtuple & co. read the caller's module name, keep nothing
            finally:
                inside[0] = False
            if event == "object.__getattr__":
                detail = "reading ." + args[1]
            elif event == "object.__setattr__" or event == "object.__delattr__":
                detail = "setting ." + args[1]
            elif event == "open":
                detail = "opening " + _str(args[0])
            else:
                detail = event
            blocked.append(detail)
            raise _refuse("not allowed while grading: " + detail)

        sys.addaudithook(hook)

    # ------------------------------------------------------------ integrity

    # ------------------------------------------------------------ values

    def wrap(self, func: Callable) -> Callable:
        """``func`` (student code) followed by the restorer and :meth:`sanitize`."""
        key = id(func)
        known = self._wrappers.get(key)
        if known is not None and known.__wrapped__ is func:
            return known
        restore, sanitize, tampering = self.restore, self.sanitize, self.tampering
        base, tampered = BaseException, Tampered

        def guarded(*args, **kwargs):
            try:
                result = func(*args, **kwargs)
            except base:
                found = restore()
                if found:
                    tampering.extend(found)
                    raise tampered("; ".join(found[:5])) from None
                raise
            found = restore()
            if found:
                tampering.extend(found)
                raise tampered("; ".join(found[:5]))
            return sanitize(result)

        guarded.__wrapped__ = func  # type: ignore[attr-defined]
        for attr in ("__name__", "__qualname__", "__doc__"):
            try:
                setattr(guarded, attr, getattr(func, attr))
            except (AttributeError, TypeError):
                pass
        self._wrappers[key] = guarded
        return guarded

    def sanitize(self, value, depth: int = 0):
        if depth > 20:
            raise TypeError("the answer returned a structure nested too deeply to check")
        kind = type(value)
        if kind in SCALARS or isinstance(value, np.dtype):
            return value
        if isinstance(value, np.ndarray):
            if kind is not np.ndarray and kind is not np.memmap:
                raise TypeError(
                    f"the answer returned a {kind.__name__}, a subclass of "
                    "ndarray; return a plain NumPy array"
                )
            if value.dtype == object:
                for item in value.flat[:1000]:
                    self.sanitize(item, depth + 1)
            return value
        if isinstance(value, np.generic):
            if kind.__module__ != "numpy":
                raise TypeError(
                    f"the answer returned a {kind.__name__}, a subclass of a NumPy scalar type"
                )
            return value
        if kind in (tuple, list, set, frozenset):
            for item in value:
                self.sanitize(item, depth + 1)
            return value
        if kind is dict:
            for k, v in value.items():
                self.sanitize(k, depth + 1)
                self.sanitize(v, depth + 1)
            return value
        if isinstance(value, BaseException):
            return value
        if isinstance(value, type):
            raise TypeError("the answer returned a class; return values or functions")
        if callable(value):
            return self.wrap(value)
        if _student_type(kind) or kind.__module__.split(".")[0] not in TRUSTED_PACKAGES:
            raise TypeError(
                f"the answer returned a {kind.__name__} object; return NumPy "
                "arrays, numbers, tuples, lists or functions"
            )
        return value


def _student_type(kind: type) -> bool:
    """A class whose methods were written in a student's cell."""
    for klass in kind.__mro__:
        for attr in vars(klass).values():
            code = getattr(attr, "__code__", None)
            if from_student(code):
                return True
    return False


def student_names(before: dict, after: dict) -> dict:
    """Names the student's cells defined or rebound (that were not the setup's)."""
    return {
        k: v
        for k, v in after.items()
        if not k.startswith("__") and (k not in before or before[k] is not v)
    }


__all__ = ["Guard", "Snapshot", "Tampered", "STUDENT", "student_names", "builtins"]
