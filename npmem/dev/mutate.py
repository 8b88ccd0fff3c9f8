# The edits below are lambdas that change a node and return it, written
# ``(setattr(n, field, value), n)[1]``: setattr's None is discarded on purpose.
# mypy: disable-error-code="func-returns-value"
"""An AST mutator: plausible wrong versions of a reference solution, made mechanically.

Each operator looks at one node of the solution's syntax tree and proposes small
changes a learner could make by mistake (a ``"C"`` where ``"F"`` was meant, ``<``
for ``<=``, a missing ``.copy()``, the wrong axis, ...). ``mutants(source)`` applies
every proposal to a fresh copy of the tree, one at a time, and returns the distinct
results in a deterministic order (tree order, then operator order).

A mutant's id is its operator's name and the first 8 hex digits of the SHA-1 of the
mutated source as ``ast.unparse`` writes it, e.g. ``compare-3f9a0c12``: the same
solution gives the same ids on every run and machine, and an id changes only when
the mutated code does (editing the reference renews the ids of its mutants).
"""

from __future__ import annotations

import ast
import copy
import difflib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

# operator name -> what it does (also the order in which operators are tried at a node)
OPERATORS: dict[str, str] = {
    "order": 'swap the memory order "C" <-> "F"',
    "const": "an integer constant +1 / -1, or a bool flipped",
    "bound": "a non-constant slice bound, range() argument or len() +1 / -1",
    "copy_drop": "drop a copy: x.copy() -> x, np.copy(x) -> x, np.array(x) -> np.asarray(x), "
    "copy=True -> copy=None",
    "copy_add": "add a copy of what may be a view: return x -> return x.copy(), "
    "y = x[...] -> y = x[...].copy()",
    "view_to_copy": "a view-making call or index made a copy (reshape -> .copy(), "
    "ravel -> flatten, slice -> fancy index, asarray -> array, copy=False -> True)",
    "axis": "axis=0 <-> axis=1, negate an axis",
    "axis_order": "reverse an axis tuple, drop reversed(), .T or a [::-1] step",
    "swap_args": "swap two adjacent positional arguments of a call (not of max, np.add, ...)",
    "dtype": "float64 <-> float32, int64 <-> int32, int8 <-> uint8, ...",
    "drop_call": "remove a statement that is only a call (flush(), reset_peak(), gc.collect())",
    "drop_del": "remove a del statement (or one of its targets)",
    "drop_raise": "remove a raise statement",
    "compare": "< <-> <=, > <-> >=, == <-> !=, is <-> is not, in <-> not in",
    "boolop": "and <-> or, drop a not",
    "arith": "+ <-> -, * <-> //, / -> *, % -> //, ** -> *, << <-> >>, & <-> |",
    "drop_return": "return x -> return (None)",
    "minmax": "min <-> max (builtins, functions and methods: amin, argmax, minimum, ...)",
}

