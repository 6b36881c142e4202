"""Everything an analyst opens, written under one folder: graphs, networks, the interactive
view, one CSV per query, and the pictures of chains, similarity and plans over time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .chain import Step
from .coverage import Coverage
from .export import write_atomic
from .html_view import write_html
from .kg import KnowledgeGraph
from .network import build_network, write_network
from .plan_figures import plan_diff_figure, timeline_figure
from .plans import Lifecycle, PlanDiff, lifecycle, plan_diff
from .similarity import RegionSimilarity, compare_regions
from .similarity_figures import similarity_figures
from .slugs import slugify

Progress = Callable[[str], None]

CHAIN_FIGURES = ("init:mod-demensteam", "init:lokalgeografiska-mod-team")
"""The chains drawn by every build: the MOD dementia teams, county-wide and local."""
PLAN_VERSIONS = (
    "doc:fardplan-nara-vard-vasternorrland-2025",
    "doc:fardplan-nara-vard-vasternorrland-2026",
)
"""The two versions of a plan the build compares."""
LIFECYCLES = ("init:sip-pa-distans", "init:mod-demensteam", "init:tidiga-samordnade-insatser")
"""The initiatives whose lifecycle across documents the build draws."""
RDF_FILES = (
    ("naravard.ttl", "all", "turtle"),
    ("naravard-asserted.ttl", "asserted", "turtle"),
    ("naravard-inferred.ttl", "inferred", "turtle"),
    ("naravard.jsonld", "all", "json-ld"),
)


@dataclass(frozen=True)
class Analyses:
    """The answers the pictures and the report show, computed once."""

    chains: dict[str, list[Step]]
    similarity: RegionSimilarity
    diff: PlanDiff
    lifecycles: tuple[Lifecycle, ...]
    coverage: Coverage


def analyse(kg: KnowledgeGraph, progress: Progress) -> Analyses:
    """Chains, region similarity, the plan diff, lifecycles and coverage of ``kg``."""
    progress("tracing responsibility chains")
    chains = {node: kg.chain(node) for node in CHAIN_FIGURES}
    progress("comparing regions (themes, text, governance)")
    similarity = compare_regions(kg)
    progress("comparing plan versions and tracing lifecycles")
    diff = plan_diff(kg, *PLAN_VERSIONS)
    lifecycles = tuple(lifecycle(kg, node) for node in LIFECYCLES)
    progress("counting coverage")
    return Analyses(chains, similarity, diff, lifecycles, kg.coverage())


def write_query_tables(kg: KnowledgeGraph, out: Path, progress: Progress) -> list[Path]:
    """One CSV per query of the library, run with its example's parameters."""
    written = []
    for query in kg.catalogue:
        progress(f"query {query.name}")
        rows = kg.query(query.name, **query.example_params())
        written.append(write_atomic(out / "queries" / f"{query.name}.csv", rows.to_csv()))
    return written


def write_exports(
    kg: KnowledgeGraph,
    out: Path,
    progress: Progress,
    region: str | None = None,
    chain: str | None = None,
) -> list[Path]:
    """Turtle, JSON-LD, GraphML, GEXF, the interactive HTML view and the query CSVs.

    With ``region`` or ``chain`` only the network files and the view of that part are
    written, named after it.
    """
    written: list[Path] = []
    part = region or chain
    stem = f"naravard-{slugify(part.split(':')[-1])}" if part else "naravard"
    if part is None:
        progress("writing graphs (Turtle, JSON-LD)")
        written += [kg.export(out / name, fmt, which) for name, which, fmt in RDF_FILES]
    progress(f"writing networks (GraphML, GEXF) and the interactive view of {part or 'all'}")
    network = build_network(kg, region=region, chain=chain)
    written += [write_network(network, out / f"{stem}{suffix}") for suffix in (".graphml", ".gexf")]
    written.append(write_html(network, out / f"{stem}.html"))
    if part is None:
        written += write_query_tables(kg, out, progress)
    return written


def write_figures(
    kg: KnowledgeGraph, analyses: Analyses, out: Path, progress: Progress
) -> list[Path]:
    """Every picture of the build under ``out/fig``."""
    folder = out / "fig"
    written: list[Path] = []
    for node in analyses.chains:
        progress(f"drawing the chain of {node}")
        written += kg.draw_chain(node, folder / f"chain-{node.split(':', 1)[1]}")
    progress("drawing region similarity")
    written += similarity_figures(analyses.similarity, folder)
    progress("drawing the plan diff and the lifecycles")
    written += plan_diff_figure(analyses.diff, folder / "plan-diff")
    written += timeline_figure(analyses.lifecycles, folder / "lifecycles")
    return written
