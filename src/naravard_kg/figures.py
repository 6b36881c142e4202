"""Saving matplotlib figures reproducibly: PNG and SVG, same bytes for the same picture."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .export import write_atomic

_FORMATS = (
    (".png", {"metadata": {"Software": None}, "dpi": 110}),
    (".svg", {"metadata": {"Date": None}}),
)


def save_figure(figure: Figure, stem: Path) -> list[Path]:
    """Write ``figure`` to ``stem``.png and ``stem``.svg atomically, then close it.

    PNG metadata and the SVG date are left out and SVG ids use a fixed salt, so two
    runs write byte-identical files.
    """
    written = []
    stem.parent.mkdir(parents=True, exist_ok=True)
    for suffix, extra in _FORMATS:
        path = stem.with_suffix(suffix)
        temporary = path.with_name(f".{path.name}.tmp{suffix}")
        try:
            with plt.rc_context({"svg.hashsalt": "naravard-kg"}):
                figure.savefig(temporary, **extra)
            written.append(write_atomic(path, temporary.read_bytes()))
        finally:
            temporary.unlink(missing_ok=True)
    plt.close(figure)
    return written