_MINMAX = {
    "min": "max",
    "max": "min",
    "amin": "amax",
    "amax": "amin",
    "nanmin": "nanmax",
    "nanmax": "nanmin",
    "argmin": "argmax",
    "argmax": "argmin",
    "minimum": "maximum",
    "maximum": "minimum",
    "fmin": "fmax",
    "fmax": "fmin",
}
_DTYPE_NAMES = {
    "float64": "float32",
    "float32": "float64",
    "float16": "float32",
    "double": "single",
    "single": "double",
    "int64": "int32",
    "int32": "int64",
    "int16": "int32",
    "int8": "uint8",
    "uint8": "int8",
    "uint16": "int16",
    "uint32": "int32",
    "uint64": "int64",
    "intp": "int32",
    "complex128": "complex64",
    "complex64": "complex128",
}
_DTYPE_STRINGS = {
    **_DTYPE_NAMES,
    "f8": "f4",
    "f4": "f8",
    "f2": "f4",
    "i8": "i4",
    "i4": "i8",
    "i2": "i4",
    "i1": "u1",
    "u1": "i1",
    "u2": "i2",
    "u4": "i4",
    "u8": "i8",
    "<f8": "<f4",
    "<f4": "<f8",
    "<i8": "<i4",
    "<i4": "<i8",
    "c16": "c8",
    "c8": "c16",
}
_COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_ARITH: dict[type[ast.operator], list[type[ast.operator]]] = {
    ast.Add: [ast.Sub],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.FloorDiv],
    ast.FloorDiv: [ast.Mult],
    ast.Div: [ast.Mult],
    ast.Mod: [ast.FloorDiv],
    ast.Pow: [ast.Mult],
    ast.LShift: [ast.RShift],
    ast.RShift: [ast.LShift],
    ast.BitAnd: [ast.BitOr],
    ast.BitOr: [ast.BitAnd],
    ast.BitXor: [ast.BitOr],
    ast.MatMult: [ast.Mult],
}
# methods whose result is a view (or may be): the mutant takes a copy of it instead
_VIEW_METHODS = {"reshape", "view", "transpose", "swapaxes", "squeeze", "diagonal", "real"}
# functions (by their last name) whose result is a view of their first argument
_VIEW_FUNCS = {
    "reshape",
    "ravel",
    "transpose",
    "moveaxis",
    "swapaxes",
    "squeeze",
    "expand_dims",
    "broadcast_to",
    "broadcast_arrays",
    "diagonal",
    "as_strided",
    "sliding_window_view",
    "frombuffer",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
}
# calls whose two arguments can be swapped without changing the result (not mutated)
_COMMUTATIVE = {
    "min", "max", "minimum", "maximum", "fmin", "fmax", "add", "multiply", "hypot",
    "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor",
    "gcd", "lcm", "array_equal", "array_equiv", "allclose", "isclose", "shares_memory",
    "may_share_memory", "broadcast_shapes", "broadcast_arrays",
}  # fmt: skip
_AXIS_KEYWORDS = {"axis", "axis1", "axis2", "source", "destination", "start"}


@dataclass(frozen=True)
class Mutant:
    id: str
    operator: str
    source: str  # the mutated solution, as ast.unparse writes it
    line: int  # line of the mutated node in the original source

    def diff(self, original: str, context: int = 1) -> str:
        """A short unified diff from the (unparsed) original to this mutant."""
        lines = difflib.unified_diff(
            normalize(original).splitlines(),
            self.source.splitlines(),
            "reference",
            self.id,
            n=context,
            lineterm="",
        )
        return "\n".join(lines)


def normalize(source: str) -> str:
    """The source as ast.unparse writes it (no comments, one quoting style)."""
    return ast.unparse(ast.parse(source))


def mutant_id(operator: str, mutated_source: str) -> str:
    return f"{operator}-{hashlib.sha1(mutated_source.encode()).hexdigest()[:8]}"


# ---- walking the tree: every node with where it sits, in a fixed order -------------------

_Where = tuple[ast.AST, str, int | None]  # parent, field, index in the field's list


def _walk(node: ast.AST, where: _Where | None = None) -> Iterator[tuple[ast.AST, _Where | None]]:
    yield node, where
    for field, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _walk(item, (node, field, i))
        elif isinstance(value, ast.AST):
            yield from _walk(value, (node, field, None))


def _put(where: _Where, new: ast.AST | None) -> None:
    parent, field, index = where
    if index is None:
        setattr(parent, field, new)
    else:
        getattr(parent, field)[index] = new


# ---- helpers to build nodes --------------------------------------------------------------


def _plus(expr: ast.expr, k: int) -> ast.expr:
    op = ast.Add() if k > 0 else ast.Sub()
    return ast.BinOp(left=expr, op=op, right=ast.Constant(abs(k)))


def _method(expr: ast.expr, name: str) -> ast.expr:
    return ast.Call(func=ast.Attribute(value=expr, attr=name, ctx=ast.Load()), args=[], keywords=[])


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def _is_int(node: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    )


