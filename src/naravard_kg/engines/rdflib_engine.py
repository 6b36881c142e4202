"""The reference bundle, pure Python: rdflib's SPARQL, owlrl's OWL 2 RL, pyshacl's SHACL.

owlrl and pyshacl are imported when first used, so importing the package stays quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph
from rdflib.term import Node

from .base import Parts, Row, SparqlStore, Triple, union


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
