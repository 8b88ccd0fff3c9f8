"""Pure logic behind the broadcasting explorer.

``align`` lines two shapes up by their trailing axes, says which axes of each operand
stretch, and gives the result shape or the first axis (from the right) that cannot
broadcast. ``broadcast_strides`` gives the strides of the zero-copy view NumPy builds
for a stretched operand. Nothing here draws or imports widgets, so it is unit-tested
directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: shapes offered by the explorer, as the strings shown in its dropdowns
SHAPES = (
    "()",
    "(1,)",
    "(4,)",
    "(3,)",
    "(3, 1)",
    "(1, 4)",
    "(3, 4)",
    "(4, 3)",
    "(2, 1, 4)",
    "(2, 3, 1)",
    "(2, 3, 4)",
    "(5, 1, 1)",
)
DTYPES = ("int8", "int16", "float32", "float64")


def parse_shape(text: str) -> tuple[int, ...]:
    """``"(2, 1, 4)"`` -> ``(2, 1, 4)``; ``"()"`` -> ``()``; also accepts ``"2x1x4"``."""
    body = text.strip().strip("()[]").replace("x", ",")
    parts = [p.strip() for p in body.split(",") if p.strip()]
    shape = tuple(int(p) for p in parts)
    if any(n < 0 for n in shape):
        raise ValueError(f"axis lengths must be >= 0, got {shape}")
    return shape


def pad(shape: Sequence[int], ndim: int) -> tuple[int | None, ...]:
    """Right-align ``shape`` in ``ndim`` slots; missing leading axes are ``None``."""
    shape = tuple(shape)
    if len(shape) > ndim:
        raise ValueError(f"shape {shape} has more than {ndim} axes")
    return (None,) * (ndim - len(shape)) + shape


@dataclass(frozen=True)
class Alignment:
    """Two shapes lined up by their trailing axes, and what broadcasting makes of them."""

    #: the operands' shapes, right-aligned; ``None`` marks an axis the operand lacks
    padded: tuple[tuple[int | None, ...], tuple[int | None, ...]]
    #: per operand, per aligned axis: is the operand stretched along it (missing or 1 -> n)?
    stretched: tuple[tuple[bool, ...], tuple[bool, ...]]
    #: the broadcast shape, or ``None`` when the shapes are incompatible
    result: tuple[int, ...] | None
    #: aligned index of the rightmost axis where lengths clash (``None`` if compatible)
    bad_axis: int | None
    #: the shapes as given
    shapes: tuple[tuple[int, ...], tuple[int, ...]]

    @property
    def ndim(self) -> int:
        return len(self.padded[0])

    @property
    def ok(self) -> bool:
        return self.result is not None

    def message(self) -> str:
        """What NumPy says for these shapes (``np.broadcast_shapes``' error when they clash)."""
        a, b = self.shapes
        if self.ok:
            return f"{a} and {b} broadcast to {self.result}"
        return (
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
            f"between arg 0 with shape {a} and arg 1 with shape {b}."
        )


def align(shape_a: Sequence[int], shape_b: Sequence[int]) -> Alignment:
    """Line two shapes up from the right and apply the broadcasting rules axis by axis."""
    a, b = tuple(int(n) for n in shape_a), tuple(int(n) for n in shape_b)
    ndim = max(len(a), len(b))
    pa, pb = pad(a, ndim), pad(b, ndim)
    result: list[int] = []
    bad_axis = None
    stretch_a: list[bool] = []
    stretch_b: list[bool] = []
    for axis in range(ndim):
        n, m = pa[axis], pb[axis]
        na = 1 if n is None else n
        nb = 1 if m is None else m
        if na == nb or na == 1 or nb == 1:
            out = nb if na == 1 else na
        else:
            out = None
            bad_axis = axis  # keep the rightmost clash, the one NumPy meets first
        result.append(out if out is not None else -1)
        length = out if out is not None else max(na, nb)
        stretch_a.append(n is None or (na == 1 and length != 1))
        stretch_b.append(m is None or (nb == 1 and length != 1))
    return Alignment(
        padded=(pa, pb),
        stretched=(tuple(stretch_a), tuple(stretch_b)),
        result=None if bad_axis is not None else tuple(result),
        bad_axis=bad_axis,
        shapes=(a, b),
    )


def broadcast_strides(
    shape: Sequence[int], strides: Sequence[int], target: Sequence[int]
) -> tuple[int, ...]:
    """Strides of the view of an array (``shape``, ``strides``) stretched to ``target``.

    Axes the array lacks, and its length-1 axes, get stride 0: every step along them
    reads the same bytes again. Raises ``ValueError`` when ``shape`` cannot stretch to
    ``target``.
    """
    shape, strides, target = tuple(shape), tuple(strides), tuple(target)
    if len(shape) > len(target):
        raise ValueError(f"cannot broadcast {shape} to the smaller {target}")
    padded = pad(shape, len(target))
    padded_strides = (0,) * (len(target) - len(strides)) + strides
    out = []
    for n, stride, t in zip(padded, padded_strides, target, strict=True):
        if n is None or n == 1:
            out.append(0)
        elif n == t:
            out.append(stride)
        else:
            raise ValueError(f"cannot broadcast {shape} to {target}: {n} does not stretch to {t}")
    return tuple(out)


def grid_cells(alignment: Alignment, operand: int) -> tuple[np.ndarray, np.ndarray]:
    """The last two axes of the result, as seen by one operand (a compatible alignment).

    Returns ``(stored, source)``, both of the result's last-two shape (a 1-D result is
    drawn as one row): ``stored`` is True where the operand really holds that element,
    False where broadcasting repeats one; ``source[i, j]`` is the flat index, in the
    operand's own last-two grid, of the element shown there.
    """
    if alignment.result is None:
        raise ValueError("the shapes do not broadcast")
    rows, cols = _last_two(alignment.result)
    own = alignment.padded[operand]
    stretch = alignment.stretched[operand]
    own_rows, own_cols = _last_two(tuple(1 if n is None else n for n in own))
    s_rows = stretch[-2] if alignment.ndim >= 2 else True
    s_cols = stretch[-1] if alignment.ndim >= 1 else True
    i = np.arange(rows)[:, None]
    j = np.arange(cols)[None, :]
    src_i = np.zeros_like(i) if s_rows else i
    src_j = np.zeros_like(j) if s_cols else j
    stored = (src_i == i) & (src_j == j)
    source = src_i * own_cols + src_j
    return np.broadcast_to(stored, (rows, cols)).copy(), np.broadcast_to(
        source, (rows, cols)
    ).copy()


def _last_two(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return 1, shape[0]
    return shape[-2], shape[-1]
