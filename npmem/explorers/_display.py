"""How an explorer shows its picture: live inside the widget, still beside it.

The live picture is an ``ipywidgets.Image`` inside the explorer's box: its bytes are
widget state, which the kernel sends again to any view of the widget, so a notebook
closed and reopened (or a page reloaded) while its kernel runs still has controls that
change the picture. The notebook file, which keeps no widget state, keeps a still: an
ordinary ``image/png`` output of the same cell, displayed with a ``display_id`` and
replaced with ``update_display`` on every change, and a one-line note to run the cell
again, so a notebook reopened without its kernel still shows the last picture (where
the widget itself can only say "model not found"). A hidden ``<style>`` inside the
box hides the still and the note wherever the widget renders, so a live session shows
one picture, never two.

Figures are plain :class:`matplotlib.figure.Figure` objects drawn by Agg, never
registered with pyplot, so the inline backend neither shows nor keeps them. Their canvas
(:class:`ExplorerCanvas`) draws each line of text as one bitmap, kept for the next
drawing: matplotlib 3.11's Agg renders text glyph by glyph in Python, which was most of
a picture's drawing time.

Nothing here imports matplotlib until something is drawn: each function imports what it
draws with, and the classes built on matplotlib's (:class:`Labels`, :class:`ExplorerCanvas`,
:class:`TextCacheRenderer`) are in :mod:`npmem.explorers._drawing`, which imports matplotlib
at its top and is imported inside the functions that draw. Grading runs each lesson's
set-up cell, which imports its explorer, for every submission and never draws; importing
matplotlib there took most of a second.
"""

from __future__ import annotations

import functools
import io
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.path import Path

    from ._drawing import Labels

#: resolution of an explorer's picture (pixels per inch of figure size)
DPI = 90
#: pictures an explorer keeps, by control setting, to show again without drawing
CACHED_PICTURES = 64

#: hides the still and the note that follow a rendered explorer (the rule exists only
#: where the widget renders: without a kernel the still and the note show)
STYLE = (
    "<style>"
    ".jp-OutputArea-child:has(.npmem-explorer)"
    " + .jp-OutputArea-child:has(> .jp-OutputArea-output[data-mime-type='image/png']),"
    ".jp-OutputArea-child:has(.npmem-explorer)"
    " + .jp-OutputArea-child:has(> .jp-OutputArea-output[data-mime-type='image/png'])"
    " + .jp-OutputArea-child:has(> .jp-OutputArea-output[data-mime-type='text/html'])"
    "{display: none;}"
    "</style>"
)
NOTE = (
    "<small class='npmem-still-note'><i>↻ The picture is this explorer's last drawing, kept "
    "in the saved notebook. If the controls above are missing, run this cell to make it "
    "interactive.</i></small>"
)


def new_figure(width: float, height: float) -> Figure:
    """A figure outside pyplot, with an :class:`ExplorerCanvas` (Agg)."""
    from matplotlib.figure import Figure

    from ._drawing import ExplorerCanvas

    fig = Figure(figsize=(width, height), dpi=DPI)
    ExplorerCanvas(fig)
    return fig


def reuse_figure(
    fig: Figure | None, width: float, height: float, n_axes: int
) -> tuple[Figure, list[Axes]]:
    """A ``width`` x ``height`` figure with ``n_axes`` axes, to be positioned and drawn on.

    With ``fig`` (an earlier result of this function) its axes are kept and wiped of
    what was drawn on them: making axes costs more than drawing a small picture, so an
    explorer redraws into the figure it drew last time.
    """
    if fig is None or len(fig.axes) != n_axes:
        fig = new_figure(width, height)
        return fig, [fig.add_axes((0, 0, 1, 1)) for _ in range(n_axes)]
    if tuple(fig.get_size_inches()) != (width, height):
        fig.set_size_inches(width, height)
    for text in list(fig.texts):
        text.remove()
    for ax in fig.axes:
        wipe(ax)
    return fig, list(fig.axes)


