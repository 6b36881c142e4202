"""The table of the build's pictures: file stem, drawing, caption and report chapter.

The build draws every picture of this table and the report shows each in its chapter, so
a new picture is added here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .analyses import Analyses
from .chain_figure import chain_figure, chain_stem, chain_title
from .plan_figures import plan_diff_figure, timeline_figure
from .similarity_figures import SIMILARITY_PICTURES

CHAINS, SIMILARITY, PLANS = "chains", "similarity", "plans"
"""The report chapters that show pictures."""


@dataclass(frozen=True)
class Picture:
    """One picture of the build: ``draw(stem)`` writes ``stem``.png and ``stem``.svg."""

    stem: str
    chapter: str
    caption: str
    draw: Callable[[Path], list[Path]]
    subject: str | None = None
    """The node the picture is about (a chain's start), else ``None``."""


def pictures(analyses: Analyses) -> list[Picture]:
    """Every picture of the build, in the order the report shows them."""
    table = [
        Picture(
            chain_stem(node),
            CHAINS,
            chain_title(steps, node),
            partial(chain_figure, steps, node),
            node,
        )
        for node, steps in analyses.chains.items()
    ]
    table += [
        Picture(stem, SIMILARITY, caption, partial(draw, analyses.similarity))
        for stem, draw, caption in SIMILARITY_PICTURES
    ]
    diff = analyses.diff
    table += [
        Picture(
            "plan-diff",
            PLANS,
            f"Från {diff.old_label} till {diff.new_label}",
            partial(plan_diff_figure, diff),
        ),
        Picture(
            "lifecycles",
            PLANS,
            "Initiativens livscykel över dokument och år",
            partial(timeline_figure, analyses.lifecycles),
        ),
    ]
    return table
