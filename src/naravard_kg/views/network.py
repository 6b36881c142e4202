"""The instance graph as a NetworkX graph, for Gephi and Cytoscape (GraphML, GEXF).

Nodes are the graph's instances (initiatives, bodies, posts, regions, municipalities,
documents, responsibilities, goals, themes, target groups, plan items, ...), keyed by
their full IRI, which is also their id in both files. Evidence and selectors are not
nodes: each node carries its quotes and the documents they come from as attributes.
Edges are the asserted object-property triples between two nodes, each with the
property's Swedish ``label`` and its prefixed name as ``property``; inferences show up as
attributes (``type``, ``region``), not as duplicate edges. Three views: the whole graph,
one region (its nodes and their neighbours) and one responsibility chain.

No node or edge has an attribute named ``id``: python-igraph keeps GraphML's node ids in
one, so the IRI is the ``iri`` attribute as well.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from ..analytics.chains import Step
from ..analytics.evidence import citations, quotes_of
from ..core.files import format_of, write_atomic
from ..core.labels import label, most_specific_types
from ..core.namespaces import NV, NVID, OA
from ..core.prefixes import to_iri
from ..core.terms import term_to_text
from ..errors import BadParameter
from ..library.reader import GraphReader, column
from .rdf_export import GENID

NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}
"""File formats of :func:`write_network`, with their suffixes."""

QUOTE_SEPARATOR = "\n"
"""Joins a node's quotes in the flat ``quote`` attribute (one quote a line)."""

_GEXF_DATE = re.compile(rb'\s+lastmodifieddate="[^"]*"')
_GRAPHML_EDGE_ID = re.compile(rb'(<edge source="[^"]*" target="[^"]*") id="[^"]*"')


def _is_instance(graph: Graph, node: Node) -> bool:
    """An ``nvid:`` IRI that is neither evidence nor a selector (nor a skolem IRI)."""
    if not isinstance(node, URIRef) or not str(node).startswith(str(NVID)):
        return False
    if str(node).startswith(GENID):
        return False
    types = set(graph.objects(node, RDF.type))
    return NV.Evidence not in types and not any(str(t).startswith(str(OA)) for t in types)


def _type(graph: Graph, node: Node) -> URIRef | None:
    """The first most specific ``nv:`` class, else the first of the node's other classes."""
    specific = most_specific_types(graph, node)
    if specific:
        return specific[0]
    others = sorted(t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef))
    return others[0] if others else None


def _local_name(iri: URIRef) -> str:
    return re.split(r"[#/:]", str(iri))[-1]


def node_attributes(graph: Graph, node: Node) -> dict[str, object]:
    """What a node carries: ``iri``, ``name`` (the prefixed name), ``label`` (Swedish),
    ``type``, ``type_label``, ``region``, ``region_label``, ``quote``, ``documents`` (flat
    text) and ``citations``."""
    kind = _type(graph, node)
    regions = sorted(graph.objects(node, NV.inRegion), key=lambda r: term_to_text(r) or "")
    found = citations(graph, node)
    return {
        "iri": str(node),
        "name": term_to_text(node) or str(node),
        "label": label(graph, node),
        "type": _local_name(kind) if kind is not None else "",
        "type_label": label(graph, kind) if kind is not None else "",
        "region": "; ".join(term_to_text(r) or "" for r in regions),
        "region_label": "; ".join(label(graph, r) for r in regions),
        "quote": QUOTE_SEPARATOR.join(quotes_of(graph, node)),
        "documents": "; ".join(sorted({c.document for c in found})),
        "citations": found,
    }


def _sorted_network(
    name: str,
    nodes: dict[str, dict[str, object]],
    edges: list[tuple[str, str, str, dict[str, str]]],
) -> nx.MultiDiGraph:
    """A multigraph with nodes and edges inserted in sorted order (stable file bytes)."""
    network = nx.MultiDiGraph(name=name)
    for node in sorted(nodes):
        network.add_node(node, **nodes[node])
    for source, target, key, data in sorted(edges, key=lambda e: e[:3]):
        network.add_edge(source, target, key=key, **data)
    return network


ASSERTED_LINKS = """
SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type) }
"""
"""The asserted links between two named nodes (asked of the asserted triples only)."""
ASSERTED_SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o . FILTER(isIRI(?s)) }"
IN_REGION = "SELECT ?node WHERE { ?node nv:inRegion ?region }"


