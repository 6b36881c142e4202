"""The knowledge graph as one object: load, reason, validate, query, trace, search, export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from . import chain as chains
from .cache import cache_dir, cache_key, read_cached, write_cached
from .coverage import Coverage, section_words
from .engines import DEFAULT_ENGINE, Engines, SparqlStore, engines
from .errors import NodeNotFound
from .evidence import QuoteProblem, quote_problems
from .export import write_graph
from .labels import label
from .loading import parse_turtle, read_text
from .namespaces import NV, expand_curie, new_graph
from .paths import Layout
from .queries import Catalogue, Rows, run_select, term_to_text
from .reason import infer, rule_files
from .search import Hit, search
from .validate import Report, build_report
from .viz import chain_figure

Progress = Callable[[str], None]


def _silent(_message: str) -> None:
    """The default progress callback: say nothing."""


class KnowledgeGraph:
    """Ontology, asserted data and inferred triples, kept in three separate graphs.

    Build one with ``naravard_kg.load()``. ``graph`` is their union (read-only use);
    nothing here adds inferences or shapes to the asserted data.
    """

    def __init__(
        self,
        ontology: Graph,
        asserted: Graph,
        inferred: Graph,
        source_files: dict[Node, tuple[str, ...]],
        layout: Layout,
        engine: Engines,
    ) -> None:
        self.ontology = ontology
        self.asserted = asserted
        self.inferred = inferred
        self.source_files = source_files
        self.layout = layout
        self.engines = engine

    @property
    def parts(self) -> list[Graph]:
        """Ontology, asserted and inferred triples: the union graph without copying."""
        return [self.ontology, self.asserted, self.inferred]

    @cached_property
    def graph(self) -> Graph:
        """Ontology + asserted + inferred triples in one rdflib graph."""
        union = new_graph()
        for part in self.parts:
            union += part
        return union

    @cached_property
    def store(self) -> SparqlStore:
        """The union graph loaded into the query engine once, for every query after."""
        return self.engines.query.open(self.parts)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The query library of ``queries/``."""
        return Catalogue(self.layout.queries)

    @cached_property
    def checks(self) -> Catalogue:
        """The quality checks of ``queries/checks``: any row a check returns is a problem."""
        return Catalogue(self.layout.queries / "checks")

    def run_checks(self) -> dict[str, Rows]:
        """Run every check; the result maps each check's name to its (ideally no) rows."""
        return {check.name: self.sparql(check.text) for check in self.checks}

    def coverage(self, compilation: str = "doc:regionerna-nara-vard-2020") -> Coverage:
        """Counts per region and per document, and the compilation's empty sections
        compared with how much text the source has under each of them."""
        sections = self.query("coverage-sections", document=compilation)
        source = self.graph.value(self.resolve(compilation), NV.sourceFile)
        text = read_text(self.layout.shared / str(source)) if source is not None else ""
        regions = sorted({row["regionLabel"] or "" for row in sections})
        return Coverage(
            self.query("coverage-by-region"),
            self.query("coverage-by-document"),
            sections,
            section_words(text, regions),
        )

    def quote_problems(self) -> list[QuoteProblem]:
        """Evidence whose quote is not found in the source text it cites."""
        return quote_problems(self.asserted, self.layout.shared)

    def resolve(self, node: str | URIRef) -> URIRef:
        """An IRI from a prefixed name, a full IRI or a label; ``NodeNotFound`` if absent."""
        text = str(node).strip()
        iri = text if text.startswith(("http://", "https://")) else expand_curie(text)
        if iri is not None and (URIRef(iri), None, None) in self.graph:
            return URIRef(iri)
        hits = [h for h in search(self.graph, text) if h.rank <= 1]  # exact label, any language
        if len(hits) == 1:
            return URIRef(expand_curie(hits[0].node) or hits[0].node)
        hint = "; several nodes have that label" if hits else ""
        raise NodeNotFound(
            f"no node {text!r} in the graph{hint} "
            "(give a prefixed name such as init:mod-demensteam, "
            "or find one with: naravard-kg search)"
        )

    def validate(self, shapes: Graph | None = None) -> Report:
        """Validate the closed graph against ``shapes/`` (or the given shapes graph)."""
        if shapes is None:
            shapes = load_turtle_folder(self.layout.shapes, {})
        report = self.engines.validator.validate(self.parts, shapes)
        return build_report(report, self.asserted, self.source_files)

    def query(self, name: str, **params: str | Node) -> Rows:
        """Run a query of the library by name with its parameters bound, not pasted in."""
        query = self.catalogue.get(name)
        return self.sparql(query.text, query.bindings(params))

    def sparql(self, text: str, bindings: dict[str, Node] | None = None) -> Rows:
        """Run any SELECT query over the union graph (power users; prefixes predeclared)."""
        return run_select(self.store, text, bindings or {})

    @cached_property
    def _upward(self) -> nx.MultiDiGraph:
        return chains.accountability_graph(self.graph)

    def chain(self, node: str | URIRef) -> list[chains.Step]:
        """Every link from ``node`` up to the top, with relation, frequency and quotes."""
        return chains.chain(self.graph, self.resolve(node), self._upward)

    def draw_chain(self, node: str | URIRef, stem: Path) -> list[Path]:
        """Draw the chain of ``node`` to ``stem``.png and ``stem``.svg (Swedish labels)."""
        start = self.resolve(node)
        title = f"Ansvarskedja: {label(self.graph, start)}"
        return chain_figure(self.chain(start), term_to_text(start) or str(start), title, stem)

    def accountable_for(self, body: str | URIRef) -> list[chains.Dependant]:
        """The reverse chain: every initiative, body and post whose chain reaches ``body``."""
        return chains.accountable_for(self.graph, self.resolve(body), self._upward)

    def gaps(self, region: str | URIRef = "orgid:region-vasternorrland") -> Rows:
        """Initiatives without a named owner, bodies that answer to no one the sources
        name (political bodies aside) and responsibilities without follow-up, in a region."""
        return self.query("accountability-gaps", region=self.resolve(region))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The accountability edges (owner, part of, answers to) as a NetworkX multigraph."""
        return self._upward.copy()

    def search(self, text: str, limit: int | None = None) -> list[Hit]:
        """Nodes whose labels contain ``text``, ignoring case and å/ä/ö."""
        return search(self.graph, text, limit)

    def export(self, path: str | Path, fmt: str | None = None, part: str = "all") -> Path:
        """Write ``all``, ``asserted`` or ``inferred`` triples as Turtle, JSON-LD or N-Triples."""
        parts = {"all": self.graph, "asserted": self.asserted, "inferred": self.inferred}
        if part not in parts:
            raise ValueError(f"unknown part {part!r}; use one of {', '.join(parts)}")
        return write_graph(parts[part], Path(path), fmt)


def load_turtle_files(paths: Sequence[Path], source_files: dict[Node, tuple[str, ...]]) -> Graph:
    """Parse ``paths`` into one graph; record in ``source_files`` where each subject is said."""
    graph = new_graph()
    for path in paths:
        part = parse_turtle(path)
        name = _display_name(path)
        for subject in set(part.subjects()):
            if isinstance(subject, URIRef):
                source_files[subject] = (*source_files.get(subject, ()), name)
        if len(part) > len(graph):  # copy the smaller graph into the larger one
            graph, part = part, graph
        graph += part
    return graph


def _display_name(path: Path) -> str:
    """A path relative to the working directory where possible, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_turtle_folder(folder: Path, source_files: dict[Node, tuple[str, ...]]) -> Graph:
    """Parse every ``.ttl`` under ``folder`` (sorted, so the order is stable)."""
    return load_turtle_files(sorted(folder.rglob("*.ttl")), source_files)


