"""The facade: ``load`` a knowledge graph, then ask it everything through one object.

``KnowledgeGraph`` holds the ontology, the asserted and the inferred triples apart, runs
on an engine bundle, and delegates each question to the part that answers it: the query
library, the analytics (chains, similarity, plans, coverage, search) and the views
(pictures, RDF files, networks). The command line and Python users go through here.

May import: every part below it (core, engines, library, analytics, views); NetworkX,
the numerical similarity and the drawing modules only inside the methods that use them,
so ``import naravard_kg`` and a query stay quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .core.defaults import COMPILATION, LANGUAGES, PLAN_VERSIONS
from .core.extras import needs
from .core.paths import Layout, turtle_files
from .core.progress import Progress, silent
from .core.rows import Rows
from .engines import DEFAULT_ENGINE, engines
from .engines.persistent import StoredGraph, expected_manifest, open_current
from .errors import BadParameter, RootError, StoreError
from .library.catalogue import Catalogue
from .library.nodes import NodeFinder
from .library.select import run_select, run_sparql

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    from .analytics.chains import Dependant, Step
    from .analytics.coverage import Coverage
    from .analytics.evidence import QuoteProblem
    from .analytics.plans import Lifecycle, PlanDiff
    from .analytics.search import Hits
    from .analytics.similarity import Peer, RegionSimilarity
    from .engines.base import Engines, SparqlStore
    from .engines.shacl_report import Report
    from .engines.terms import Bindable
    from .library.reader import GraphReader


class KnowledgeGraph:
    """Ontology, asserted data and inferred triples, kept in three separate graphs.

    Build one with ``naravard_kg.load()``. ``graph`` is their union (read-only use);
    nothing here adds inferences or shapes to the asserted data.
    """

    def __init__(
        self,
        ontology: Graph | None,
        asserted: Graph | None,
        inferred: Graph | None,
        source_files: dict[Node, tuple[str, ...]] | None,
        layout: Layout,
        engine: Engines,
        stored: StoredGraph | None = None,
    ) -> None:
        self._parts = {"ontology": ontology, "asserted": asserted, "inferred": inferred}
        self._source_files = source_files
        self.layout = layout
        self.engines = engine
        self.stored = stored
        """The built store this graph is read from (``None`` when held in memory only)."""

    def _part(self, name: str) -> Graph:
        part = self._parts[name]
        if part is None:
            assert self.stored is not None
            self._parts.update(self.stored.parts())
            part = self._parts[name]
            assert part is not None
        return part

    @property
    def ontology(self) -> Graph:
        """The ontology's triples (read from the store the first time they are asked for)."""
        return self._part("ontology")

    @property
    def asserted(self) -> Graph:
        """The triples the graph files state."""
        return self._part("asserted")

    @property
    def inferred(self) -> Graph:
        """The triples the rules and OWL 2 RL add, kept apart from the asserted ones."""
        return self._part("inferred")

    @property
    def source_files(self) -> dict[Node, tuple[str, ...]]:
        """Which files state each subject (for validation messages)."""
        if self._source_files is None:
            assert self.stored is not None
            self._source_files = self.stored.source_files()
        return self._source_files

    # ------------------------------------------------------------------ the graph

    @property
    def parts(self) -> list[Graph]:
        """Ontology, asserted and inferred triples: the union graph without copying."""
        return [self.ontology, self.asserted, self.inferred]

    @cached_property
    def graph(self) -> Graph:
        """Ontology + asserted + inferred triples in one rdflib graph."""
        from .core.namespaces import new_graph

        union = new_graph()
        for part in self.parts:
            union += part
        return union

    @cached_property
    def store(self) -> SparqlStore:
        """The union graph in the query engine: the built store when there is one, else the
        parts loaded into the engine once, for every query after."""
        if self.stored is not None:
            return self.stored.sparql()
        return self.engines.query.open(self.parts)

    @cached_property
    def reader(self) -> GraphReader:
        """What the analytics read the union graph through: rows and small graphs of facts."""
        from .library.reader import GraphReader

        return GraphReader(self.store)

    @cached_property
    def asserted_reader(self) -> GraphReader:
        """The same over the asserted triples only (for the network of asserted links)."""
        from .library.reader import GraphReader

        if self.stored is not None:
            return GraphReader(self.stored.sparql("asserted"))
        return GraphReader(self.engines.query.open([self.asserted]))

    def size(self, part: str) -> int:
        """How many triples ``part`` (``ontology``, ``asserted`` or ``inferred``) holds."""
        if self.stored is not None:
            return int(self.stored.manifest["triples"][part])
        return len(self._part(part))

    def label(self, node: str | URIRef) -> str:
        """The Swedish label of a node (its name where it has none)."""
        iri = self.resolve(node)
        from .core.labels import label

        return label(self.reader.facts([iri]), iri)

    def resolve(self, node: str | URIRef) -> URIRef:
        """The node ``node`` names: a prefixed name, a full IRI, or a label, alternative
        label or abbreviation (ignoring case and å/ä/ö). ``NodeNotFound`` with the
        closest names if none fits, ``BadParameter`` listing them if several do."""
        from rdflib import URIRef

        return URIRef(self.nodes.resolve(str(node)))

    @cached_property
    def nodes(self) -> NodeFinder:
        """Finds the node a parameter names (``library.nodes``)."""
        return NodeFinder(self.store)

    def search(self, text: str, limit: int | None = None) -> Hits:
        """Nodes whose names hold every word of ``text`` (labels in any language,
        alternative labels, abbreviations, a document's title and year), ignoring case
        and å/ä/ö, best first; ``Hits.total`` counts all that match."""
        from .analytics.search import search

        return search(self.nodes, text, limit)

    # ------------------------------------------------------------------ quality

    def validate(self, shapes: Graph | None = None, lang: str = LANGUAGES[0]) -> Report:
        """Validate the closed graph against ``shapes/`` (or the given shapes graph); the
        report's messages are in ``lang`` (one of ``LANGUAGES``: ``"en"``, ``"sv"``)."""
        from .engines.shacl_report import build_report, check_language, in_language
        from .engines.turtle import load_turtle_folder

        check_language(lang)
        if shapes is None:
            shapes = load_turtle_folder(self.layout.shapes, {})
        report = self.engines.validator.validate(self.parts, in_language(shapes, lang))
        return build_report(report, self.asserted, self.source_files)

    @cached_property
    def checks(self) -> Catalogue:
        """The quality checks of ``queries/checks``: any row a check returns is a problem."""
        return Catalogue(self.layout.queries / "checks")

    def run_checks(self) -> dict[str, Rows]:
        """Run every check; the result maps each check's name to its (ideally no) rows.

        Beside the queries of ``checks``, ``undefined-term-violation`` lists each
        predicate, class and datatype of the data files that the ontology does not define
        (``analytics.vocabulary``), with the file and node that use it."""
        from .analytics.vocabulary import CHECK_NAME, undefined_terms
        from .engines.turtle import parse_turtle

        results = {check.name: run_select(self.store, check.text, {}) for check in self.checks}
        results[CHECK_NAME] = undefined_terms(
            self.ontology,
            self.asserted,
            self.source_files,
            lambda name: parse_turtle(self.layout.root / name),
        )
        return results

    def quote_problems(self) -> list[QuoteProblem]:
        """Evidence whose quote is not found in the source text it cites."""
        from .analytics.evidence import quote_problems

        return quote_problems(self.asserted, self.layout.shared)

    def coverage(
        self, compilation: str = COMPILATION, region: str | URIRef | None = None
    ) -> Coverage:
        """Counts per region and per document, and the compilation's empty sections
        compared with how much text the source has under each of them; with ``region``
        (a prefixed name, IRI or name such as "Gotland"), only that region's part."""
        from .analytics.coverage import measure_coverage

        return measure_coverage(
            self.reader, self.query, self.layout.shared, self.resolve(compilation), region
        )

    # ------------------------------------------------------------------ the query library

    @cached_property
    def catalogue(self) -> Catalogue:
        """The query library of ``queries/``."""
        return Catalogue(self.layout.queries)

    def query(self, name: str, /, **params: str | Bindable) -> Rows:
        """Run a query of the library by name with its parameters bound, not pasted in."""
        query = self.catalogue.get(name)
        return run_select(self.store, query.text, query.bindings(params, self.nodes.resolve))

    def query_results(self, name: str, fmt: str, /, **params: str | Bindable) -> bytes:
        """Run a query of the library; its results in a W3C SPARQL 1.1 results format,
        ``json``, ``xml``, ``csv`` or ``tsv``, as the engine writes them."""
        from .engines.base import RESULT_FORMATS

        if fmt not in RESULT_FORMATS:
            raise BadParameter(
                f"unknown results format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}"
            )
        query = self.catalogue.get(name)
        bindings = query.bindings(params, self.nodes.resolve)
        return self.store.select_results(query.text, bindings, fmt)

    def sparql(
        self, text: str, bindings: dict[str, Bindable] | None = None, *, allow_service: bool = False
    ) -> Rows:
        """Run any SELECT query over the union graph (power users; prefixes predeclared).

        Other forms (CONSTRUCT, ASK, DESCRIBE) are a ``BadParameter``, and so is
        ``SERVICE``, which makes the engine send HTTP requests from this machine, unless
        ``allow_service=True``."""
        return run_sparql(self.store, text, bindings or {}, allow_service)

    # ------------------------------------------------------------------ chains

    def chain(self, node: str | URIRef) -> list[Step]:
        """Every link from ``node`` up to the top, with relation, frequency and quotes."""
        from .analytics import chains

        return chains.chain(self.reader, self.resolve(node))

    def accountable_for(self, body: str | URIRef) -> list[Dependant]:
        """The reverse chain: every initiative, body and post whose chain reaches ``body``."""
        from .analytics import chains

        return chains.accountable_for(self.reader, self.resolve(body))

    def gaps(self, region: str | URIRef = "orgid:region-vasternorrland") -> Rows:
        """Initiatives without a named owner, bodies that answer to no one the sources
        name (political bodies aside) and responsibilities without follow-up, in a region."""
        return self.query("accountability-gaps", region=region)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The accountability edges (owner, part of, answers to) as a NetworkX multigraph."""
        from .analytics import chains

        return chains.accountability_graph(self.reader)

    @needs("figures")
    def draw_chain(self, node: str | URIRef, stem: Path) -> list[Path]:
        """Draw the chain of ``node`` to ``stem``.png and ``stem``.svg (Swedish labels)."""
        from .core.terms import term_to_text
        from .views.chain_figure import chain_figure

        start = self.resolve(node)
        return chain_figure(self.chain(start), term_to_text(start) or str(start), Path(stem))

    # ------------------------------------------------------------------ regions

    @cached_property
    @needs("similarity")
    def similarity(self) -> RegionSimilarity:
        """Every region compared with every other on themes, text and governance; with a
        built store, computed once and kept beside it."""
        from .analytics.similarity import RegionSimilarity, compare_regions

        name = "region-similarity.npz"
        if self.stored is not None and (kept := self.stored.derived(name)) is not None:
            try:
                return RegionSimilarity.from_bytes(kept)
            except ValueError:
                pass  # a damaged file: compare again, and keep the new result
        similarity = compare_regions(self.reader, self.query)
        if self.stored is not None:
            self.stored.keep(name, similarity.to_bytes())
        return similarity

    @needs("similarity")
    def similar(self, region: str, n: int = 3, measure: str = "combined") -> list[Peer]:
        """The ``n`` regions most like ``region`` on ``measure``, with the reasons."""
        return self.similarity.peers(region, n, measure)

    @needs("similarity", "figures")
    def draw_similarity(self, folder: Path) -> list[Path]:
        """Draw the heatmap, dendrogram, region × theme matrix and region network."""
        from .views.similarity_figures import similarity_figures

        return similarity_figures(self.similarity, Path(folder))

    # ------------------------------------------------------------------ plans over time

    def diff(
        self, old: str | URIRef = PLAN_VERSIONS[0], new: str | URIRef = PLAN_VERSIONS[1]
    ) -> PlanDiff:
        """What the ``new`` version of a plan added, kept, gave another status or dropped."""
        from .analytics.plans import plan_diff

        return plan_diff(self.reader, self.query, self.resolve(old), self.resolve(new))

    @needs("figures")
    def draw_diff(self, diff: PlanDiff, stem: Path) -> list[Path]:
        """Draw ``diff`` (from ``diff()``) to ``stem``.png and ``stem``.svg."""
        from .views.plan_figures import plan_diff_figure

        return plan_diff_figure(diff, Path(stem))

    def lifecycle(self, node: str | URIRef) -> Lifecycle:
        """Every plan item and mention of an initiative across documents and years."""
        from .analytics.plans import lifecycle

        return lifecycle(self.reader, self.query, self.resolve(node))

    @needs("figures")
    def draw_lifecycles(self, lifecycles: Sequence[Lifecycle], stem: Path) -> list[Path]:
        """Draw the ``lifecycles`` side by side on one timeline."""
        from .views.plan_figures import timeline_figure

        return timeline_figure(lifecycles, Path(stem))

    # ------------------------------------------------------------------ files

    def export(self, path: str | Path, fmt: str | None = None, part: str = "all") -> Path:
        """Write ``all``, ``asserted`` or ``inferred`` triples as Turtle, JSON-LD or N-Triples."""
        from .views.rdf_export import write_graph

        parts = {"all": self.graph, "asserted": self.asserted, "inferred": self.inferred}
        if part not in parts:
            raise BadParameter(f"unknown part {part!r}; use one of {', '.join(parts)}")
        return write_graph(parts[part], Path(path), fmt)

    def export_report(self, report: Report, path: str | Path) -> Path:
        """Write the SHACL validation report graph of ``report`` (from ``validate()``) as
        Turtle, JSON-LD or N-Triples, by the suffix of ``path``."""
        from .views.rdf_export import write_graph

        return write_graph(report.graph, Path(path))

    def network(self, region: str | None = None, chain: str | None = None) -> nx.MultiDiGraph:
        """The instance graph as NetworkX: all of it, one ``region`` or one ``chain``."""
        from .views.network import chain_network, instance_network, region_network

        if region is not None and chain is not None:
            raise BadParameter("give a region or a chain, not both")
        if chain is not None:
            start = self.resolve(chain)
            return chain_network(self.reader, start, self.chain(start))
        whole = instance_network(self.reader, self.asserted_reader)
        if region is not None:
            return region_network(self.reader, self.resolve(region), whole)
        return whole


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
    from .engines.cache import cache_key, read_cached, write_cached
    from .engines.reasoning import infer, rule_files

    rules = rule_files(layout.ontology)
    key = cache_key([*inputs, *rules], bundle.name)
    folder = layout.cache / "inferred"
    if use_cache and (cached := read_cached(folder, key)) is not None:
        progress(f"inferences unchanged since the last run: read from {folder}")
        return cached
    progress(f"reasoning (OWL 2 RL, {bundle.name} engine) over {len(asserted)} triples")
    inferred = infer(ontology, asserted, rules, bundle)
    if use_cache:
        write_cached(folder, key, inferred)
    return inferred


def load(
    root: str | Path | None = None,
    engine: str = DEFAULT_ENGINE,
    reason: bool = True,
    progress: Progress = silent,
    data: Sequence[str | Path] | None = None,
    cache: bool = True,
    store: str | Path | None = None,
) -> KnowledgeGraph:
    """Load the knowledge graph: open its built store, or build it.

    ``root`` is a folder holding ``ontology/`` and ``graph/`` (and optionally ``shapes/``
    and ``queries/``); it defaults to ``$NARAVARD_ROOT``, else this checkout, else the
    data the installed package carries (``core.paths``). ``engine`` names the engine
    bundle (``oxigraph`` or ``rdflib``); with ``reason=False`` the inferred graph stays
    empty. ``data`` replaces the files of ``graph/`` by the given Turtle files (to check
    a new file on its own). ``progress`` receives one line per step.

    With the default engine the graph is kept in a persistent Oxigraph store
    (``Layout.store``, or ``store``; in the user's cache folder unless the root is a
    checkout): when a store built from exactly today's input files
    exists it is opened read-only, in a fraction of a second, and the rdflib graphs are
    read from it only when asked for; otherwise the graph is parsed, reasoned over and
    written as a new store. ``cache=False``, ``data`` or ``reason=False`` compute
    everything in memory and write no store; the ``rdflib`` engine keeps its inferred
    triples in ``Layout.cache``, keyed by a hash of every input file.
    """
    layout = (Layout(Path(root)) if root is not None else Layout()).check(graph=data is None)
    bundle = engines(engine)
    persistent = cache and reason and data is None and bundle.name == "oxigraph"
    expected: dict[str, object] = {}
    store_root = Path(store) if store is not None else layout.store
    if persistent:
        expected = expected_manifest(layout.inputs(), bundle.name)
        if (stored := open_current(store_root, expected)) is not None:
            progress(f"opened the built store {stored.folder}")
            return KnowledgeGraph(None, None, None, None, layout, bundle, stored)
    into = (store_root, expected) if persistent else None
    return _build(layout, bundle, progress, data, reason=reason, cache=cache, into=into)


def _build(
    layout: Layout,
    bundle: Engines,
    progress: Progress,
    data: Sequence[str | Path] | None,
    *,
    reason: bool,
    cache: bool,
    into: tuple[Path, dict[str, object]] | None,
) -> KnowledgeGraph:
    """Parse the graph and reason over it; write it as a new store ``into`` a store root
    with its expected manifest, or keep it in memory."""
    from .core.namespaces import new_graph
    from .engines.persistent import write_store
    from .engines.reasoning import infer, rule_files
    from .engines.turtle import load_turtle_files, load_turtle_folder

    source_files: dict[Node, tuple[str, ...]] = {}
    progress(f"loading ontology from {layout.ontology}")
    ontology = load_turtle_folder(layout.ontology, {})
    data_files = turtle_files(layout.graph) if data is None else [Path(p) for p in data]
    where = layout.graph if data is None else "the command line"
    progress(f"loading {len(data_files)} data file(s) from {where}")
    asserted = load_turtle_files(data_files, source_files, layout.root)
    if not len(asserted):  # nothing to validate is never "conforms"
        raise RootError(f"the data files in {where} hold no triples")
    inferred = new_graph()
    if into is not None:
        store_root, expected = into
        progress(f"reasoning (OWL 2 RL, {bundle.name} engine) over {len(asserted)} triples")
        inferred = infer(ontology, asserted, rule_files(layout.ontology), bundle)
        progress(f"writing the built store under {store_root}")
        parts = {"ontology": ontology, "asserted": asserted, "inferred": inferred}
        try:
            stored = write_store(store_root, expected, parts, source_files)
        except (OSError, RuntimeError) as exc:  # pyoxigraph reports I/O errors as either
            raise StoreError(f"cannot write the built store under {store_root}: {exc}") from None
        return KnowledgeGraph(ontology, asserted, inferred, source_files, layout, bundle, stored)
    if reason:
        inputs = [*turtle_files(layout.ontology), *data_files]
        inferred = _infer_cached(layout, inputs, ontology, asserted, bundle, progress, cache)
    return KnowledgeGraph(ontology, asserted, inferred, source_files, layout, bundle)
