"""How an explorer shows its picture: an ordinary PNG output beside the widget.

The controls are an ipywidgets container; the picture is not inside it but an image
output of the same cell, displayed with a ``display_id`` and replaced with
``update_display`` on every change. The notebook file keeps that output as a plain
``image/png``, so a reopened notebook still shows the last picture (where the widget
itself can only say "model not found") with a one-line note to run the cell again.

Figures are plain :class:`matplotlib.figure.Figure` objects drawn by Agg, never
registered with pyplot, so the inline backend neither shows nor keeps them.
"""

from __future__ import annotations

import io
import uuid

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

#: resolution of an explorer's picture (pixels per inch of figure size)
DPI = 90

NOTE = (
    "<small><i>↻ The picture is this explorer's last drawing, kept in the saved notebook. "
    "If the controls above are missing, run this cell to make it interactive.</i></small>"
)


def new_figure(width: float, height: float) -> Figure:
    """A figure outside pyplot, with an Agg canvas."""
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure, dpi: float = DPI) -> bytes:
    """The figure as PNG bytes (fast zlib level: the picture is redrawn on every change)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


class Picture:
    """The image output an explorer draws into; ``show`` replaces it in place."""

    def __init__(self, name: str) -> None:
        self.display_id = f"npmem-{name}-{uuid.uuid4().hex}"
        self.png: bytes | None = None
        self.shown = False
        self.draws = 0

    def _image(self):
        from IPython.display import Image

        return Image(data=self.png, format="png")

    def show(self, fig: Figure) -> bytes:
        """Render ``fig`` and put it in every output of this picture."""
        self.png = png_bytes(fig)
        self.draws += 1
        if self.shown:
            from IPython.display import update_display

            update_display(self._image(), display_id=self.display_id)
        return self.png

    def display(self) -> None:
        """Display the picture (its last drawing) and the note, below the widget."""
        from IPython.display import HTML, display

        if self.png is not None:
            display(self._image(), display_id=self.display_id)
            self.shown = True
        display(HTML(NOTE))


def explorer_box(children, picture: Picture):
    """The explorer's container: its controls, then (when displayed) its picture and note.

    It is an ``ipywidgets.VBox`` with the class ``npmem-explorer``; displaying it (as a
    cell's result or with ``display``) shows the widget and then the picture's image
    output, which ``Picture.show`` keeps up to date.
    """
    import ipywidgets as w

    class ExplorerBox(w.VBox):
        def _ipython_display_(self, **kwargs):
            from IPython.display import display

            display(self._repr_mimebundle_(), raw=True)
            self.picture.display()

    box = ExplorerBox(children)
    box.picture = picture
    box.add_class("npmem-explorer")
    return box
