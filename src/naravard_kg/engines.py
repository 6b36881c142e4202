"""The engines behind one small interface: SPARQL, OWL RL closure and SHACL validation.

Callers ask ``engines(name)`` for an ``Engines`` bundle and never import rdflib's query
machinery, owlrl, pyshacl, pyoxigraph, reasonable or pyrudof themselves. Two bundles:

``rdflib``
    The design card and the reference: rdflib's SPARQL, owlrl, pyshacl.
``oxigraph`` (the default)
    pyoxigraph's SPARQL store, ``reasonable`` for OWL 2 RL, pyrudof for SHACL: the same
    answers (``tests/test_engines.py`` proves it on the real graph and on broken
    examples), about 18 times faster on the real graph.

A query engine ``open``s a graph once into a ``SparqlStore`` and answers many queries
over it, so the cost of loading a store is paid once per graph, not per query.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from .binding import bind_values
from .errors import NaravardError
from .namespaces import SH

if TYPE_CHECKING:
    import pyoxigraph
    import pyrudof

    OxTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
    ShaclEntry = pyrudof.ShaclValidationEntry

Row = tuple[Node | None, ...]
Parts = Sequence[Graph]
"""One graph given as its parts (e.g. ontology, asserted, inferred), never copied into one
by engines that can load the parts one by one."""


class SparqlStore(Protocol):
    """A graph loaded into an engine, ready for many queries."""

    def select(self, query: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[Row]]:
        """Run a SELECT query with variables pre-bound; return the variable names and rows."""
        ...

    def construct(self, query: str) -> Graph:
        """Run a CONSTRUCT query and return the constructed triples."""
        ...


class QueryEngine(Protocol):
    """Loads graphs into stores that evaluate SPARQL."""

    def open(self, parts: Parts) -> SparqlStore:
        """A store holding a snapshot of the union of ``parts``."""
        ...


Triple = tuple[Node, Node, Node]


class Reasoner(Protocol):
    """Computes the OWL 2 RL closure of an ontology plus data."""

    def closure(self, parts: Parts) -> Iterable[Triple]:
        """Every triple of the OWL 2 RL closure of the union of ``parts`` (not changed)."""
        ...


class Validator(Protocol):
    """Validates a data graph against SHACL shapes, with no inference of its own."""

    def validate(self, parts: Parts, shapes: Graph) -> Graph:
        """Validate the union of ``parts``; the SHACL report as a graph."""
        ...


def plain(term: Node) -> Node:
    """``"x"^^xsd:string`` as the plain literal ``"x"``: the same RDF 1.1 term, but rdflib
    keeps the two apart, so every engine's output is normalised to the plain form."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


# ---------------------------------------------------------------- rdflib, owlrl, pyshacl


class RdflibStore:
    """SPARQL 1.1 by rdflib over the graph itself; variables bound with ``initBindings``."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def select(self, query: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[Row]]:
        result = self.graph.query(query, initBindings=dict(bindings))
        variables = [str(v) for v in (result.vars or [])]
        return variables, [tuple(row) for row in result]

    def construct(self, query: str) -> Graph:
        constructed = Graph()
        for triple in self.graph.query(query):
            constructed.add(triple)
        return constructed


class RdflibQueryEngine:
    """rdflib's own SPARQL engine over one graph (several parts are copied into one)."""

    def open(self, parts: Parts) -> SparqlStore:
        return RdflibStore(union(parts))


class OwlrlReasoner:
    """OWL 2 RL forward chaining by owlrl, without axiomatic or datatype triples."""

    def closure(self, parts: Parts) -> Iterable[Triple]:
        import owlrl

        expanded = union(parts, copy=True)
        owlrl.DeductiveClosure(
            owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
        ).expand(expanded)
        return expanded


class PyshaclValidator:
    """SHACL Core and SHACL-SPARQL by pyshacl, inference off (the graph is closed already)."""

    def validate(self, parts: Parts, shapes: Graph) -> Graph:
        import pyshacl

        _conforms, report, _text = pyshacl.validate(
            union(parts),
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        assert isinstance(report, Graph)
        return report


# ---------------------------------------------------------------- pyoxigraph, reasonable, pyrudof


def to_oxigraph(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_oxigraph(term: OxTerm | None) -> Node | None:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals plain, as rdflib has them)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=datatype)


def union(parts: Parts, copy: bool = False) -> Graph:
    """The parts as one rdflib graph: the only part itself unless ``copy``, else a new graph."""
    if len(parts) == 1 and not copy:
        return parts[0]
    whole = Graph()
    for part in parts:
        whole += part
    return whole


def nt_bytes(*parts: Graph) -> bytes:
    """The parts as one N-Triples document (one document, so a blank node shared by two
    parts stays one node): the fastest way from rdflib into the other engines."""
    return b"".join(part.serialize(format="nt", encoding="utf-8") for part in parts)


