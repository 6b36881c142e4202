"""Responsibility chains: from an initiative, body or post up to the top.

The upward links are read from the store by one SPARQL query (``EDGES``), each with its
kind:

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

A chain follows the links up from its start, one query per depth, and reads the names and
quotes of only the nodes it meets; ``accountability_graph`` reads them all, as NetworkX.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import ORG
from rdflib.term import Node

from ..core.labels import label, most_specific_types, plan_years
from ..core.namespaces import NV
from ..core.rows import Rows
from ..core.terms import term_to_text
from ..library.reader import GraphReader
from .evidence import Citation, citations, quotes_of

if TYPE_CHECKING:
    import networkx as nx

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
    citations: tuple[Citation, ...]
    shared_by: tuple[str, ...] = ()

    @property
    def quotes(self) -> tuple[str, ...]:
        """The quotes the step rests on, without where they stand."""
        return tuple(c.quote for c in self.citations)


@dataclass(frozen=True)
class Dependant:
    """Something a body is ultimately accountable for, ``depth`` links below it."""

    node: str
    label: str
    types: tuple[str, ...]
    depth: int


EDGES = f"""
SELECT DISTINCT ?source ?target ?kind ?origin ?via WHERE {{
  {{ ?source a nv:Initiative ; nv:owner ?target .
     BIND("{OWNED_BY}" AS ?kind) BIND(?source AS ?origin) }}
  UNION
  {{ ?source a nv:Initiative ; nv:partOf ?target . ?target a nv:Initiative .
     BIND("{PART_OF}" AS ?kind) BIND(?source AS ?origin) }}
  UNION
  {{ ?source a nv:Initiative . ?origin nv:item ?source ; nv:decidedBy ?target .
     BIND("{DECIDED_BY}" AS ?kind) }}
  UNION
  {{ ?origin a nv:Responsibility ; nv:holder ?source ; nv:accountableTo ?target .
     BIND("{REPORTS_TO}" AS ?kind) }}
  UNION
  {{ ?origin a nv:Responsibility ; nv:holder ?via ; nv:accountableTo ?target .
     ?via org:subOrganizationOf ?source . BIND("{REPORTS_TO}" AS ?kind) }}
  UNION
  {{ ?origin a nv:Responsibility ; nv:holder ?source ; nv:anchoredIn ?target .
     BIND("{ANCHORED_IN}" AS ?kind) }}
  UNION
  {{ ?source nv:sitsIn ?target . ?origin org:member ?source ; org:organization ?target .
     BIND("{SITS_IN}" AS ?kind) }}
  UNION
  {{ ?source a nv:Body ; org:subOrganizationOf ?target .
     BIND("{UNDER}" AS ?kind) BIND(?source AS ?origin) }}
}}
"""
"""Every upward link: its ends, its kind, the node that states it (the initiative, plan
item, responsibility, membership or body whose quotes and names it carries) and, for a
body answering through a sub-body, the sub-body."""


@dataclass(frozen=True)
class _Link:
    """One row of ``EDGES``."""

    source: Node
    target: Node
    kind: str
    origin: Node
    via: Node | None


def _links(reader: GraphReader, end: str | None = None, nodes: Iterable[Node] = ()) -> list[_Link]:
    """The links of ``EDGES``; with ``end`` (``source`` or ``target``), those whose ``end``
    is one of ``nodes``."""
    return [
        _Link(row["source"], row["target"], str(row["kind"]), row["origin"], row["via"])  # type: ignore[arg-type]
        for row in reader.select(EDGES, end, nodes)
    ]


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


def _relation(facts: Graph, link: _Link) -> str:
    """How a link reads: the responsibility's task, the roles in a body, the plan years and
    statuses of a decision, else the kind itself."""
    if link.kind in (REPORTS_TO, ANCHORED_IN):
        return label(facts, link.origin)
    if link.kind == SITS_IN:
        roles = sorted(label(facts, r) for r in facts.objects(link.origin, ORG.role))
        return f"{SITS_IN} ({', '.join(roles)})" if roles else SITS_IN
    if link.kind == DECIDED_BY:
        statuses = sorted(label(facts, s) for s in facts.objects(link.origin, NV.status))
        detail = ", ".join(v for v in (plan_years(facts, link.origin), *statuses) if v)
        return f"{DECIDED_BY} ({detail})" if detail else DECIDED_BY
    return link.kind


def _frequency_of(facts: Graph, link: _Link) -> str | None:
    return _frequency(facts, link.origin) if link.kind in (REPORTS_TO, ANCHORED_IN) else None


def _facts_of(reader: GraphReader, links: list[_Link]) -> Graph:
    """The facts about every node the links name."""
    nodes = {n for k in links for n in (k.source, k.target, k.origin, k.via) if n is not None}
    return reader.facts(nodes)


def accountability_graph(reader: GraphReader) -> nx.MultiDiGraph:
    """All upward edges of the graph, each with ``kind``, ``relation``, ``frequency``,
    ``via`` and ``quotes`` attributes; two links that read alike stay apart when different
    nodes (responsibilities, memberships, plan items) state them."""
    import networkx as nx

    links = _links(reader)
    facts = _facts_of(reader, links)
    upward = nx.MultiDiGraph()
    for link in links:
        relation = _relation(facts, link)
        upward.add_edge(
            link.source,
            link.target,
            key=f"{link.kind}:{relation}:{link.via}:{link.origin}",
            kind=link.kind,
            relation=relation,
            frequency=_frequency_of(facts, link),
            via=link.via,
            quotes=quotes_of(facts, link.origin),
        )
    return upward


def _reachable(
    reader: GraphReader, start: Node, end: str, onward: str
) -> tuple[dict[Node, int], list[_Link]]:
    """Breadth first from ``start``: the depth of every node reached, and every link whose
    ``end`` is a reached node (``onward`` names the link's other end), one query per depth."""
    depths = {start: 0}
    frontier, links = [start], []
    while frontier:
        found = _links(reader, end, frontier)
        links += found
        frontier = []
        for link in found:
            node = getattr(link, onward)
            if node not in depths:
                depths[node] = depths[getattr(link, end)] + 1
                frontier.append(node)
    return depths, links


def chain(reader: GraphReader, start: URIRef) -> list[Step]:
    """Every upward step from ``start``, breadth first; branches are kept, not flattened.

    ``depth`` is the shortest number of links from ``start`` to the step's source.
    """
    depths, links = _reachable(reader, start, "source", "target")
    facts = _facts_of(reader, links)
    steps = [
        Step(
            depth=depths[link.source],
            source=term_to_text(link.source) or "",
            source_label=label(facts, link.source),
            kind=link.kind,
            relation=_relation(facts, link),
            target=term_to_text(link.target) or "",
            target_label=label(facts, link.target),
            frequency=_frequency_of(facts, link),
            via=label(facts, link.via) if link.via is not None else None,
            citations=citations(facts, link.origin),
            shared_by=shared_by(facts, link.target),
        )
        for link in links
    ]
    return sorted(
        steps,
        key=lambda s: (s.depth, s.source_label, s.target_label, s.kind, s.relation, s.via or ""),
    )


def accountable_for(reader: GraphReader, top: URIRef) -> list[Dependant]:
    """The reverse view: everything whose chain reaches ``top``, nearest first."""
    depths, _ = _reachable(reader, top, "target", "source")
    del depths[top]
    facts = reader.facts(depths)
    below = [
        Dependant(
            term_to_text(node) or "",
            label(facts, node),
            tuple(sorted(label(facts, c) for c in most_specific_types(facts, node))),
            depth,
        )
        for node, depth in depths.items()
    ]
    return sorted(below, key=lambda d: (d.depth, d.types, d.label, d.node))


STEP_COLUMNS = [
    "depth", "source_label", "kind", "relation", "target_label", "frequency", "via",
    "shared_by", "quote",
]  # fmt: skip


def steps_table(steps: list[Step]) -> Rows:
    """A chain as a table: one row per step, shared-by organisations and quotes joined, each
    quote followed by its document's short title and section in brackets."""
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
            "quote": " | ".join(str(c) for c in s.citations),
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
