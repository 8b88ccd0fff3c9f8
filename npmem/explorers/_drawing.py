"""The classes explorers draw with, built on matplotlib's: canvas, text-caching renderer, labels.

Imported only when something is drawn, by the functions of ``_display`` that draw: grading
imports the explorers for every submission and never draws, and matplotlib takes most of a
second to import.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.collections import PathCollection

#: bytes of text bitmaps :class:`TextCacheRenderer` keeps (a tick label takes a few
#: hundred, a long title line about 10 KiB), the least recently drawn dropped first
CACHED_TEXT_BYTES = 4 * 2**20
_TEXTS: OrderedDict = OrderedDict()
_cached_bytes = [0]


class TextCacheRenderer(RendererAgg):
    """Agg, drawing each line of plain text as one bitmap and keeping it for later draws.

    The bitmap is FreeType's rendering of the whole line (``FT2Font.set_text`` and
    ``draw_glyphs_to_bitmap``, kerning and hinting as matplotlib measures the line),
    placed on whole pixels (and turned, for rotated text) as matplotlib 3.9 and earlier
    placed text; a line drawn before, in the same font, size and resolution, is not
    rendered again. Mathtext, text without antialiasing or with font features falls back
    to matplotlib, and so does everything once this way fails (a matplotlib without
    these calls).
    """

    usable = True

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        plain = not ismath and gc.get_antialiased()
        if plain and mtext is not None:
            features = getattr(mtext, "get_fontfeatures", lambda: None)()
            language = getattr(mtext, "get_language", lambda: None)()
            plain = features is None and language is None
        if not (plain and TextCacheRenderer.usable):
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        try:
            image, xo, yo, descent = self._line(s, prop)
            if not image.size:  # an empty line: no ink
                return None
            # (matplotlib 3.9's placement: the descent turns with the text)
            xd = descent * math.sin(math.radians(angle))
            yd = descent * math.cos(math.radians(angle))
            self._renderer.draw_text_image(
                image, round(x + xo + xd), round(y + yo + yd) + 1, angle, gc
            )
        except (AttributeError, TypeError, ValueError):  # not this matplotlib's API
            TextCacheRenderer.usable = False
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)

    def _line(self, s: str, prop) -> tuple[np.ndarray, float, float, float]:
        """The bitmap of ``s`` (unrotated), its offset from the text's anchor and the
        font's descent, in pixels."""
        key = (
            s,
            tuple(prop.get_family()),
            prop.get_style(),
            prop.get_variant(),
            prop.get_weight(),
            prop.get_stretch(),
            prop.get_size_in_points(),
            prop.get_file(),
            self.dpi,
            get_hinting_flag(),
        )
        hit = _TEXTS.get(key)
        if hit is not None:
            _TEXTS.move_to_end(key)
            return hit
        font = self._prepare_font(prop)
        font.set_text(s, 0, flags=get_hinting_flag())
        font.draw_glyphs_to_bitmap(antialiased=True)
        xo, yo = font.get_bitmap_offset()
        image = np.array(font.get_image(), dtype=np.uint8)  # a copy: the font is reused
        hit = (image, xo / 64.0, yo / 64.0, font.get_descent() / 64.0)
        _TEXTS[key] = hit
        _cached_bytes[0] += image.nbytes
        while _cached_bytes[0] > CACHED_TEXT_BYTES and len(_TEXTS) > 1:
            _cached_bytes[0] -= _TEXTS.popitem(last=False)[1][0].nbytes
        return hit


def forget_texts() -> None:
    """Empty the cache of text bitmaps (the next drawing renders every text afresh)."""
    _TEXTS.clear()
    _cached_bytes[0] = 0


class ExplorerCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer is a :class:`TextCacheRenderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(
            getattr(self, "renderer", None), TextCacheRenderer
        ):
            self.renderer = TextCacheRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class Labels(PathCollection):
    """Many short labels drawn as one collection of glyph outlines.

    A matplotlib ``Text`` costs about half a millisecond to draw; a grid of slot
    numbers drawn as one collection costs about as much as one. ``texts`` keeps the
    strings and ``positions`` their anchors (data coordinates), in order.
    """

    texts: list[str]
    positions: list[tuple[float, float]]
