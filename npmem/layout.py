"""Pure logic behind the strides explorer: where a view's elements sit in its base buffer.

Nothing here draws or imports widgets, so it is unit-tested directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

DTYPES = ("int8", "int16", "int32", "float32", "float64")


def _diagonal(a: np.ndarray) -> np.ndarray:
    n = min(a.shape)
    return as_strided(a, shape=(n,), strides=(sum(a.strides),), writeable=False)


# name -> (expression shown to the learner, function of the base array)
VIEW_OPS: dict[str, tuple[str, Callable[[np.ndarray], np.ndarray]]] = {
    "whole array": ("a", lambda a: a),
    "transpose": ("a.T", lambda a: a.T),
    "every other row": ("a[::2]", lambda a: a[::2]),
    "every other column": ("a[:, ::2]", lambda a: a[:, ::2]),
    "reversed rows": ("a[::-1]", lambda a: a[::-1]),
    "inner block": ("a[1:, 1:]", lambda a: a[1:, 1:]),
    "one column": ("a[:, 1]", lambda a: a[:, 1]),
    "diagonal (as_strided)": (
        "as_strided(a, (n,), (sum(a.strides),))",
        _diagonal,
    ),
    # ravel(order="K") reads the buffer in memory order: a view of a C- or F-ordered a
    # (a.ravel() would copy an F-ordered a, and the windows would then read the copy)
    "windows of 2 (memory order)": (
        'sliding_window_view(a.ravel(order="K"), 2)',
        lambda a: sliding_window_view(a.ravel(order="K"), 2),
    ),
    "flattened": ("a.ravel()", lambda a: a.ravel()),
}


def make_base(rows: int, cols: int, dtype: str, order: str) -> np.ndarray:
    """A small array numbered 0..n-1 in its own memory order, so labels follow the buffer."""
    if order not in ("C", "F"):
        raise ValueError(f"order must be 'C' or 'F', got {order!r}")
    if rows < 1 or cols < 1:
        raise ValueError(f"rows and cols must be at least 1, got {rows}x{cols}")
    flat = np.arange(rows * cols).astype(dtype)
    return flat.reshape((rows, cols), order=order)  # type: ignore[call-overload]  # checked above


def element_offsets(view: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Byte offset, from the start of ``base``'s buffer, of every element of ``view``.

    The result has ``view``'s shape. It is computed from the view's data pointer and
    strides (offset = start + sum(index * stride)), which is exactly how NumPy finds
    an element.
    """
    start = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    offsets = np.full(view.shape, start, dtype=np.int64)
    for axis, (n, stride) in enumerate(zip(view.shape, view.strides, strict=True)):
        shape = [1] * view.ndim
        shape[axis] = n
        offsets = offsets + (np.arange(n, dtype=np.int64) * stride).reshape(shape)
    return offsets


def _data_offset(view: np.ndarray, base: np.ndarray) -> int:
    """Bytes from ``base``'s data pointer to ``view``'s."""
    return int(view.__array_interface__["data"][0] - base.__array_interface__["data"][0])