def wipe(ax: Axes) -> None:
    """Remove everything drawn on ``ax`` (patches, lines, texts, collections, titles)."""
    for artist in [*ax.patches, *ax.lines, *ax.texts, *ax.collections, *ax.images]:
        artist.remove()
    for loc in ("left", "center", "right"):
        ax.set_title("", loc=loc)


def bare(ax: Axes) -> None:
    """Hide the axes and give them no ticks at all (``axis("off")`` alone still makes
    and measures ticks on every draw, to place the title)."""
    from matplotlib.ticker import NullLocator

    ax.axis("off")
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())


def png_bytes(fig: Figure, dpi: float = DPI) -> bytes:
    """The figure as PNG bytes (fast zlib level: the picture is redrawn on every change).

    At the figure's own resolution the canvas's pixels are encoded as they are drawn
    (``savefig`` would draw the same pixels, with more work around the drawing).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    buf = io.BytesIO()
    if dpi != fig.dpi or not isinstance(fig.canvas, FigureCanvasAgg):
        fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
        return buf.getvalue()
    fig.canvas.draw()
    size = fig.canvas.get_width_height(physical=True)
    rgba = fig.canvas.buffer_rgba()
    Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).save(
        buf, format="png", compress_level=1
    )
    return buf.getvalue()


_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}


@functools.cache
def _font():
    """The labels' font (made once, at the first drawing)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family="DejaVu Sans")


@functools.lru_cache(maxsize=4096)
def _glyphs(text: str, size: float, ha: str, va: str) -> Path:
    """``text`` as a filled outline, ``size`` points high, placed by ``ha`` and ``va``."""
    from matplotlib.path import Path
    from matplotlib.textpath import TextPath

    font = _font()
    path = TextPath((0, 0), text, size=size, prop=font)
    box = path.get_extents()
    dx = -(box.x0 + _SHIFT[ha] * box.width)
    dy = -(box.y0 + _SHIFT[va] * box.height) if va != "baseline" else 0.0
    if va == "center":  # centre on the font's digit height, so labels line up
        ref = TextPath((0, 0), "0", size=size, prop=font).get_extents()
        dy = -(ref.y0 + 0.5 * ref.height)
    return Path(path.vertices + (dx, dy), path.codes)


def draw_labels(
    ax: Axes,
    items,
    fontsize: float = 9,
    color="black",
    ha: str = "center",
    va: str = "center",
) -> Labels:
    """Draw ``(x, y, text)`` items (data coordinates) as one :class:`Labels` collection.

    ``color`` is one colour or one per item; the glyphs are ``fontsize`` points high at
    any zoom, like a ``Text``.
    """
    from matplotlib.transforms import Affine2D

    from ._drawing import Labels

    items = list(items)
    paths = [_glyphs(str(t), fontsize, ha, va) for _, _, t in items]
    colors = color if isinstance(color, list) else [color] * len(items)
    coll = Labels(
        paths,
        offsets=[(x, y) for x, y, _ in items] or None,
        offset_transform=ax.transData,
        facecolors=colors,
        edgecolors="none",
        linewidths=0,
    )
    coll.set_transform(Affine2D().scale(ax.figure.dpi / 72.0))
    coll.set_clip_on(False)  # like a Text: a label may stand outside the axes
    coll.texts = [str(t) for _, _, t in items]
    coll.positions = [(x, y) for x, y, _ in items]
    ax.add_collection(coll, autolim=False)
    return coll


