"""The answers a report shows and its pictures draw, computed once by the build."""

from __future__ import annotations

from dataclasses import dataclass

from ..analytics.chains import Step
from ..analytics.coverage import Coverage
from ..analytics.plans import Lifecycle, PlanDiff
from ..analytics.similarity import RegionSimilarity
from ..core.rows import Rows


@dataclass(frozen=True)
class Analyses:
    """Chains, region similarity, a plan diff, lifecycles, coverage and gaps of one graph.

    ``chains`` maps each start node (prefixed name) to its steps; ``gaps`` maps a region's
    label to its accountability gaps; ``asserted`` and ``inferred`` count the triples.
    """

    chains: dict[str, list[Step]]
    similarity: RegionSimilarity
    diff: PlanDiff
    lifecycles: tuple[Lifecycle, ...]
    coverage: Coverage
    gaps: dict[str, Rows]
    asserted: int
    inferred: int
