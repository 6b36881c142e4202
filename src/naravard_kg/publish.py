"""The build: validate a loaded graph, then publish everything an analyst opens under one
folder: graphs, networks, the interactive view, one CSV per query, the documentation of
the ontology, the pictures of the build (``views.pictures``), the report, and the
description of all that for data portals and linked-data tools
(``views.dataset_description``).

May import: the facade (``naravard_kg.kg``) and the parts below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .analytics.evidence import QuoteProblem
from .core.defaults import COMPILATION, LANGUAGES, PLAN_VERSIONS, Publication
from .core.files import replacing_folder, write_atomic
from .core.progress import Progress
from .core.rows import Rows
from .core.slugs import slugify
from .engines.shacl_report import Report
from .kg import KnowledgeGraph
from .views.analyses import Analyses
from .views.dataset_description import write_descriptions
from .views.html_view import write_html
from .views.network import write_network
from .views.ontology_docs import PAGE, ontology_html
from .views.pictures import pictures
from .views.report import write_report

CHAIN_FIGURES = ("init:mod-demensteam", "init:lokalgeografiska-mod-team")
"""The chains drawn by every build: the MOD dementia teams, county-wide and local."""
LIFECYCLES = ("init:sip-pa-distans", "init:mod-demensteam", "init:tidiga-samordnade-insatser")
"""The initiatives whose lifecycle across documents the build draws."""
GAP_REGIONS = ("orgid:region-vasternorrland", "orgid:region-vasterbotten")
"""The regions whose accountability gaps the report lists."""
RDF_FILES = (
    ("naravard.ttl", "all", "turtle"),
    ("naravard-asserted.ttl", "asserted", "turtle"),
    ("naravard-inferred.ttl", "inferred", "turtle"),
    ("naravard.jsonld", "all", "json-ld"),
)
PARTS = ("ontology", "asserted", "inferred")
"""The parts of the graph whose triples the VoID description counts."""


@dataclass
class BuildResult:
    """What a build did, for the summary and for tests."""

    out: Path
    asserted: int
    inferred: int
    report: Report
    failed_checks: dict[str, Rows] = field(default_factory=dict)
    quote_problems: list[QuoteProblem] = field(default_factory=list)
    queries_run: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the graph conforms, every check is empty and every quote is found."""
        return self.report.conforms and not self.failed_checks and not self.quote_problems

    def quality_text(self) -> str:
        """The validation report, then failed checks and quotes not found."""
        parts = [self.report.text()]
        for name, rows in self.failed_checks.items():
            parts.append(f"Check {name} failed with {len(rows)} row(s):\n{rows.to_table()}")
        parts += [f"Quote problem: {problem}\n" for problem in self.quote_problems]
        return "".join(parts)

    def summary(self) -> str:
        """What the build found and wrote, with the folder it wrote to."""
        conformance = (
            "conforms"
            if self.report.conforms
            else (f"does NOT conform ({len(self.report.violations)} violation(s))")
        )
        quality = (
            f"{len(self.failed_checks)} check(s) failed, {len(self.quote_problems)} quote(s) "
            "not found in the corpus"
        )
        lines = [
            f"triples: {self.asserted} asserted, {self.inferred} inferred",
            f"validation: {conformance}; {quality} (report: {self.out / 'validation.txt'})",
            f"queries run: {len(self.queries_run)} (results: {self.out / 'queries'})",
            f"files written: {len(self.files)} under {self.out.resolve()}",
        ]
        lines += [f"  {path.relative_to(self.out)}" for path in self.files]
        return "\n".join(lines) + "\n"