def _int_value(node: ast.AST | None) -> int | None:
    """The value of ``3`` or ``-3``, else None."""
    if _is_int(node):  # an int Constant
        return node.value  # type: ignore[union-attr]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and _is_int(node.operand):
        return -node.operand.value  # type: ignore[attr-defined]
    return None


def _is_const_like(node: ast.AST | None) -> bool:
    return node is None or isinstance(node, ast.Constant) or _int_value(node) is not None


# ---- the operators -------------------------------------------------------------------------
# Each takes (node, where) of the ORIGINAL tree and returns a list of edits. An edit is
# applied to a deep copy: edit(node_copy) -> replacement node (or the node itself,
# changed in place).

Edit = Callable[..., Any]  # edit(node) -> node; loop values bound as default arguments


def _op_order(node, where) -> list[Edit]:
    if isinstance(node, ast.Constant) and node.value in ("C", "F"):
        other = "F" if node.value == "C" else "C"
        return [lambda n: ast.Constant(other)]
    return []


def _op_const(node, where) -> list[Edit]:
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return [lambda n: ast.Constant(not n.value)]
    if _is_int(node):
        return [lambda n: ast.Constant(n.value + 1), lambda n: ast.Constant(n.value - 1)]
    return []


def _op_bound(node, where) -> list[Edit]:
    edits: list[Edit] = []
    if isinstance(node, ast.Slice):
        for field in ("lower", "upper"):
            if not _is_const_like(getattr(node, field)):
                for k in (1, -1):
                    edits.append(
                        lambda n, f=field, k=k: (setattr(n, f, _plus(getattr(n, f), k)), n)[1]
                    )
    if isinstance(node, ast.Call) and _call_name(node) == "range" and not node.keywords:
        for i, arg in enumerate(node.args[:2]):
            if not _is_const_like(arg) and not isinstance(arg, ast.Starred):
                for k in (1, -1):
                    edits.append(
                        lambda n, i=i, k=k: (n.args.__setitem__(i, _plus(n.args[i], k)), n)[1]
                    )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len":
        edits += [lambda n: _plus(n, 1), lambda n: _plus(n, -1)]
    return edits


def _op_copy_drop(node, where) -> list[Edit]:
    if not isinstance(node, ast.Call):
        return []
    f = node.func
    name = _call_name(node)
    if name == "copy" and isinstance(f, ast.Attribute) and not node.args and not node.keywords:
        if isinstance(f.value, ast.Name) and f.value.id in ("np", "numpy", "copy"):
            return []  # np.copy / copy.copy with no argument: not a method call
        return [lambda n: n.func.value]
    if (
        name in ("copy", "deepcopy", "ascontiguousarray", "asfortranarray")
        and isinstance(f, ast.Attribute)
        and len(node.args) == 1
        and not node.keywords
    ):
        return [lambda n: n.args[0]]
    edits: list[Edit] = []
    if name == "array" and isinstance(f, ast.Attribute) and node.args:

        def as_asarray(n):
            n.func.attr = "asarray"
            n.keywords = [k for k in n.keywords if k.arg != "copy"]
            return n

        edits.append(as_asarray)
    for i, kw in enumerate(node.keywords):
        if kw.arg == "copy" and isinstance(kw.value, ast.Constant) and kw.value.value is True:
            # copy=True is the default of np.array and astype: None copies only if needed
            edits.append(lambda n, i=i: (setattr(n.keywords[i], "value", ast.Constant(None)), n)[1])
    return edits


def _returns_value(node) -> bool:
    return isinstance(node, ast.Return) and node.value is not None


def _copyable(expr: ast.AST) -> bool:
    """What may be a view of something else: a name, an index, an attribute, a view call."""
    if isinstance(expr, ast.Name | ast.Subscript | ast.Attribute):
        return True
    return isinstance(expr, ast.Call) and _call_name(expr) in (_VIEW_METHODS | _VIEW_FUNCS)


