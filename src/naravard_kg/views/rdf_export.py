"""Graphs as RDF files: Turtle, JSON-LD and N-Triples with deterministic bytes.

Same graph in, same bytes out: blank nodes get IRIs derived from what they say and who
points at them, Turtle comes out sorted, and JSON-LD is put in a canonical order. Files
are written atomically (``core.files.write_atomic``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..core.files import format_of, write_atomic
from ..core.namespaces import NVID, new_graph
from ..errors import BadParameter

GENID = f"{NVID}genid/"
FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}


@dataclass
class _Visit:
    """A blank node being described: the texts of its triples so far, the nested blank
    nodes still to describe, and whether its text met a cycle (and so depends on the path)."""

    node: BNode
    via: Node | None
    parts: list[str] = field(default_factory=list)
    pending: list[tuple[Node, BNode]] = field(default_factory=list)
    cyclic: bool = False


def _visit(graph: Graph, node: BNode, via: Node | None) -> _Visit:
    """``node``'s visit, its triples to plain terms written out, those to blank nodes pending."""
    visit = _Visit(node, via)
    for predicate, obj in graph.predicate_objects(node):
        if isinstance(obj, BNode):
            visit.pending.append((predicate, obj))
        else:
            visit.parts.append(f"{predicate.n3()} {obj.n3()}")
    return visit


def _describe(graph: Graph, root: BNode, known: dict[BNode, str]) -> str:
    """A canonical digest of a blank node: its outgoing triples, nested blank nodes by their
    own digests (a node met again on the way down as ``[cycle]``).

    Depth-first with a stack of its own, so a long RDF list (a chain of blank nodes) needs
    neither deep recursion nor quadratic text; digests that met no cycle are the same from
    any start and are kept in ``known`` for the next call.
    """
    stack, on_path = [_visit(graph, root, None)], {root}
    while True:
        visit = stack[-1]
        if visit.pending:
            predicate, obj = visit.pending.pop()
            if obj in known or obj in on_path:
                visit.cyclic |= obj not in known
                visit.parts.append(f"{predicate.n3()} [{known.get(obj, 'cycle')}]")
            else:
                stack.append(_visit(graph, obj, predicate))
                on_path.add(obj)
            continue
        text = " ; ".join(sorted(visit.parts))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        stack.pop()
        on_path.discard(visit.node)
        if not visit.cyclic:
            known[visit.node] = digest
        if not stack:
            return digest
        stack[-1].parts.append(f"{visit.via.n3()} [{digest}]")
        stack[-1].cyclic |= visit.cyclic


def skolemize(graph: Graph) -> Graph:
    """A copy of ``graph`` with every blank node replaced by a content-derived IRI.

    The IRI hashes the node's own triples (nested blank nodes by their digests) and the
    (subject, predicate) pairs that point at it, so two builds name every node alike and
    two like selectors of different evidence stay apart.
    """
    names: dict[Node, URIRef] = {}
    known: dict[BNode, str] = {}
    for node in {t for triple in graph for t in triple if isinstance(t, BNode)}:
        incoming = sorted(
            f"{s.n3() if not isinstance(s, BNode) else '[]'} {p.n3()}"
            for s, p in graph.subject_predicates(node)
        )
        text = " | ".join([*incoming, _describe(graph, node, known)])
        names[node] = URIRef(GENID + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
    result = new_graph()
    for s, p, o in graph:
        result.add((names.get(s, s), p, names.get(o, o)))
    return result


def _canonical_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize(graph: Graph, fmt: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Deterministic text of ``graph`` in ``turtle``, ``json-ld`` or ``nt``; ``prefixes``
    (prefix to namespace IRI) are bound besides the project's own."""
    if fmt not in FORMATS:
        raise BadParameter(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
    graph = skolemize(graph)
    for prefix, iri in (prefixes or {}).items():
        graph.bind(prefix, iri, override=True, replace=True)
    if fmt == "turtle":
        return graph.serialize(format="turtle")
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    context = {p: str(ns) for p, ns in graph.namespaces()}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_canonical_json(document), ensure_ascii=False, indent=1) + "\n"


def write_graph(
    graph: Graph, path: Path, fmt: str | None = None, prefixes: Mapping[str, str] | None = None
) -> Path:
    """Serialize ``graph`` to ``path`` (format from the suffix unless given, with the extra
    ``prefixes`` of ``serialize``), atomically."""
    fmt = format_of(path, FORMATS, fmt, "RDF")
    return write_atomic(path, serialize(graph, fmt, prefixes))
