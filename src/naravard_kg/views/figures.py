"""Pictures as files: a new matplotlib figure, saved as PNG and SVG with the same bytes for
the same picture.

Figures are made with matplotlib's object API (``matplotlib.figure.Figure``), never through
``pyplot``: no backend is chosen or changed, so a notebook's inline plots keep working, and
matplotlib is imported only when the first picture is drawn.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.files import write_atomic
from ..errors import BadParameter

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

_FORMATS = (
    (".png", {"metadata": {"Software": None}, "dpi": 110}),
    (".svg", {"metadata": {"Date": None}}),
)


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` × ``height`` inches, drawn by no GUI backend."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def save_figure(figure: Figure, stem: Path) -> list[Path]:
    """Write ``figure`` to ``stem``.png and ``stem``.svg atomically; ``BadParameter``
    naming the path when its folder cannot be made or written to.

    PNG metadata and the SVG date are left out and SVG ids use a fixed salt, so two
    runs write byte-identical files. Each format is rendered into a temporary file of a
    unique name, so two builds into one folder never write the same temporary file.
    """
    import matplotlib

    written = []
    for suffix, extra in _FORMATS:
        path = figure_path(stem, suffix)
        try:
            stem.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
        except OSError as exc:
            raise BadParameter(f"cannot write the picture {path}: {exc.strerror or exc}") from None
        os.close(handle)
        temporary = Path(name)
        try:
            with matplotlib.rc_context({"svg.hashsalt": "naravard-kg"}):
                figure.savefig(temporary, **extra)
            written.append(write_atomic(path, temporary.read_bytes()))
        finally:
            temporary.unlink(missing_ok=True)
    return written


def figure_path(stem: Path, suffix: str) -> Path:
    """The file of ``stem`` in the format of ``suffix``: the suffix is added to the name as
    given (``chain.v2`` gives ``chain.v2.png``), or replaces an image format's
    (``chain.svg`` gives ``chain.png``); ``BadParameter`` when ``stem`` is a folder."""
    if stem.is_dir():
        raise BadParameter(f"{stem} is a folder; name the picture's file, e.g. {stem / 'chain'}")
    if stem.suffix in dict(_FORMATS):
        return stem.with_suffix(suffix)
    return stem.with_name(stem.name + suffix)


def legend_line(**style: object) -> Line2D:
    """A line or marker with ``style`` for a legend entry (``color``, ``linestyle``, ``label``…)."""
    from matplotlib.lines import Line2D

    return Line2D([], [], **style)


def palette(name: str) -> tuple[tuple[float, float, float], ...]:
    """The colours of one of matplotlib's qualitative colour maps (e.g. ``tab10``)."""
    import matplotlib

    return tuple(matplotlib.colormaps[name].colors)
