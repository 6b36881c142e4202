"""The engines behind one small interface: SPARQL, OWL RL closure and SHACL validation.

Callers ask ``engines(name)`` for an ``Engines`` bundle and never import rdflib's query
machinery, owlrl or pyshacl themselves, so a faster implementation of any of the three
can be registered here without touching queries, tests or callers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from rdflib import Graph
from rdflib.term import Node

from .errors import NaravardError


class QueryEngine(Protocol):
    """Evaluates SPARQL over a graph with pre-bound variables."""

    def select(
        self, graph: Graph, query: str, bindings: Mapping[str, Node]
    ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Run a SELECT query; return the variable names and the rows."""
        ...

    def construct(self, graph: Graph, query: str) -> Graph:
        """Run a CONSTRUCT query and return the constructed triples."""
        ...


class Reasoner(Protocol):
    """Computes the OWL 2 RL closure of an ontology plus data."""

    def closure(self, graph: Graph) -> Graph:
        """Return ``graph`` expanded with everything OWL 2 RL entails (a new graph)."""
        ...


class Validator(Protocol):
    """Validates a data graph against SHACL shapes, with no inference of its own."""

    def validate(self, data: Graph, shapes: Graph) -> Graph:
        """Return the SHACL validation report as a graph."""
        ...


class RdflibQueryEngine:
    """SPARQL 1.1 by rdflib; variables are bound with ``initBindings``, never pasted in."""

    def select(
        self, graph: Graph, query: str, bindings: Mapping[str, Node]
    ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        result = graph.query(query, initBindings=dict(bindings))
        variables = [str(v) for v in (result.vars or [])]
        return variables, [tuple(row) for row in result]

    def construct(self, graph: Graph, query: str) -> Graph:
        result = graph.query(query)
        constructed = Graph()
        for triple in result:
            constructed.add(triple)
        return constructed


class OwlrlReasoner:
    """OWL 2 RL forward chaining by owlrl, without axiomatic or datatype triples."""

    def closure(self, graph: Graph) -> Graph:
        import owlrl

        expanded = Graph()
        expanded += graph
        owlrl.DeductiveClosure(
            owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
        ).expand(expanded)
        return expanded


class PyshaclValidator:
    """SHACL Core and SHACL-SPARQL by pyshacl, inference off (the graph is closed already)."""

    def validate(self, data: Graph, shapes: Graph) -> Graph:
        import pyshacl

        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        assert isinstance(report, Graph)
        return report


@dataclass(frozen=True)
class Engines:
    """The three engines a knowledge graph runs on."""

    name: str
    query: QueryEngine
    reasoner: Reasoner
    validator: Validator


_REGISTRY: dict[str, Callable[[], Engines]] = {
    "reference": lambda: Engines(
        "reference", RdflibQueryEngine(), OwlrlReasoner(), PyshaclValidator()
    ),
}


def available_engines() -> list[str]:
    """Names that ``engines`` accepts."""
    return sorted(_REGISTRY)


def engines(name: str = "reference") -> Engines:
    """The engine bundle registered under ``name`` (``reference``: rdflib, owlrl, pyshacl)."""
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise NaravardError(
            f"unknown engine {name!r}; available: {', '.join(available_engines())}"
        ) from None
