"""The reference bundle, pure Python: rdflib's SPARQL, owlrl's OWL 2 RL, pyshacl's SHACL.

owlrl and pyshacl are imported when first used, so importing the package stays quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph

from .base import Parts, Row, SparqlStore, Triple, ValuesFromTerms, union
from .binding import checked_term
from .terms import Bindable, as_rdflib

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result


class RdflibStore(ValuesFromTerms):
    """SPARQL 1.1 by rdflib over the graph itself; variables bound with ``initBindings``."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _result(self, query: str, bindings: Mapping[str, Bindable]) -> Result:
        bound = {name: as_rdflib(checked_term(name, term)) for name, term in bindings.items()}
        return self.graph.query(_prepared(query), initBindings=bound)

    def select(self, query: str, bindings: Mapping[str, Bindable]) -> tuple[list[str], list[Row]]:
        result = self._result(query, bindings)
        variables = [str(v) for v in (result.vars or [])]
        return variables, [tuple(row) for row in result]

    def select_results(self, query: str, bindings: Mapping[str, Bindable], fmt: str) -> bytes:
        result = self._result(query, bindings)
        if fmt != "tsv":
            return bytes(result.serialize(format=fmt, encoding="utf-8"))
        # rdflib writes no TSV: its JSON is rewritten as TSV by pyoxigraph's serializer
        import pyoxigraph as ox

        as_json = result.serialize(format="json", encoding="utf-8")
        solutions = ox.parse_query_results(as_json, format=ox.QueryResultsFormat.JSON)
        return bytes(solutions.serialize(format=ox.QueryResultsFormat.TSV))

    def select_each(
        self, query: str, name: str, nodes: Sequence[Bindable]
    ) -> tuple[list[str], list[Row]]:
        """One node at a time: rdflib joins a ``VALUES`` block only after evaluating the
        patterns without it, but starts from a variable bound by ``initBindings``."""
        variables: list[str] = []
        rows: list[Row] = []
        for node in nodes:
            variables, found = self.select(query, {name: node})
            rows += found
        return variables, rows

    def construct(self, query: str) -> Graph:
        constructed = Graph()
        for triple in self.graph.query(query):
            constructed.add(triple)
        return constructed


@lru_cache(maxsize=256)
def _prepared(query: str) -> Query:
    """``query`` parsed and translated once (rdflib spends milliseconds on that per call)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query)


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