def _infer_cached(
    layout: Layout,
    inputs: list[Path],
    ontology: Graph,
    asserted: Graph,
    bundle: Engines,
    progress: Progress,
    use_cache: bool,
) -> Graph:
    """The inferred triples, from the cache when the inputs are unchanged."""
    rules = rule_files(layout.ontology)
    key = cache_key([*inputs, *rules], bundle.name)
    if use_cache and (cached := read_cached(layout.root, key)) is not None:
        progress(f"inferences unchanged since the last run: read from {cache_dir(layout.root)}")
        return cached
    progress(f"reasoning (OWL 2 RL, {bundle.name} engine) over {len(asserted)} triples")
    inferred = infer(ontology, asserted, rules, bundle)
    if use_cache:
        write_cached(layout.root, key, inferred)
    return inferred


def load(
    root: str | Path | None = None,
    engine: str = DEFAULT_ENGINE,
    reason: bool = True,
    progress: Progress = _silent,
    data: Sequence[str | Path] | None = None,
    cache: bool = True,
) -> KnowledgeGraph:
    """Load the ontology and the graph of a checkout and compute the inferences.

    ``root`` defaults to this checkout; ``engine`` names the engine bundle (``oxigraph``
    or ``rdflib``); with ``reason=False`` the inferred graph stays empty. ``data``
    replaces the files of ``graph/`` by the given Turtle files (to check a new file on
    its own).
    ``progress`` receives one line per step. With ``cache`` (default) the inferred
    triples are kept under ``.cache/`` keyed by a hash of every input file, so an
    unchanged graph is not reasoned over twice.
    """
    layout = Layout(Path(root)) if root is not None else Layout()
    bundle = engines(engine)
    source_files: dict[Node, tuple[str, ...]] = {}
    progress(f"loading ontology from {layout.ontology}")
    ontology = load_turtle_folder(layout.ontology, {})
    data_files = sorted(layout.graph.rglob("*.ttl")) if data is None else [Path(p) for p in data]
    where = layout.graph if data is None else "the command line"
    progress(f"loading {len(data_files)} data file(s) from {where}")
    asserted = load_turtle_files(data_files, source_files)
    inferred = new_graph()
    if reason:
        inputs = [*sorted(layout.ontology.rglob("*.ttl")), *data_files]
        inferred = _infer_cached(layout, inputs, ontology, asserted, bundle, progress, cache)
    return KnowledgeGraph(ontology, asserted, inferred, source_files, layout, bundle)