@dataclass(frozen=True)
class BufferMap:
    """Which base-buffer slots a view reads, and in which order."""

    itemsize: int
    n_slots: int
    #: for each slot of the base buffer, the list of flat view positions that read it
    readers: tuple[tuple[int, ...], ...]
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    start: int
    c_contiguous: bool
    f_contiguous: bool
    owns_data: bool
    writeable: bool
    #: True when the "view" is really a copy with its own buffer (it reads no slot)
    is_copy: bool = False
    #: why the view could not be built for this setting (``""`` when it was)
    error: str = ""

    @property
    def is_empty_view(self) -> bool:
        """A view with no elements: it reads no slot, yet it is no copy."""
        return not self.is_copy and not self.error and 0 in self.shape

    @property
    def strides_in_items(self) -> tuple[int, ...]:
        return tuple(s // self.itemsize for s in self.strides)

    @property
    def touched(self) -> int:
        return sum(1 for r in self.readers if r)


def is_view_of(result: np.ndarray, base: np.ndarray) -> bool:
    """Whether ``result`` is a view of ``base``'s buffer rather than a copy.

    ``np.shares_memory`` decides for arrays with elements. An empty array shares no byte
    with anything (``np.shares_memory`` is always False for it), so an empty result is a
    view when it leads to the same owner of memory as ``base`` (following ``.base``, which
    NumPy points straight at the owner): an empty slice ``a[1:1]``, and not the empty
    slice of a copy.
    """
    if result.size:
        return bool(np.shares_memory(base, result))
    return owner(result) is owner(base)


def owner(arr: np.ndarray) -> object:
    """The object at the end of ``arr``'s chain of ``.base``: the owner of its memory."""
    node: object = arr
    while isinstance(node, np.ndarray) and node.base is not None:
        node = node.base
    return node


def buffer_map(base: np.ndarray, view: np.ndarray) -> BufferMap:
    """Map a view onto the slots of its base buffer (``base`` must own its data).

    A result that is not a view of ``base`` (``ravel`` of an F-ordered array, say) is
    reported as a copy that reads none of the base's slots; an empty view reads none
    either, but stays a view (:func:`is_view_of`).
    """
    if not is_view_of(view, base):
        return BufferMap(
            itemsize=base.itemsize,
            n_slots=base.size,
            readers=tuple(() for _ in range(base.size)),
            shape=view.shape,
            strides=view.strides,
            start=0,
            c_contiguous=view.flags.c_contiguous,
            f_contiguous=view.flags.f_contiguous,
            owns_data=view.flags.owndata,
            writeable=view.flags.writeable,
            is_copy=True,
        )
    offsets = element_offsets(view, base).ravel()
    itemsize = base.itemsize
    if np.any(offsets % itemsize):
        raise ValueError("view elements are not aligned on base elements")
    slots = offsets // itemsize
    readers: list[list[int]] = [[] for _ in range(base.size)]
    for position, slot in enumerate(slots.tolist()):
        readers[slot].append(position)
    return BufferMap(
        itemsize=itemsize,
        n_slots=base.size,
        readers=tuple(tuple(r) for r in readers),
        shape=view.shape,
        strides=view.strides,
        start=int(offsets[0]) if offsets.size else _data_offset(view, base),
        c_contiguous=view.flags.c_contiguous,
        f_contiguous=view.flags.f_contiguous,
        owns_data=view.flags.owndata,
        writeable=view.flags.writeable,
    )


def explore(rows: int, cols: int, dtype: str, order: str, op: str) -> tuple[np.ndarray, BufferMap]:
    """Build the base array and the chosen view, and map one onto the other."""
    base = make_base(rows, cols, dtype, order)
    _, func = VIEW_OPS[op]
    try:
        view = func(base)
    except (IndexError, ValueError) as err:  # a setting the view cannot be built for
        return base, BufferMap(
            itemsize=base.itemsize,
            n_slots=base.size,
            readers=tuple(() for _ in range(base.size)),
            shape=(),
            strides=(),
            start=0,
            c_contiguous=False,
            f_contiguous=False,
            owns_data=False,
            writeable=False,
            error=f"{type(err).__name__}: {err}",
        )
    return base, buffer_map(base, view)


def summary(m: BufferMap) -> str:
    """One line a learner reads under the picture."""
    if m.error:
        return f"NO VIEW for this setting: {m.error}; nothing is read"
    if m.is_empty_view:
        return (
            f"a VIEW with no elements: shape {m.shape}, strides {m.strides}; its .base is a,"
            " but it reads none of a's slots (np.shares_memory is False for any empty array)"
        )
    if m.is_copy:
        return (
            f"a COPY: shape {m.shape}, strides {m.strides}, its own buffer of "
            f"{m.itemsize * int(np.prod(m.shape))} bytes; it reads none of a's slots"
        )
    flags = ", ".join(
        name
        for name, on in (
            ("C-contiguous", m.c_contiguous),
            ("F-contiguous", m.f_contiguous),
            ("read-only", not m.writeable),
        )
        if on
    )
    return (
        f"shape {m.shape}  strides {m.strides} bytes = {m.strides_in_items} items of "
        f"{m.itemsize} B  starts at byte {m.start}  reads {m.touched}/{m.n_slots} slots"
        + (f"  [{flags}]" if flags else "")
    )