def _copied_anyway(where: _Where | None) -> bool:
    """The node is the argument of np.array(...) / np.copy(...) or the receiver of .copy():
    making it a copy first changes nothing."""
    if where is None:
        return False
    parent, field, _ = where
    if isinstance(parent, ast.Call) and field == "args":
        return _call_name(parent) in ("array", "copy", "ascontiguousarray", "asfortranarray")
    if isinstance(parent, ast.Attribute) and field == "value":
        return parent.attr in ("copy", "flatten", "astype", "tolist", "tobytes")
    return False


def _op_copy_add(node, where) -> list[Edit]:
    edits: list[Edit] = []
    if _returns_value(node):
        if isinstance(node.value, ast.Tuple):
            for i, elt in enumerate(node.value.elts):
                if _copyable(elt):
                    edits.append(
                        lambda n, i=i: (
                            n.value.elts.__setitem__(i, _method(n.value.elts[i], "copy")),
                            n,
                        )[1]
                    )
        elif _copyable(node.value):
            edits.append(lambda n: (setattr(n, "value", _method(n.value, "copy")), n)[1])
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript | ast.Call):
        v = node.value
        viewish = isinstance(v, ast.Subscript) or _call_name(v) in (_VIEW_METHODS | _VIEW_FUNCS)
        if viewish:
            edits.append(lambda n: (setattr(n, "value", _method(n.value, "copy")), n)[1])
    return edits


def _fancy_key(sub: ast.Subscript) -> list[Edit]:
    """x[a:b] -> x[np.arange(x.shape[k])[a:b]] for a slice at axis position k."""
    key = sub.slice
    items = key.elts if isinstance(key, ast.Tuple) else [key]
    edits: list[Edit] = []
    for k, item in enumerate(items):
        before = items[:k]
        if any(isinstance(b, ast.Starred) for b in before):
            break
        if any(isinstance(b, ast.Constant) and b.value in (None, Ellipsis) for b in before):
            break
        if not isinstance(item, ast.Slice):
            continue

        def edit(n, k=k):
            its = n.slice.elts if isinstance(n.slice, ast.Tuple) else [n.slice]
            shape_k = ast.Subscript(
                value=ast.Attribute(value=copy.deepcopy(n.value), attr="shape", ctx=ast.Load()),
                slice=ast.Constant(k),
                ctx=ast.Load(),
            )
            arange = ast.Call(
                func=ast.Attribute(value=ast.Name("np", ast.Load()), attr="arange", ctx=ast.Load()),
                args=[shape_k],
                keywords=[],
            )
            its[k] = ast.Subscript(value=arange, slice=its[k], ctx=ast.Load())
            if not isinstance(n.slice, ast.Tuple):
                n.slice = its[0]
            return n

        edits.append(edit)
    return edits


def _op_view_to_copy(node, where) -> list[Edit]:
    edits: list[Edit] = []
    if _copied_anyway(where):
        return edits
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        edits += _fancy_key(node)
    if isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        edits.append(lambda n: _method(n, "copy"))
    if isinstance(node, ast.Call):
        name, f = _call_name(node), node.func
        if name == "ravel" and isinstance(f, ast.Attribute) and not node.args:
            base = f.value
            if not (isinstance(base, ast.Name) and base.id in ("np", "numpy")):
                edits.append(lambda n: (setattr(n.func, "attr", "flatten"), n)[1])
        is_method = isinstance(f, ast.Attribute) and not (
            isinstance(f.value, ast.Name) and f.value.id in ("np", "numpy")
        )
        if (is_method and name in _VIEW_METHODS) or (
            name in _VIEW_FUNCS and not (is_method and name not in _VIEW_METHODS)
        ):
            if name != "broadcast_arrays":
                edits.append(lambda n: _method(n, "copy"))
        if name in ("asarray", "asanyarray") and isinstance(f, ast.Attribute):
            edits.append(lambda n: (setattr(n.func, "attr", "array"), n)[1])
        for i, kw in enumerate(node.keywords):
            if (
                kw.arg == "copy"
                and isinstance(kw.value, ast.Constant)
                and kw.value.value
                in (
                    False,
                    None,
                )
            ):
                edits.append(
                    lambda n, i=i: (setattr(n.keywords[i], "value", ast.Constant(True)), n)[1]
                )
    return edits


