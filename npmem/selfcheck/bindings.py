"""What a cell binds and reads, so the check can say which skipped cell an answer needed.

The grader runs only the course's set-up, each exercise's own solution cell and the
tests; when an answer fails on a name that a demonstration or a learner's own cell
defines, the check names that cell. Names come from Python's own scope analysis
(``symtable``) after IPython has turned magics into Python; a cell that reaches names
dynamically (``eval``, ``exec``, ``globals()``, a magic, ``import *``) is ``dynamic``.
"""

from __future__ import annotations

import ast
import symtable
from dataclasses import dataclass, field

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
DYNAMIC = {"eval", "exec", "globals", "locals", "vars", "get_ipython", "__import__", "__builtins__"}


@dataclass
class Names:
    binds: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)  # read before this cell binds them
    dynamic: bool = False


def _python(source: str) -> str:
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _nested_globals(table: symtable.SymbolTable, names: Names) -> None:
    for child in table.get_children():
        for sym in child.get_symbols():
            if sym.is_global() and sym.is_referenced():
                names.reads.add(sym.get_name())
            if sym.is_declared_global() and sym.is_assigned():
                names.binds.add(sym.get_name())
                names.reads.add(sym.get_name())  # "global x; x += 1" reads it too
        _nested_globals(child, names)


def _simple(stmt: ast.AST, bound: set[str], out: Names) -> set[str]:
    """Record one simple statement's names; return those it surely binds."""
    own = Names()
    table = symtable.symtable(ast.unparse(stmt) + "\n", "<cell>", "exec")
    for sym in table.get_symbols():
        if sym.is_referenced():
            own.reads.add(sym.get_name())
        if sym.is_assigned() or sym.is_imported():
            own.binds.add(sym.get_name())
    _nested_globals(table, own)
    for node in _same_scope(stmt):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            own.reads.add(node.target.id)  # x += 1 reads x; symtable only says "assigned"
        elif isinstance(node, ast.Delete):
            own.reads.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            out.dynamic = True
    out.dynamic = out.dynamic or bool(own.reads & DYNAMIC)
    out.reads |= own.reads - bound
    out.binds |= own.binds
    return own.binds


def _same_scope(node: ast.AST):
    """The nodes of ``node`` that run in its own scope (not inside a def, class or lambda)."""
    todo = [] if isinstance(node, SCOPES) else [node]
    while todo:
        here = todo.pop()
        yield here
        for child in ast.iter_child_nodes(here):
            if not isinstance(child, SCOPES):
                todo.append(child)


def _runs_once(loop: ast.For | ast.AsyncFor) -> bool:
    """A loop surely entered, with no jump that could skip the rest of its body: over a
    non-empty literal, or ``range`` of constants that is not empty."""
    jumps = (ast.Break, ast.Continue, ast.Return, ast.Raise)
    if any(isinstance(n, jumps) for n in _same_scope(loop)):
        return False
    it = loop.iter
    if isinstance(it, (ast.List, ast.Tuple, ast.Set)):
        return bool(it.elts) and not any(isinstance(e, ast.Starred) for e in it.elts)
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
        args = it.args
        if it.keywords or not args or not all(isinstance(a, ast.Constant) for a in args):
            return False
        values = [a.value for a in args if isinstance(a, ast.Constant)]
        ints = [v for v in values if type(v) is int]
        if len(ints) != len(values):
            return False
        return len(range(*ints)) > 0
    return False


def _expr(node: ast.expr | None, bound: set[str], out: Names) -> None:
    if node is not None:
        _simple(ast.Expr(node), bound, out)


def _targets(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _block(stmts: list[ast.stmt], bound: set[str], out: Names) -> None:
    """Walk statements in order; a name bound on every path so far is not read from outside.

    Names bound inside a branch or a loop body count only within it (it may not run),
    except when both branches of an ``if`` bind them, a loop surely runs its body, or
    a ``with ... as`` binds them.
    """
    for stmt in stmts:
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            _expr(stmt.iter, bound, out)
            loop = bound | _targets(stmt.target)
            out.binds |= _targets(stmt.target)
            _block(stmt.body, loop, out)
            if _runs_once(stmt):  # what its body surely binds is bound after it
                bound |= loop
            _block(stmt.orelse, set(bound), out)
        elif isinstance(stmt, ast.While):
            _expr(stmt.test, bound, out)
            _block(stmt.body, set(bound), out)
            _block(stmt.orelse, set(bound), out)
        elif isinstance(stmt, ast.If):
            _expr(stmt.test, bound, out)
            then, other = set(bound), set(bound)
            _block(stmt.body, then, out)
            _block(stmt.orelse, other, out)
            if stmt.orelse:  # bound on both paths: bound after the if
                bound |= then & other
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                _expr(item.context_expr, bound, out)
                out.binds |= _targets(item.optional_vars)
                bound |= _targets(item.optional_vars)
            _block(stmt.body, bound, out)
        elif isinstance(stmt, ast.Try | getattr(ast, "TryStar", ast.Try)):
            _block(stmt.body, set(bound), out)
            for handler in stmt.handlers:
                _expr(handler.type, bound, out)
                caught = {handler.name} if handler.name else set()
                out.binds |= caught
                _block(handler.body, bound | caught, out)
            _block(stmt.orelse, set(bound), out)
            _block(stmt.finalbody, set(bound), out)
        else:
            binds = _simple(stmt, bound, out)
            certain = (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom)
            defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            if isinstance(stmt, certain + defs):
                bound |= binds


def names(source: str) -> Names:
    """What a cell binds at module level and reads from earlier cells."""
    try:
        tree = ast.parse(_python(source))
    except (SyntaxError, ValueError):
        return Names()  # a cell that does not compile runs nothing
    out = Names()
    try:
        _block(tree.body, set(), out)
    except (SyntaxError, ValueError):  # symtable refuses it (a bad nonlocal): nothing bound
        return Names()
    return out
