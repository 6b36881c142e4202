"""What every engine provides: a SPARQL store, an OWL 2 RL reasoner and a SHACL validator.

A query engine ``open``s a graph once into a ``SparqlStore`` and answers many queries
over it, so the cost of loading a store is paid once per graph, not per query.

May import: rdflib (inside the functions that handle its graphs) and ``naravard_kg.core``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from ..core.terms import term_to_value

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from ..core.values import Value
    from .terms import Bindable

GRAPHS = {
    "ontology": "https://w3id.org/naravard/graph/ontology",
    "asserted": "https://w3id.org/naravard/graph/asserted",
    "inferred": "https://w3id.org/naravard/graph/inferred",
}
"""The named graph of each part where an engine keeps the parts apart in one store."""
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
"""The W3C SPARQL 1.1 query results formats, by name, with their media types."""
Row: TypeAlias = "tuple[Node | None, ...]"
ValueRow: TypeAlias = "tuple[Value | None, ...]"
"""A row of Python values (``core.values``): IRIs, numbers, dates, text."""
Parts: TypeAlias = "Sequence[Graph]"
"""One graph given as its parts (e.g. ontology, asserted, inferred), never copied into one
by engines that can load the parts one by one."""


class SparqlStore(Protocol):
    """A graph loaded into an engine, ready for many queries."""

    def select(self, query: str, bindings: Mapping[str, Bindable]) -> tuple[list[str], list[Row]]:
        """Run a SELECT query with variables pre-bound; return the variable names and rows."""
        ...

    def select_values(
        self, query: str, bindings: Mapping[str, Bindable]
    ) -> tuple[list[str], list[ValueRow]]:
        """``select``, every term as its Python value (``core.values``)."""
        ...

    def select_results(self, query: str, bindings: Mapping[str, Bindable], fmt: str) -> bytes:
        """Run a SELECT query; its results in the W3C format ``fmt`` (``RESULT_FORMATS``),
        written by the engine's own serializer."""
        ...

    def select_each(
        self, query: str, name: str, nodes: Sequence[Bindable]
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


Triple: TypeAlias = "tuple[Node, Node, Node]"


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
    from rdflib import XSD, Literal

    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


class ValuesFromTerms:
    """``select_values`` for a store whose ``select`` gives rdflib terms: each term as its
    Python value (``core.terms.term_to_value``)."""

    if TYPE_CHECKING:  # the store's own

        def select(
            self, query: str, bindings: Mapping[str, Bindable]
        ) -> tuple[list[str], list[Row]]: ...

    def select_values(
        self, query: str, bindings: Mapping[str, Bindable]
    ) -> tuple[list[str], list[ValueRow]]:
        variables, rows = self.select(query, bindings)
        return variables, [tuple(map(term_to_value, row)) for row in rows]


def union(parts: Parts, copy: bool = False) -> Graph:
    """The parts as one rdflib graph: the only part itself unless ``copy``, else a new graph."""
    from rdflib import Graph

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


class Engines:
    """The three engines a knowledge graph runs on, each made when first used from its
    ``package.module:Class`` name."""

    def __init__(self, name: str, query: str, reasoner: str, validator: str) -> None:
        self.name = name
        self._makers = {"query": query, "reasoner": reasoner, "validator": validator}

    def _make(self, part: str) -> Any:
        module, _, cls = self._makers[part].partition(":")
        return getattr(importlib.import_module(module), cls)()

    @cached_property
    def query(self) -> QueryEngine:
        """Loads graphs into SPARQL stores."""
        return self._make("query")  # type: ignore[no-any-return]

    @cached_property
    def reasoner(self) -> Reasoner:
        """Computes the OWL 2 RL closure."""
        return self._make("reasoner")  # type: ignore[no-any-return]

    @cached_property
    def validator(self) -> Validator:
        """Validates against SHACL shapes."""
        return self._make("validator")  # type: ignore[no-any-return]