def _op_axis(node, where) -> list[Edit]:
    if not isinstance(node, ast.keyword) or node.arg not in _AXIS_KEYWORDS | {"axes"}:
        return []
    value = node.value
    k = _int_value(value)
    news: list[Callable[..., ast.expr]] = []
    if k is not None:
        targets = []
        if k == 0:
            targets += [1, -1]
        elif k == 1:
            targets += [0, -1]
        else:
            targets.append(-k)
        news = [
            lambda t=t: ast.Constant(t) if t >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-t))
            for t in targets
        ]
    elif isinstance(value, ast.Name | ast.Attribute | ast.Subscript):
        news = [
            lambda v=value: ast.UnaryOp(ast.USub(), copy.deepcopy(v)),
            lambda v=value: _plus(ast.UnaryOp(ast.USub(), copy.deepcopy(v)), -1),
        ]
    return [lambda n, new=new: (setattr(n, "value", new()), n)[1] for new in news]


def _int_tuple(node) -> bool:
    return (
        isinstance(node, ast.Tuple | ast.List)
        and len(node.elts) >= 2
        and all(_int_value(e) is not None for e in node.elts)
    )


def _op_axis_order(node, where) -> list[Edit]:
    edits: list[Edit] = []
    if isinstance(node, ast.Call):
        for i, arg in enumerate(node.args):
            if _int_tuple(arg):
                edits.append(lambda n, i=i: (n.args[i].elts.reverse(), n)[1])
        for i, kw in enumerate(node.keywords):
            if _int_tuple(kw.value):
                edits.append(lambda n, i=i: (n.keywords[i].value.elts.reverse(), n)[1])
        ints = [a for a in node.args if _int_value(a) is not None]
        if _call_name(node) == "transpose" and len(ints) == len(node.args) >= 2:
            edits.append(lambda n: (n.args.reverse(), n)[1])
        if isinstance(node.func, ast.Name) and node.func.id == "reversed" and len(node.args) == 1:
            edits.append(lambda n: n.args[0])
    if isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        edits.append(lambda n: n.value)
    if isinstance(node, ast.Slice) and _int_value(node.step) == -1:
        edits.append(lambda n: (setattr(n, "step", None), n)[1])
    return edits


def _op_swap_args(node, where) -> list[Edit]:
    if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
        return []
    if _call_name(node) in _COMMUTATIVE:
        return []
    edits: list[Edit] = []
    for i in range(len(node.args) - 1):

        def edit(n, i=i):
            n.args[i], n.args[i + 1] = n.args[i + 1], n.args[i]
            return n

        edits.append(edit)
    return edits


def _op_dtype(node, where) -> list[Edit]:
    if isinstance(node, ast.Attribute) and node.attr in _DTYPE_NAMES:
        return [lambda n: (setattr(n, "attr", _DTYPE_NAMES[n.attr]), n)[1]]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value in _DTYPE_STRINGS:
            return [lambda n: ast.Constant(_DTYPE_STRINGS[n.value])]
    return []


def _op_drop_call(node, where) -> list[Edit]:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        return [lambda n: ast.Pass()]
    return []


def _op_drop_del(node, where) -> list[Edit]:
    if not isinstance(node, ast.Delete):
        return []
    edits: list[Edit] = [lambda n: ast.Pass()]
    if len(node.targets) > 1:
        for i in range(len(node.targets)):
            edits.append(lambda n, i=i: (n.targets.pop(i), n)[1])
    return edits


def _op_drop_raise(node, where) -> list[Edit]:
    if isinstance(node, ast.Raise):
        return [lambda n: ast.Pass()]
    return []


