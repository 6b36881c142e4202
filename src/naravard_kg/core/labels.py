"""How nodes are named and typed for people: Swedish labels and most specific classes."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import ORG, SKOS
from rdflib.term import Node

from .namespaces import NV
from .terms import term_to_text


def label(graph: Graph, node: Node) -> str:
    """The Swedish label of a node (``rdfs:label``, else ``skos:prefLabel``); for an
    unlabelled plan item or membership what it relates; else the node's name."""
    return preferred_label(graph, node) or _relates(graph, node) or term_to_text(node) or str(node)


def preferred_label(graph: Graph, node: Node) -> str | None:
    """The node's ``rdfs:label``, else its ``skos:prefLabel``, Swedish first; ``None`` if
    it has neither."""
    for prop in (RDFS.label, SKOS.prefLabel):
        values = sorted(
            graph.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "sv", v)
        )
        if values:
            return str(values[0])
    return None


def _relates(graph: Graph, node: Node) -> str | None:
    """What an unlabelled plan item or membership relates, e.g. "MOD 2025 (pilot)" or
    "Kommundirektör, Kramfors i Högsta tjänsteledning (RD/KD)"."""
    item = graph.value(node, NV.item)
    if item is not None:
        statuses = ", ".join(sorted(label(graph, s) for s in graph.objects(node, NV.status)))
        status = f"({statuses})" if statuses else ""
        parts = [label(graph, item), plan_years(graph, node) or "", status]
        return " ".join(part for part in parts if part)
    member, body = graph.value(node, ORG.member), graph.value(node, ORG.organization)
    if member is not None and body is not None:
        return f"{label(graph, member)} i {label(graph, body)}"
    return None


def most_specific_types(graph: Graph, node: Node) -> tuple[URIRef, ...]:
    """The node's ``nv:`` classes that none of its other ``nv:`` classes is a subclass of."""
    types = {t for t in graph.objects(node, RDF.type) if str(t).startswith(str(NV))}
    broader = {b for t in types for b in graph.transitive_objects(t, RDFS.subClassOf) if b != t}
    return tuple(sorted(types - broader))


def plan_years(graph: Graph, item: Node) -> str | None:
    """A plan item's years ("2025, 2026"), or "före 2020" for an undated earlier one."""
    years = sorted(str(y) for y in graph.objects(item, NV.year))
    if years:
        return ", ".join(years)
    before = sorted(str(y) for y in graph.objects(item, NV.beforeYear))
    return f"före {before[0]}" if before else None