class OxigraphStore:
    """An in-memory pyoxigraph store; parameters bound as a ``VALUES`` block of terms."""

    def __init__(self, parts: Parts) -> None:
        import pyoxigraph as ox

        self.store = ox.Store()
        self.store.bulk_load(nt_bytes(*parts), format=ox.RdfFormat.N_TRIPLES)

    def select(self, query: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[Row]]:
        solutions = self.store.query(bind_values(query, bindings))
        variables = [v.value for v in solutions.variables]
        rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in solutions]
        return variables, rows

    def construct(self, query: str) -> Graph:
        constructed = Graph()
        for triple in self.store.query(query):
            constructed.add(
                (
                    from_oxigraph(triple.subject),
                    from_oxigraph(triple.predicate),
                    from_oxigraph(triple.object),
                )
            )
        return constructed


class OxigraphQueryEngine:
    """pyoxigraph's SPARQL engine: a graph is bulk-loaded once, then queried many times."""

    def open(self, parts: Parts) -> SparqlStore:
        return OxigraphStore(parts)


class ReasonableReasoner:
    """OWL 2 RL by ``reasonable`` (a Rust Datalog engine); literals normalised to rdflib's."""

    def closure(self, parts: Parts) -> Iterable[Triple]:
        import reasonable

        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(list(itertools.chain.from_iterable(parts)))
        return ((s, p, plain(o)) for s, p, o in reasoner.reason())


class RudofValidator:
    """SHACL Core and SHACL-SPARQL by pyrudof, its results written as a SHACL report graph.

    pyrudof words its own messages; the report carries the shape's ``sh:message`` where
    the shape has one, as pyshacl does, so both engines print the same report, and
    ``sh:maxLength`` counts characters, as SHACL says, not UTF-8 bytes.
    """

    def validate(self, parts: Parts, shapes: Graph) -> Graph:
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(nt_bytes(*parts).decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes.serialize(format="turtle"))
        report = Graph()
        for entry in rudof.validate_shacl():
            shape = _term(entry.source_shape)
            if _counted_in_bytes(entry, shapes.value(shape, SH.maxLength)):
                continue
            result = BNode()
            message = shapes.value(shape, SH.message) or _message(entry.message)
            report.add((result, SH.focusNode, _term(entry.focus_node)))
            report.add((result, SH.resultSeverity, SH[str(entry.severity)]))
            report.add((result, SH.sourceShape, shape))
            report.add((result, SH.sourceConstraintComponent, URIRef(entry.constraint_component)))
            report.add((result, SH.resultMessage, message))
            if entry.value is not None:
                report.add((result, SH.value, _term(entry.value)))
            if entry.path is not None:
                report.add((result, SH.resultPath, _path(report, entry.path)))
        return report


def _counted_in_bytes(entry: ShaclEntry, limit: Node | None) -> bool:
    """Whether a ``sh:maxLength`` result only counts UTF-8 bytes: pyrudof measures a string
    in bytes where SHACL counts characters, so "å" counts twice; such a result is dropped
    when the value has no more characters than the limit."""
    if not str(entry.constraint_component).endswith("#MaxLengthConstraintComponent"):
        return False
    value = _term(entry.value) if entry.value is not None else None
    return value is not None and limit is not None and len(str(value)) <= int(limit)


def _term(text: str) -> Node:
    """A term as pyrudof prints it: ``"lexical"…`` literal, ``_:b`` blank node, or an IRI."""
    if text.startswith('"'):
        return plain(from_n3(text))
    if text.startswith("_:"):
        return BNode(text[2:])
    return URIRef(text.strip("<>"))


def _message(text: str) -> Node:
    """pyrudof's message: a literal in Turtle syntax where it filled in a shape's template."""
    return _term(text) if text.startswith('"') else Literal(text)


def _path(report: Graph, text: str) -> Node:
    """A SHACL path as pyrudof prints it (``iri``, ``^(iri)`` or a complex path)."""
    if text.startswith("^(") and text.endswith(")") and " " not in text:
        node = BNode()
        report.add((node, SH.inversePath, URIRef(text[2:-1])))
        return node
    if text.startswith(("(", "^", "[")):
        return BNode()
    return URIRef(text)


# ---------------------------------------------------------------- the bundles


@dataclass(frozen=True)
class Engines:
    """The three engines a knowledge graph runs on."""

    name: str
    query: QueryEngine
    reasoner: Reasoner
    validator: Validator


_REGISTRY: dict[str, Callable[[], Engines]] = {
    "rdflib": lambda: Engines("rdflib", RdflibQueryEngine(), OwlrlReasoner(), PyshaclValidator()),
    "oxigraph": lambda: Engines(
        "oxigraph", OxigraphQueryEngine(), ReasonableReasoner(), RudofValidator()
    ),
}
DEFAULT_ENGINE = "oxigraph"
REFERENCE_ENGINE = "rdflib"


def available_engines() -> list[str]:
    """Names that ``engines`` accepts."""
    return sorted(_REGISTRY)


def engines(name: str = DEFAULT_ENGINE) -> Engines:
    """The engine bundle registered under ``name``: ``oxigraph`` (default) or ``rdflib``."""
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise NaravardError(
            f"unknown engine {name!r}; available: {', '.join(available_engines())}"
        ) from None
