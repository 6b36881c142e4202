"""Responsibility chains: from an initiative, body or post up to the top, as NetworkX.

The upward edges are read from the graph:

- an initiative is *owned by* its owner(s) (``nv:owner``) and is *part of* a larger
  initiative (``nv:partOf``);
- an actor *answers to* whoever a responsibility it holds names in ``nv:accountableTo``;
  a body also answers through its sub-bodies (the presidium reports for the county
  leadership), which the step records as ``via``.

Every step carries the responsibility's task, frequency and the quotes that say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import ORG, PROV, SKOS
from rdflib.term import Node

from .namespaces import NV, OA
from .queries import term_to_text

OWNED_BY = "ägs av"
PART_OF = "del av"


@dataclass(frozen=True)
class Step:
    """One upward link of a chain."""

    depth: int
    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    frequency: str | None
    via: str | None
    quotes: tuple[str, ...]


def label(graph: Graph, node: Node) -> str:
    """The Swedish label of a node (``rdfs:label``, else ``skos:prefLabel``), else its name."""
    for prop in (RDFS.label, SKOS.prefLabel):
        values = sorted(
            graph.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "sv", v)
        )
        if values:
            return str(values[0])
    return term_to_text(node) or str(node)


def quotes_of(graph: Graph, node: Node) -> tuple[str, ...]:
    """The exact quotes of a node's evidence, sorted."""
    found = []
    for evidence in graph.objects(node, PROV.wasDerivedFrom):
        for selector in graph.objects(evidence, OA.hasSelector):
            for exact in graph.objects(selector, OA.exact):
                found.append(str(exact))
    return tuple(sorted(set(found)))


def _frequency(graph: Graph, responsibility: Node) -> str | None:
    values = [label(graph, f) for f in graph.objects(responsibility, NV.frequency)]
    values += [str(n) for n in graph.objects(responsibility, NV.frequencyNote)]
    return ", ".join(sorted(values)) or None


def accountability_graph(graph: Graph) -> nx.MultiDiGraph:
    """All upward edges of the graph: owner, part-of and answers-to (with attributes)."""
    digraph = nx.MultiDiGraph()
    for initiative in graph.subjects(RDF.type, NV.Initiative):
        owners = [(owner, OWNED_BY) for owner in graph.objects(initiative, NV.owner)]
        parents = [
            (parent, PART_OF)
            for parent in graph.objects(initiative, NV.partOf)
            if (parent, RDF.type, NV.Initiative) in graph
        ]
        for target, relation in owners + parents:
            digraph.add_edge(
                initiative,
                target,
                key=f"{relation}:{target}",
                relation=relation,
                frequency=None,
                via=None,
                quotes=quotes_of(graph, initiative),
            )
    for responsibility in graph.subjects(RDF.type, NV.Responsibility):
        recipients = list(graph.objects(responsibility, NV.accountableTo))
        if not recipients:
            continue
        relation = label(graph, responsibility)
        frequency = _frequency(graph, responsibility)
        quotes = quotes_of(graph, responsibility)
        for holder in graph.objects(responsibility, NV.holder):
            sources = [(holder, None)]
            sources += [(parent, holder) for parent in graph.objects(holder, ORG.subOrganizationOf)]
            for source, via in sources:
                for recipient in recipients:
                    digraph.add_edge(
                        source,
                        recipient,
                        key=str(responsibility),
                        relation=relation,
                        frequency=frequency,
                        via=via,
                        quotes=quotes,
                    )
    return digraph


def chain(graph: Graph, start: URIRef, upward: nx.MultiDiGraph | None = None) -> list[Step]:
    """Every upward step from ``start``, breadth first; branches are kept, not flattened.

    ``depth`` is the shortest number of links from ``start`` to the step's source.
    """
    upward = upward if upward is not None else accountability_graph(graph)
    if start not in upward:
        return []
    depths = nx.single_source_shortest_path_length(upward, start)
    steps = []
    for source, target, data in upward.edges(depths, data=True):
        steps.append(
            Step(
                depth=depths[source],
                source=term_to_text(source) or "",
                source_label=label(graph, source),
                relation=data["relation"],
                target=term_to_text(target) or "",
                target_label=label(graph, target),
                frequency=data["frequency"],
                via=label(graph, data["via"]) if data["via"] is not None else None,
                quotes=data["quotes"],
            )
        )
    return sorted(steps, key=lambda s: (s.depth, s.source_label, s.target_label, s.relation))


def tops(steps: list[Step]) -> list[str]:
    """Labels of the nodes the chain ends at (targets that are nobody's source)."""
    sources = {s.source for s in steps}
    return sorted({s.target_label for s in steps if s.target not in sources})
