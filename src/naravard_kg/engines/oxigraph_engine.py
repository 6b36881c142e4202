"""The fast bundle, Rust engines: pyoxigraph's SPARQL store (which also runs the OWL 2 RL
rules, ``sparql_rules``) and pyrudof's SHACL, each giving the reference bundle's answers
(``tests/test_engines.py``).

Parameters are bound as a ``VALUES`` block of terms (``binding``), because Oxigraph's own
substitution reaches only projected variables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from ..core.namespaces import SH
from .base import Parts, Row, SparqlStore, nt_bytes, plain
from .binding import bind_value_set, bind_values

if TYPE_CHECKING:
    import pyoxigraph
    import pyrudof

    OxTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
    ShaclEntry = pyrudof.ShaclValidationEntry


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


def to_oxigraph(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term (a blank node keeps its label)."""
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


class OxigraphStore:
    """A pyoxigraph store seen as a ``SparqlStore``; parameters bound as a ``VALUES`` block.

    ``union`` makes the union of the store's named graphs the default graph (a built store
    keeps ontology, asserted and inferred triples in three named graphs); ``graphs`` makes
    the union of only those named graphs (IRIs) the default graph.
    """

    def __init__(
        self, store: pyoxigraph.Store, union: bool = False, graphs: Sequence[str] = ()
    ) -> None:
        import pyoxigraph as ox

        self.store = store
        self.dataset: dict[str, Any] = {"use_default_graph_as_union": union}
        if graphs:
            self.dataset = {"default_graph": [ox.NamedNode(iri) for iri in graphs]}

    @classmethod
    def in_memory(cls, parts: Parts) -> OxigraphStore:
        """A new in-memory store holding the union of ``parts`` in its default graph."""
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(nt_bytes(*parts), format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def select(self, query: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[Row]]:
        solutions = self.store.query(bind_values(query, bindings), **self.dataset)
        variables = [v.value for v in solutions.variables]
        rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in solutions]
        return variables, rows

    def select_each(
        self, query: str, name: str, nodes: Sequence[Node]
    ) -> tuple[list[str], list[Row]]:
        """All nodes at once, as one ``VALUES`` block: Oxigraph joins it first."""
        return self.select(bind_value_set(query, name, nodes), {})

    def construct(self, query: str) -> Graph:
        constructed = Graph()
        for triple in self.store.query(query, **self.dataset):
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
        return OxigraphStore.in_memory(parts)


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