class Picture:
    """An explorer's picture: live in ``image`` (an ``ipywidgets.Image`` of the box), and
    as a still image output that ``show`` replaces in place."""

    def __init__(self, name: str) -> None:
        import ipywidgets as w

        self.display_id = f"npmem-{name}-{uuid.uuid4().hex}"
        self.png: bytes | None = None
        #: the live picture, a child of the explorer's box
        self.image = w.Image(format="png")
        self.image.add_class("npmem-picture")
        #: the figure drawn last, which the explorer may draw into again
        self.figure: Figure | None = None
        self.shown = False
        self.draws = 0  # figures drawn
        self.shows = 0  # pictures shown (drawn, or from memory)
        self._cache: dict = {}

    def _image(self):
        from IPython.display import Image

        return Image(data=self.png, format="png")

    def show(self, fig: Figure) -> bytes:
        """Render ``fig`` and put it in the widget and every still of this picture."""
        self.figure = fig
        self.draws += 1
        return self._put(png_bytes(fig))

    def show_for(self, key, draw) -> bytes:
        """Show the picture of the controls ``key``: ``draw(fig)`` makes it (into the
        previous figure) the first time; a setting seen before is shown from memory.

        Only for pictures that depend on nothing but the controls (no measurement).
        """
        png = self._cache.pop(key, None)
        if png is None:
            self.figure = draw(self.figure)
            self.draws += 1
            png = png_bytes(self.figure)
        self._cache[key] = png  # most recently shown last
        while len(self._cache) > CACHED_PICTURES:
            self._cache.pop(next(iter(self._cache)))
        return self._put(png)

    def _put(self, png: bytes) -> bytes:
        self.png = png
        self.shows += 1
        self.image.value = png  # the live picture first: it is the one on show
        if self.shown:
            from IPython.display import update_display

            update_display(self._image(), display_id=self.display_id)
        return png

    def display(self) -> None:
        """Display the still (the last drawing) and the note, below the widget."""
        from IPython.display import HTML, display

        if self.png is not None:
            display(self._image(), display_id=self.display_id)
            self.shown = True
        display(HTML(NOTE))


def follow(controls: dict, picture: Picture, figure_for) -> None:
    """Redraw ``picture`` whenever a control changes, and draw it once now.

    ``figure_for(**values, fig=fig)`` draws the controls' values into ``fig`` (the previous
    figure, or ``None``); a setting seen before is shown from memory (``show_for``). A
    setting that ``figure_for`` cannot draw (it raises) replaces the picture with the
    error's message, so the picture never silently keeps showing the previous setting.
    """

    def draw(values, fig):
        try:
            return figure_for(**values, fig=fig)
        except Exception as err:  # noqa: BLE001  (any failure must reach the picture)
            fig, (ax,) = reuse_figure(fig, 8, 1.2, 1)
            ax.set_position((0.01, 0.05, 0.98, 0.9))
            bare(ax)
            setting = ", ".join(f"{k}={v!r}" for k, v in values.items())
            ax.text(
                0,
                0.5,
                f"Nothing to draw for {setting}:\n{type(err).__name__}: {err}",
                fontsize=9,
                va="center",
                transform=ax.transAxes,
            )
            return fig

    def redraw(*_):
        values = {k: c.value for k, c in controls.items()}
        picture.show_for(tuple(values.values()), lambda fig: draw(values, fig))

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()


def explorer_box(children, picture: Picture):
    """The explorer's container: its controls and live picture, then (when displayed)
    the still and the note.

    It is an ``ipywidgets.VBox`` with the class ``npmem-explorer``: ``children``, the
    picture's ``Image`` and a hidden ``<style>`` that hides the still and the note
    wherever the widget renders. Displaying it (as a cell's result or with ``display``)
    shows the widget and then the still, which ``Picture.show`` keeps up to date for the
    saved notebook.
    """
    import ipywidgets as w

    class ExplorerBox(w.VBox):
        def _ipython_display_(self, **kwargs):
            from IPython.display import display

            display(self._repr_mimebundle_(), raw=True)
            self.picture.display()

    style = w.HTML(STYLE, layout=w.Layout(display="none"))
    box = ExplorerBox([*children, picture.image, style])
    box.picture = picture
    box.add_class("npmem-explorer")
    return box
