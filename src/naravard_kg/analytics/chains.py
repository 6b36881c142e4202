"""Responsibility chains: from an initiative, body or post up to the top, as NetworkX.

The upward edges are read from the graph, each with its kind:

- an initiative is *owned by* its owner(s) (``nv:owner``), is *part of* a larger
  initiative (``nv:partOf``) and may be *decided by* the body a plan item names
  (``nv:decidedBy``);
- an actor *answers to* whoever a responsibility it holds names in ``nv:accountableTo``
  (a body also answers through its sub-bodies, which the step records as ``via``) and
  has decisions *anchored in* the bodies the responsibility names in ``nv:anchoredIn``;
- a post or body *sits in* the bodies it is a member of (``nv:sitsIn``) and a sub-body
  is *under* its parent (``org:subOrganizationOf``).

Every step carries the kind, the responsibility's task or the link's name, the frequency
and the quotes that say so. A joint body lists the organisations that share it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import ORG
from rdflib.term import Node

from ..core.labels import label, most_specific_types, plan_years
from ..core.namespaces import NV
from ..core.rows import Rows
from ..core.terms import term_to_text
from .evidence import quotes_of

OWNED_BY = "ägs av"
PART_OF = "del av"
DECIDED_BY = "beslutad av"
REPORTS_TO = "rapporterar till"
ANCHORED_IN = "förankras i"
SITS_IN = "sitter i"
UNDER = "under"
KINDS = (OWNED_BY, PART_OF, DECIDED_BY, REPORTS_TO, ANCHORED_IN, SITS_IN, UNDER)
"""The kinds of upward link, in the order legends list them."""


@dataclass(frozen=True)
class Step:
    """One upward link of a chain."""

    depth: int
    source: str
    source_label: str
    kind: str
    relation: str
    target: str
    target_label: str
    frequency: str | None
    via: str | None
    quotes: tuple[str, ...]
    shared_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dependant:
    """Something a body is ultimately accountable for, ``depth`` links below it."""

    node: str
    label: str
    types: tuple[str, ...]
    depth: int


def shared_by(graph: Graph, body: Node) -> tuple[str, ...]:
    """Labels of the organisations that share a body: members, or organisations whose
    posts are members. A body shared by two or more organisations is a joint body."""
    organisations = set()
    for member in graph.objects(body, ORG.hasMember):
        if (member, RDF.type, NV.Post) in graph:
            organisations.update(graph.objects(member, ORG.postIn))
        elif (member, RDF.type, ORG.Organization) in graph:
            organisations.add(member)
    return tuple(sorted(label(graph, o) for o in organisations))


def _frequency(graph: Graph, responsibility: Node) -> str | None:
    values = [label(graph, f) for f in graph.objects(responsibility, NV.frequency)]
    values += [str(n) for n in graph.objects(responsibility, NV.frequencyNote)]
    return ", ".join(sorted(values)) or None


def _add(
    upward: nx.MultiDiGraph,
    source: Node,
    target: Node,
    kind: str,
    relation: str,
    quotes: tuple[str, ...],
    frequency: str | None = None,
    via: Node | None = None,
    origin: Node | None = None,
) -> None:
    """Add one upward edge; ``origin`` (the responsibility, membership or plan item that
    states it) keeps apart two links that read alike."""
    upward.add_edge(
        source,
        target,
        key=f"{kind}:{relation}:{via}:{origin}",
        kind=kind,
        relation=relation,
        frequency=frequency,
        via=via,
        quotes=quotes,
    )


def _initiative_edges(graph: Graph, upward: nx.MultiDiGraph) -> None:
    for initiative in graph.subjects(RDF.type, NV.Initiative):
        quotes = quotes_of(graph, initiative)
        for owner in graph.objects(initiative, NV.owner):
            _add(upward, initiative, owner, OWNED_BY, OWNED_BY, quotes)
        for parent in graph.objects(initiative, NV.partOf):
            if (parent, RDF.type, NV.Initiative) in graph:
                _add(upward, initiative, parent, PART_OF, PART_OF, quotes)
        for item in graph.subjects(NV.item, initiative):
            for body in graph.objects(item, NV.decidedBy):
                statuses = sorted(label(graph, s) for s in graph.objects(item, NV.status))
                detail = ", ".join(v for v in (plan_years(graph, item), *statuses) if v)
                relation = f"{DECIDED_BY} ({detail})" if detail else DECIDED_BY
                _add(
                    upward,
                    initiative,
                    body,
                    DECIDED_BY,
                    relation,
                    quotes_of(graph, item),
                    origin=item,
                )


def _responsibility_edges(graph: Graph, upward: nx.MultiDiGraph) -> None:
    for responsibility in graph.subjects(RDF.type, NV.Responsibility):
        task = label(graph, responsibility)
        frequency = _frequency(graph, responsibility)
        quotes = quotes_of(graph, responsibility)
        for holder in graph.objects(responsibility, NV.holder):
            for recipient in graph.objects(responsibility, NV.accountableTo):
                _add(
                    upward,
                    holder,
                    recipient,
                    REPORTS_TO,
                    task,
                    quotes,
                    frequency,
                    None,
                    responsibility,
                )
                for parent in graph.objects(holder, ORG.subOrganizationOf):
                    _add(
                        upward,
                        parent,
                        recipient,
                        REPORTS_TO,
                        task,
                        quotes,
                        frequency,
                        holder,
                        responsibility,
                    )
            for body in graph.objects(responsibility, NV.anchoredIn):
                _add(
                    upward, holder, body, ANCHORED_IN, task, quotes, frequency, None, responsibility
                )


def _membership_edges(graph: Graph, upward: nx.MultiDiGraph) -> None:
    for member, body in graph.subject_objects(NV.sitsIn):
        for membership in graph.subjects(ORG.member, member):
            if (membership, ORG.organization, body) not in graph:
                continue
            roles = sorted(label(graph, r) for r in graph.objects(membership, ORG.role))
            relation = f"{SITS_IN} ({', '.join(roles)})" if roles else SITS_IN
            _add(
                upward,
                member,
                body,
                SITS_IN,
                relation,
                quotes_of(graph, membership),
                origin=membership,
            )
    for body, parent in graph.subject_objects(ORG.subOrganizationOf):
        if (body, RDF.type, NV.Body) in graph:
            _add(upward, body, parent, UNDER, UNDER, quotes_of(graph, body))


def accountability_graph(graph: Graph) -> nx.MultiDiGraph:
    """All upward edges of the graph, each with ``kind``, ``relation``, ``frequency``,
    ``via`` and ``quotes`` attributes."""
    upward = nx.MultiDiGraph()
    _initiative_edges(graph, upward)
    _responsibility_edges(graph, upward)
    _membership_edges(graph, upward)
    return upward


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
                kind=data["kind"],
                relation=data["relation"],
                target=term_to_text(target) or "",
                target_label=label(graph, target),
                frequency=data["frequency"],
                via=label(graph, data["via"]) if data["via"] is not None else None,
                quotes=data["quotes"],
                shared_by=shared_by(graph, target),
            )
        )
    return sorted(
        steps,
        key=lambda s: (s.depth, s.source_label, s.target_label, s.kind, s.relation, s.via or ""),
    )


def accountable_for(
    graph: Graph, top: URIRef, upward: nx.MultiDiGraph | None = None
) -> list[Dependant]:
    """The reverse view: everything whose chain reaches ``top``, nearest first."""
    upward = upward if upward is not None else accountability_graph(graph)
    if top not in upward:
        return []
    depths = nx.single_source_shortest_path_length(upward.reverse(copy=False), top)
    below = []
    for node, depth in depths.items():
        if node == top:
            continue
        types = tuple(sorted(label(graph, c) for c in most_specific_types(graph, node)))
        below.append(Dependant(term_to_text(node) or "", label(graph, node), types, depth))
    return sorted(below, key=lambda d: (d.depth, d.types, d.label, d.node))


STEP_COLUMNS = [
    "depth", "source_label", "kind", "relation", "target_label", "frequency", "via",
    "shared_by", "quote",
]  # fmt: skip


def steps_table(steps: list[Step]) -> Rows:
    """A chain as a table: one row per step, shared-by organisations and quotes joined."""
    rows = [
        {
            "depth": str(s.depth),
            "source_label": s.source_label,
            "kind": s.kind,
            "relation": s.relation,
            "target_label": s.target_label,
            "frequency": s.frequency,
            "via": s.via,
            "shared_by": ", ".join(s.shared_by) or None,
            "quote": " | ".join(s.quotes),
        }
        for s in steps
    ]
    return Rows(list(STEP_COLUMNS), rows)


def dependants_table(below: list[Dependant]) -> Rows:
    """The reverse view as a table: depth, node, label and type(s)."""
    rows = [
        {"depth": str(d.depth), "node": d.node, "label": d.label, "type": ", ".join(d.types)}
        for d in below
    ]
    return Rows(["depth", "node", "label", "type"], rows)
