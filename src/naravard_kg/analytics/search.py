"""Accent- and case-insensitive search over the labels of the graph."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..core.slugs import fold
from ..core.terms import term_to_text

LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title)


@dataclass(frozen=True, order=True)
class Hit:
    """A node whose label matches: exact matches rank first, then prefixes, then the rest;
    Swedish labels before labels in other languages."""

    rank: int
    label: str
    node: str
    types: tuple[str, ...]


def search(graph: Graph, text: str, limit: int | None = None) -> list[Hit]:
    """Nodes with a label containing ``text``, ignoring case and diacritics.

    ``search(g, "Vasternorrland")`` finds "Region Västernorrland"; "ornskoldsvik" finds
    "Örnsköldsvik". Each node is returned once, with its best-ranked label.
    """
    needle = fold(text.strip())
    if not needle:
        return []
    best: dict[URIRef, Hit] = {}
    for prop in LABEL_PROPERTIES:
        for node, label in graph.subject_objects(prop):
            if not isinstance(node, URIRef):
                continue
            folded = fold(str(label))
            if needle not in folded:
                continue
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
            rank = 2 * rank + (getattr(label, "language", None) not in ("sv", None))
            types = tuple(sorted(t for t in map(term_to_text, graph.objects(node, RDF.type)) if t))
            hit = Hit(rank, str(label), term_to_text(node) or str(node), types)
            if node not in best or hit < best[node]:
                best[node] = hit
    hits = sorted(best.values())
    return hits[:limit] if limit else hits
