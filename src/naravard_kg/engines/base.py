"""What every engine provides: a SPARQL store, an OWL 2 RL reasoner and a SHACL validator.

A query engine ``open``s a graph once into a ``SparqlStore`` and answers many queries
over it, so the cost of loading a store is paid once per graph, not per query.

May import: rdflib and ``naravard_kg.core``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rdflib import XSD, Graph, Literal
from rdflib.term import Node

GRAPHS = {
    "ontology": "https://w3id.org/naravard/graph/ontology",
    "asserted": "https://w3id.org/naravard/graph/asserted",
    "inferred": "https://w3id.org/naravard/graph/inferred",
}
"""The named graph of each part where an engine keeps the parts apart in one store."""
Row = tuple[Node | None, ...]
Parts = Sequence[Graph]
"""One graph given as its parts (e.g. ontology, asserted, inferred), never copied into one
by engines that can load the parts one by one."""


class SparqlStore(Protocol):
    """A graph loaded into an engine, ready for many queries."""

    def select(self, query: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[Row]]:
        """Run a SELECT query with variables pre-bound; return the variable names and rows."""
        ...

    def select_each(
        self, query: str, name: str, nodes: Sequence[Node]
    ) -> tuple[list[str], list[Row]]:
        """Run a SELECT query with ``?name`` bound to each of ``nodes`` in turn; the rows of
        all (a row that two nodes give may come twice)."""
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
        """The triples the OWL 2 RL closure adds to the union of ``parts`` (which are not
        changed); a reasoner may return triples of the parts too, ``reasoning.infer``
        keeps only the new ones."""
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


@dataclass(frozen=True)
class Engines:
    """The three engines a knowledge graph runs on."""

    name: str
    query: QueryEngine
    reasoner: Reasoner
    validator: Validator