def instance_network(reader: GraphReader, asserted: GraphReader) -> nx.MultiDiGraph:
    """The whole instance graph: every instance and every asserted link between two.

    ``reader`` reads the whole graph (labels, types, inferences), ``asserted`` its
    asserted part.
    """
    subjects = column(asserted.select(ASSERTED_SUBJECTS), "s")
    candidates = [n for n in subjects if str(n).startswith(str(NVID))]
    links = asserted.select(ASSERTED_LINKS)
    facts = reader.facts([*candidates, *column(links, "p")])
    instances = {n for n in candidates if _is_instance(facts, n)}
    edges = []
    for row in links:
        source, prop, target = row["s"], row["p"], row["o"]
        if source not in instances or target not in instances:
            continue
        name = term_to_text(prop) or str(prop)
        data = {"label": label(facts, prop), "property": name}  # type: ignore[arg-type]
        edges.append((str(source), str(target), name, data))
    nodes = {str(n): node_attributes(facts, n) for n in instances}
    return _sorted_network("naravard-kg", nodes, edges)


def region_network(reader: GraphReader, region: URIRef, whole: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One region: the region, every node ``nv:inRegion`` it, and their neighbours, with
    the edges that touch at least one of the region's own nodes, cut from ``whole`` (the
    :func:`instance_network`)."""
    own = {str(n) for n in column(reader.select(IN_REGION, "region", [region]), "node")}
    if not own:
        raise BadParameter(
            f"{term_to_text(region)} is not a region: no node is nv:inRegion it "
            "(give a region such as orgid:region-vasternorrland)"
        )
    own = (own | {str(region)}) & set(whole)
    edges = [
        (s, t, k, d) for s, t, k, d in whole.edges(keys=True, data=True) if s in own or t in own
    ]
    kept = own | {s for s, *_ in edges} | {t for _, t, *_ in edges}
    name = f"naravard-kg: {label(reader.facts([region]), region)}"
    return _sorted_network(name, {n: whole.nodes[n] for n in kept}, edges)


def chain_network(reader: GraphReader, start: URIRef, steps: list[Step]) -> nx.MultiDiGraph:
    """The responsibility chain ``steps`` of ``start``: its nodes, and one edge per step
    with ``label`` (the kind of link), ``detail`` (the task or link), ``frequency``,
    ``via`` and ``quote`` where the step has them."""
    ends = [
        (URIRef(to_iri(step.source) or step.source), URIRef(to_iri(step.target) or step.target))
        for step in steps
    ]
    facts = reader.facts({start, *(end for pair in ends for end in pair)})
    nodes = {str(start): node_attributes(facts, start)}
    edges = []
    for step, (source, target) in zip(steps, ends, strict=True):
        for end in (source, target):
            if str(end) not in nodes:
                nodes[str(end)] = node_attributes(facts, end)
        data = {
            "label": step.kind,
            "detail": step.relation,
            "frequency": step.frequency,
            "via": step.via,
            "quote": QUOTE_SEPARATOR.join(step.quotes),
        }
        key = f"{step.kind}: {step.relation} ({step.via or ''})"
        edges.append((str(source), str(target), key, {k: v for k, v in data.items() if v}))
    return _sorted_network(f"naravard-kg: {label(facts, start)}", nodes, edges)


def _for_file(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only the flat attributes (``citations`` is for the HTML view)."""
    flat = nx.MultiDiGraph(**network.graph)
    for node, data in network.nodes(data=True):
        flat.add_node(node, **{k: v for k, v in data.items() if k != "citations"})
    flat.add_edges_from(network.edges(keys=True, data=True))
    return flat


def to_graphml(network: nx.MultiDiGraph) -> bytes:
    """GraphML of the network: node ids are IRIs; edges have no id (NetworkX would write
    the multigraph key, the same on many edges, which python-igraph 1.0 reads into a wrong
    ``id`` attribute), their property is the ``property`` attribute."""
    buffer = io.BytesIO()
    nx.write_graphml(_for_file(network), buffer, encoding="utf-8")
    return _GRAPHML_EDGE_ID.sub(rb"\1", buffer.getvalue())


def to_gexf(network: nx.MultiDiGraph) -> bytes:
    """GEXF of the network: node ids are IRIs, node and edge labels the Swedish labels;
    without the date of writing."""
    buffer = io.BytesIO()
    nx.write_gexf(_for_file(network), buffer, encoding="utf-8")
    return _GEXF_DATE.sub(b"", buffer.getvalue())


def write_network(network: nx.MultiDiGraph, path: Path, fmt: str | None = None) -> Path:
    """Write ``network`` as GraphML or GEXF (format from the suffix unless given)."""
    writers = {"graphml": to_graphml, "gexf": to_gexf}
    chosen = format_of(path, NETWORK_FORMATS, fmt, "network")
    return write_atomic(path, writers[chosen](network))