def analyse(kg: KnowledgeGraph, progress: Progress) -> Analyses:
    """Chains, region similarity, the plan diff, lifecycles, coverage and gaps of ``kg``."""
    progress("tracing responsibility chains")
    chains = {node: kg.chain(node) for node in CHAIN_FIGURES}
    progress("comparing regions (themes, text, governance)")
    similarity = kg.similarity
    progress("comparing plan versions and tracing lifecycles")
    diff = kg.diff(*PLAN_VERSIONS)
    lifecycles = tuple(kg.lifecycle(node) for node in LIFECYCLES)
    progress("counting coverage and gaps")
    gaps = {kg.label(region): kg.gaps(region) for region in GAP_REGIONS}
    return Analyses(
        chains,
        similarity,
        diff,
        lifecycles,
        kg.coverage(),
        gaps,
        kg.size("asserted"),
        kg.size("inferred"),
    )


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
    network = kg.network(region=region, chain=chain)
    if part is None:
        progress("writing graphs (Turtle, JSON-LD)")
        written += [kg.export(out / name, fmt, which) for name, which, fmt in RDF_FILES]
    progress(f"writing networks (GraphML, GEXF) and the interactive view of {part or 'all'}")
    written += [write_network(network, out / f"{stem}{suffix}") for suffix in (".graphml", ".gexf")]
    written.append(write_html(network, out / f"{stem}.html"))
    if part is None:
        written += write_query_tables(kg, out, progress)
    return written


def write_ontology_docs(kg: KnowledgeGraph, out: Path, progress: Progress) -> Path:
    """The documentation of ``kg``'s ontology, ``ontology.html``."""
    progress("documenting the ontology")
    return write_atomic(out / PAGE, ontology_html(kg.ontology))


def write_figures(analyses: Analyses, out: Path, progress: Progress) -> list[Path]:
    """Every picture of the build under ``out/fig``."""
    written: list[Path] = []
    for picture in pictures(analyses):
        progress(f"drawing {picture.stem}")
        written += picture.draw(out / "fig" / picture.stem)
    return written


def write_pictures_and_report(kg: KnowledgeGraph, out: Path, progress: Progress) -> list[Path]:
    """The pictures under ``out/fig`` and the HTML and Markdown report that shows them."""
    analyses = analyse(kg, progress)
    files = write_figures(analyses, out, progress)
    progress("writing the report")
    return files + write_report(analyses, out)


def write_description(
    kg: KnowledgeGraph, out: Path, files: list[Path], publication: Publication
) -> list[Path]:
    """``dataset.ttl`` (DCAT-AP-SE) and ``void.ttl`` (VoID) of ``kg`` and the ``files``
    written under ``out``, published where ``publication`` says."""
    sizes = {part: kg.size(part) for part in PARTS}
    examples = [kg.resolve(node) for node in (COMPILATION, *CHAIN_FIGURES, *GAP_REGIONS)]
    return write_descriptions(kg.reader, sizes, examples, out, files, publication)


def write_outputs(
    kg: KnowledgeGraph,
    out: Path,
    progress: Progress,
    lang: str = LANGUAGES[0],
    publication: Publication | None = None,
) -> BuildResult:
    """Validate ``kg`` (messages in ``lang``) and write graphs, networks, query results,
    the documentation of the ontology, pictures, the report and the description of the
    dataset (published where ``publication`` says, by default at the project's addresses).

    When the graph does not conform, a check fails or a quote is not found, only
    ``validation.txt`` is written: a graph that fails its own checks is not published.
    """
    progress("validating (SHACL)")
    report = kg.validate(lang=lang)
    progress("running quality checks and checking quotes against the corpus")
    failed = {name: rows for name, rows in kg.run_checks().items() if rows}
    result = BuildResult(
        out, kg.size("asserted"), kg.size("inferred"), report, failed, kg.quote_problems()
    )
    result.files.append(write_atomic(out / "validation.txt", result.quality_text()))
    if not result.ok:
        return result
    result.files += write_exports(kg, out, progress)
    result.queries_run = [query.name for query in kg.catalogue]
    result.files.append(write_ontology_docs(kg, out, progress))
    result.files += write_pictures_and_report(kg, out, progress)
    progress("describing the dataset (DCAT-AP-SE, VoID)")
    result.files += write_description(kg, out, result.files, publication or Publication())
    return result


def build(
    kg: KnowledgeGraph,
    out: Path,
    progress: Progress,
    lang: str = LANGUAGES[0],
    publication: Publication | None = None,
) -> BuildResult:
    """``write_outputs`` into a new folder that then replaces ``out`` whole, so ``out``
    always holds one whole build; a failed or interrupted build leaves it as it was."""
    with replacing_folder(out) as staging:
        result = write_outputs(kg, staging, progress, lang, publication)
    result.files = [out / path.relative_to(staging) for path in result.files]
    result.out = out
    return result
