"""Pure logic behind the views explorer: is an indexing result a view or a copy, and of what?

An expression such as ``a[1:, ::2]`` or ``a[[0, 2]]`` is evaluated on a small 2-D array
``a`` that owns its buffer and holds the numbers 0, 1, 2, ... in C order, so every
element's value is also its slot in the buffer. For a view we find the slots it reads
from its data pointer and strides; for a copy the values tell which cells were copied.

Nothing here draws or imports widgets, so it is unit-tested directly.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .layout import element_offsets, is_view_of

DTYPES = ("int16", "int32", "int64", "float32", "float64")

# expression -> what it shows; the explorer offers these in a menu. The explorer's ``a``
# is C-ordered; where an F-ordered ``a`` would give the other answer, the line says so
# (VERDICTS below records both, and the tests check them against np.shares_memory).
EXPRESSIONS: dict[str, str] = {
    "a[1:, ::2]": "basic slicing: a view",
    "a[1]": "one row: a view",
    "a[:, 1]": "one column: a strided view",
    "a[::-1, 1:3]": "reversed rows: negative stride, still a view",
    "a[1:][:, ::2]": "a view of a view: .base goes straight to a",
    "a.T": "transpose: a view with swapped strides",
    "np.diagonal(a)": "diagonal: a read-only view",
    "a.reshape(-1)": "reshape of a C-contiguous array: a view (an F-ordered a: a copy)",
    "a.T.reshape(-1)": "reshape of a transpose: must copy (an F-ordered a: a view)",
    "a.ravel()": "ravel() reads in C order: a view of a C-contiguous a (an F-ordered a: a copy)",
    'a.ravel(order="K")': "ravel in memory order: a view of a C- or F-ordered a",
    "a[:, 1].ravel()": "ravel() of a strided column: a copy (an F-ordered a: a view)",
    "a[:, ::2].ravel()": "ravel() of every other column: a copy",
    "a.flatten()": "flatten: always a copy",
    "a[[0, 2]]": "fancy indexing: a copy",
    "a[:, [0, 2]]": "fancy indexing: a copy whose .base is not None",
    "a[a % 3 == 0]": "boolean mask: a copy",
    "a[[0, 2]][:, 1:]": "a view of a copy: shares nothing with a",
    "a[1, 2]": "one element: a NumPy scalar, a copy of the value",
    "np.reshape(a.T, -1, copy=False)": "copy=False: an error instead of a hidden copy",
}

#: what each menu expression gives for a C-ordered and for an F-ordered ``a`` (3x3 to
#: 6x6): "view" (shares memory with a), "copy", "scalar" or "error"
VERDICTS: dict[str, tuple[str, str]] = {
    "a[1:, ::2]": ("view", "view"),
    "a[1]": ("view", "view"),
    "a[:, 1]": ("view", "view"),
    "a[::-1, 1:3]": ("view", "view"),
    "a[1:][:, ::2]": ("view", "view"),
    "a.T": ("view", "view"),
    "np.diagonal(a)": ("view", "view"),
    "a.reshape(-1)": ("view", "copy"),
    "a.T.reshape(-1)": ("copy", "view"),
    "a.ravel()": ("view", "copy"),
    'a.ravel(order="K")': ("view", "view"),
    "a[:, 1].ravel()": ("copy", "view"),
    "a[:, ::2].ravel()": ("copy", "copy"),
    "a.flatten()": ("copy", "copy"),
    "a[[0, 2]]": ("copy", "copy"),
    "a[:, [0, 2]]": ("copy", "copy"),
    "a[a % 3 == 0]": ("copy", "copy"),
    "a[[0, 2]][:, 1:]": ("copy", "copy"),
    "a[1, 2]": ("scalar", "scalar"),
    "np.reshape(a.T, -1, copy=False)": ("error", "view"),
}

# what a typed expression may use: indexing, reshaping and copying only, so the
# values of the result are always values of ``a``
_METHODS = {"T", "ravel", "flatten", "reshape", "copy", "view", "transpose", "swapaxes"}
_FUNCTIONS = {
    "reshape",
    "ravel",
    "diagonal",
    "transpose",
    "asarray",
    "ascontiguousarray",
    "asfortranarray",
    "flip",
    "fliplr",
    "flipud",
    "squeeze",
    "expand_dims",
}
_KEYWORDS = {"order", "copy", "axis", "axis1", "axis2", "offset", "newshape", "shape"}
_INDEX_OPS = (
    ast.BinOp,
    ast.Compare,
    ast.BoolOp,
    ast.operator,
    ast.cmpop,
    ast.boolop,
    ast.Invert,
    ast.Not,
)


class ExpressionError(ValueError):
    """The expression is not one the explorer can evaluate."""


def make_base(rows: int, cols: int, dtype: str = "int16") -> np.ndarray:
    """A ``rows x cols`` array that owns its buffer and holds 0..n-1 in C order."""
    if rows < 1 or cols < 1:
        raise ValueError(f"rows and cols must be at least 1, got {rows}x{cols}")
    return np.arange(rows * cols).reshape(rows, cols).astype(dtype)


def check_expression(expr: str) -> ast.Expression:
    """Parse ``expr``; raise ExpressionError unless it only indexes, reshapes or copies ``a``."""
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as err:
        raise ExpressionError(f"not a Python expression: {err.msg}") from None

    def visit(node: ast.AST, in_index: bool) -> None:
        if isinstance(node, ast.Name):
            if node.id not in ("a", "np"):
                raise ExpressionError(f"unknown name {node.id!r}: use a and np only")
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "np":
                if node.attr not in _FUNCTIONS:
                    raise ExpressionError(f"np.{node.attr} is not supported here")
            elif node.attr not in _METHODS:
                raise ExpressionError(f".{node.attr} is not supported here")
            visit(node.value, in_index)
            return
        elif isinstance(node, ast.Subscript):
            visit(node.value, in_index)
            visit(node.slice, True)
            return
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Attribute):
                raise ExpressionError("only methods of a and functions of np can be called")
            for kw in node.keywords:
                if kw.arg not in _KEYWORDS:
                    raise ExpressionError(f"keyword {kw.arg}= is not supported here")
        elif isinstance(node, ast.Constant):
            if not (
                node.value is None or node.value is Ellipsis or type(node.value) in (int, bool, str)
            ):
                raise ExpressionError(f"constant {node.value!r} is not supported here")
        elif isinstance(node, _INDEX_OPS):
            if not in_index:
                raise ExpressionError("arithmetic is allowed only inside [ ] (as in a[a % 2 == 0])")
        elif not isinstance(
            node,
            (
                ast.Expression,
                ast.Load,
                ast.Slice,
                ast.Tuple,
                ast.List,
                ast.UnaryOp,
                ast.USub,
                ast.UAdd,
                ast.keyword,
            ),
        ):
            raise ExpressionError(f"{type(node).__name__} is not supported here")
        for child in ast.iter_child_nodes(node):
            visit(child, in_index)

    visit(tree, False)
    return tree


def evaluate(expr: str, a: np.ndarray) -> object:
    """Evaluate an allowed expression with ``a`` and ``np`` as the only names."""
    tree = check_expression(expr)
    code = compile(tree, "<expression>", "eval")
    return eval(code, {"__builtins__": {}}, {"a": a, "np": np})


@dataclass(frozen=True)
class ViewInfo:
    """What an expression gives: a view of ``a``, a copy, a scalar, or an error."""

    expr: str
    rows: int
    cols: int
    itemsize: int
    #: "view", "copy", "scalar" or "error"
    kind: str
    #: for each cell of ``a``: the first flat position of the result that reads it
    #: (view) or holds its value (copy, scalar); -1 when unused
    cells: np.ndarray
    #: the result's values as a 2-D grid for drawing (empty for an error)
    values: np.ndarray
    shape: tuple[int, ...] = ()
    strides: tuple[int, ...] = ()
    #: bytes from a's first element to the result's first element (views only)
    start: int | None = None
    owns_data: bool = False
    writeable: bool = False
    #: one line per step of result, result.base, result.base.base, ...
    base_chain: tuple[str, ...] = ()
    error: str = ""

    @property
    def used(self) -> int:
        return int(np.count_nonzero(self.cells >= 0))


def _describe(arr: np.ndarray, a: np.ndarray) -> str:
    name = "a" if arr is a else "another array"
    owns = "owns its data" if arr.flags.owndata else "owns no data"
    return f"{name}: shape {arr.shape}, strides {arr.strides}, {owns}"


def base_chain(result: np.ndarray, a: np.ndarray, limit: int = 5) -> tuple[str, ...]:
    """``result`` then each ``.base`` in turn, described in one line each."""
    steps = [_describe(result, a).replace("another array", "result", 1)]
    if result is a:
        steps[0] = _describe(a, a) + " (the result is a itself)"
        return tuple(steps)
    node = result.base
    while isinstance(node, np.ndarray) and len(steps) < limit:
        steps.append(_describe(node, a))
        node = node.base
    if node is not None and len(steps) < limit:
        steps.append(f"a {type(node).__name__} object")
    return tuple(steps)


def _grid(values: np.ndarray) -> np.ndarray:
    """The values arranged for drawing: 0-d and 1-D as one row, N-D by its last axis."""
    if values.ndim == 0:
        return values.reshape(1, 1)
    if values.ndim == 1:
        return values.reshape(1, -1)
    return values.reshape(-1, values.shape[-1]) if values.size else values.reshape(0, 0)


def analyse(expr: str, rows: int = 3, cols: int = 4, dtype: str = "int16") -> ViewInfo:
    """Evaluate ``expr`` on ``make_base(rows, cols, dtype)`` and say what came back."""
    a = make_base(rows, cols, dtype)
    cells = np.full((rows, cols), -1, dtype=np.int64)
    common: dict[str, Any] = {"expr": expr, "rows": rows, "cols": cols, "itemsize": a.itemsize}
    try:
        result = evaluate(expr, a)
    except ExpressionError as err:
        return ViewInfo(
            kind="error", cells=cells, values=np.zeros((0, 0)), error=str(err), **common
        )
    except Exception as err:  # IndexError, ValueError from copy=False, ...
        return ViewInfo(
            kind="error",
            cells=cells,
            values=np.zeros((0, 0)),
            error=f"{type(err).__name__}: {err}",
            **common,
        )
    if not isinstance(result, np.ndarray):
        slot = int(np.asarray(result))
        cells.flat[slot] = 0
        return ViewInfo(
            kind="scalar",
            cells=cells,
            values=np.asarray(result).reshape(1, 1),
            shape=(),
            owns_data=True,
            writeable=False,
            base_chain=(f"a NumPy scalar of type {type(result).__name__}",),
            **common,
        )
    if is_view_of(result, a):  # an empty slice too, though it shares no byte with a
        kind = "view"
        slots = (element_offsets(result, a) // a.itemsize).ravel()
        start = int(result.__array_interface__["data"][0] - a.__array_interface__["data"][0])
    else:
        kind = "copy"
        slots = result.ravel().astype(np.int64)
        start = None
    for position, slot in enumerate(slots.tolist()):
        if 0 <= slot < a.size and cells.flat[slot] < 0:
            cells.flat[slot] = position
    return ViewInfo(
        kind=kind,
        cells=cells,
        values=_grid(result),
        shape=result.shape,
        strides=result.strides,
        start=start,
        owns_data=bool(result.flags.owndata),
        writeable=bool(result.flags.writeable),
        base_chain=base_chain(result, a),
        **common,
    )


def summary(info: ViewInfo) -> str:
    """A few lines a learner reads beside the picture."""
    if info.kind == "error":
        return f"{info.expr}\n-> {info.error}"
    n = info.rows * info.cols
    if info.kind == "view" and not math.prod(info.shape):
        head = (
            f"VIEW with no elements: its .base is a, but it reads none of a's {n} cells"
            " (np.shares_memory is False for any empty array)"
        )
    elif info.kind == "view" and info.base_chain[0].endswith("(the result is a itself)"):
        head = f"a ITSELF: the same array object, not a view; all of a's {n} cells"
    elif info.kind == "view":
        head = (
            f"VIEW: shares {info.used} of a's {n} cells; starts {info.start} bytes into a's buffer"
        )
    elif info.kind == "copy":
        head = f"COPY: its own buffer; values copied from {info.used} of a's {n} cells"
    else:
        head = "SCALAR: a copy of one value, not an array"
    lines = [f"{info.expr}  ->  {head}"]
    if info.kind != "scalar":
        flags = "owndata=" + str(info.owns_data) + "  writeable=" + str(info.writeable)
        lines.append(f"shape {info.shape}  strides {info.strides} bytes  {flags}")
    lines.append("base chain: " + info.base_chain[0])
    lines += [f"         -> .base is {step}" for step in info.base_chain[1:]]
    return "\n".join(lines)
