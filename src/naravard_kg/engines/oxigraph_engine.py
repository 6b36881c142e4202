"""The fast bundle's SPARQL: pyoxigraph's store, which also runs the OWL 2 RL rules
(``sparql_rules``), giving the reference bundle's answers (``tests/test_engines.py``).

Parameters are bound as a ``VALUES`` block of terms (``binding``), because Oxigraph's own
substitution reaches only projected variables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .base import Parts, Row, SparqlStore, ValueRow, nt_bytes
from .binding import bind_value_set, bind_values
from .terms import Bindable, from_oxigraph, value_of

if TYPE_CHECKING:
    from rdflib import Graph


_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


class OxigraphStore:
    """A pyoxigraph store seen as a ``SparqlStore``; parameters bound as a ``VALUES`` block.

    ``union`` makes the union of the store's named graphs the default graph (a built store
    keeps ontology, asserted and inferred triples in three named graphs); ``graphs`` makes
    the union of only those named graphs (IRIs) the default graph.
    """

    def __init__(self, store: ox.Store, union: bool = False, graphs: Sequence[str] = ()) -> None:
        self.store = store
        self.dataset: dict[str, Any] = {"use_default_graph_as_union": union}
        if graphs:
            self.dataset = {"default_graph": [ox.NamedNode(iri) for iri in graphs]}

    @classmethod
    def in_memory(cls, parts: Parts) -> OxigraphStore:
        """A new in-memory store holding the union of ``parts`` in its default graph."""
        store = ox.Store()
        store.bulk_load(nt_bytes(*parts), format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def select(self, query: str, bindings: Mapping[str, Bindable]) -> tuple[list[str], list[Row]]:
        solutions = self.store.query(bind_values(query, bindings), **self.dataset)
        variables = [v.value for v in solutions.variables]
        rows = [tuple(from_oxigraph(solution[v]) for v in variables) for solution in solutions]
        return variables, rows

    def select_values(
        self, query: str, bindings: Mapping[str, Bindable]
    ) -> tuple[list[str], list[ValueRow]]:
        """Rows of values straight from Oxigraph's terms: no rdflib term is made."""
        solutions = self.store.query(bind_values(query, bindings), **self.dataset)
        variables = [v.value for v in solutions.variables]
        rows = [tuple(value_of(solution[v]) for v in variables) for solution in solutions]
        return variables, rows

    def select_results(self, query: str, bindings: Mapping[str, Bindable], fmt: str) -> bytes:
        solutions = self.store.query(bind_values(query, bindings), **self.dataset)
        return bytes(solutions.serialize(format=_RESULT_FORMATS[fmt]))

    def select_each(
        self, query: str, name: str, nodes: Sequence[Bindable]
    ) -> tuple[list[str], list[Row]]:
        """All nodes at once, as one ``VALUES`` block: Oxigraph joins it first."""
        return self.select(bind_value_set(query, name, nodes), {})

    def construct(self, query: str) -> Graph:
        from rdflib import Graph

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