def _op_compare(node, where) -> list[Edit]:
    if not isinstance(node, ast.Compare):
        return []
    edits: list[Edit] = []
    for i, op in enumerate(node.ops):
        other = _COMPARE.get(type(op))
        if other:
            edits.append(lambda n, i=i, other=other: (n.ops.__setitem__(i, other()), n)[1])
    return edits


def _op_boolop(node, where) -> list[Edit]:
    if isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        return [lambda n: (setattr(n, "op", other()), n)[1]]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [lambda n: n.operand]
    return []


def _op_arith(node, where) -> list[Edit]:
    if not isinstance(node, ast.BinOp | ast.AugAssign):
        return []
    return [
        lambda n, other=other: (setattr(n, "op", other()), n)[1]
        for other in _ARITH.get(type(node.op), [])
    ]


def _op_drop_return(node, where) -> list[Edit]:
    if _returns_value(node) and not (
        isinstance(node.value, ast.Constant) and node.value.value is None
    ):
        return [lambda n: ast.Return(value=None)]
    return []


def _op_minmax(node, where) -> list[Edit]:
    if isinstance(node, ast.Name) and node.id in ("min", "max") and isinstance(node.ctx, ast.Load):
        return [lambda n: ast.Name(_MINMAX[n.id], ast.Load())]
    if isinstance(node, ast.Attribute) and node.attr in _MINMAX:
        return [lambda n: (setattr(n, "attr", _MINMAX[n.attr]), n)[1]]
    return []


_RULES: dict[str, Callable[[ast.AST, _Where | None], list[Edit]]] = {
    "order": _op_order,
    "const": _op_const,
    "bound": _op_bound,
    "copy_drop": _op_copy_drop,
    "copy_add": _op_copy_add,
    "view_to_copy": _op_view_to_copy,
    "axis": _op_axis,
    "axis_order": _op_axis_order,
    "swap_args": _op_swap_args,
    "dtype": _op_dtype,
    "drop_call": _op_drop_call,
    "drop_del": _op_drop_del,
    "drop_raise": _op_drop_raise,
    "compare": _op_compare,
    "boolop": _op_boolop,
    "arith": _op_arith,
    "drop_return": _op_drop_return,
    "minmax": _op_minmax,
}
assert list(_RULES) == list(OPERATORS)


def _skip(node: ast.AST, where: _Where | None) -> bool:
    """Nodes not worth mutating: docstrings, and anything inside a string's formatting."""
    return isinstance(node, ast.JoinedStr | ast.FormattedValue)


def mutants(source: str, operators: list[str] | None = None) -> list[Mutant]:
    """Every distinct mutant of ``source``, in tree order then operator order."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    seen = {original}
    found: list[Mutant] = []
    nodes = []
    skipped: set[int] = set()
    for node, where in _walk(tree):
        nodes.append((node, where))
        if _skip(node, where):
            skipped.add(id(node))
    # nodes under a skipped node are skipped too
    inside: set[int] = set()
    for node, _ in nodes:
        if id(node) in skipped:
            for sub in ast.walk(node):
                inside.add(id(sub))
    rules = [(name, _RULES[name]) for name in (operators or list(_RULES))]
    for index, (node, where) in enumerate(nodes):
        if id(node) in inside:
            continue
        for name, rule in rules:
            for edit in rule(node, where):
                work = copy.deepcopy(tree)
                target, twhere = list(_walk(work))[index]
                new = edit(target)
                if twhere is None:
                    work = new
                elif new is not target:
                    _put(twhere, new)
                ast.fix_missing_locations(work)
                try:
                    text = ast.unparse(work)
                    compile(text, "<mutant>", "exec")
                except (SyntaxError, ValueError, TypeError, AttributeError):
                    continue
                if text in seen:
                    continue
                seen.add(text)
                found.append(Mutant(mutant_id(name, text), name, text, getattr(node, "lineno", 0)))
    return found
