"""Accent- and case-insensitive search over the labels of the graph."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import Node

from ..core.slugs import fold
from ..core.terms import term_to_text
from ..library.reader import GraphReader


@dataclass(frozen=True, order=True)
class Hit:
    """A node whose label matches: exact matches rank first, then prefixes, then the rest;
    Swedish labels before labels in other languages."""

    rank: int
    label: str
    node: str
    types: tuple[str, ...]


LABELS = """
SELECT ?node ?label WHERE {
  ?node ?property ?label .
  VALUES ?property { rdfs:label skos:prefLabel skos:altLabel dcterms:title }
  FILTER(isIRI(?node))
}
"""
TYPES = "SELECT ?node ?type WHERE { ?node a ?type }"


def search(reader: GraphReader, text: str, limit: int | None = None) -> list[Hit]:
    """Nodes with a label containing ``text``, ignoring case and diacritics.

    ``search(reader, "Vasternorrland")`` finds "Region Västernorrland"; "ornskoldsvik"
    finds "Örnsköldsvik". Each node is returned once, with its best-ranked label.
    """
    needle = fold(text.strip())
    if not needle:
        return []
    best: dict[Node, tuple[int, str]] = {}
    for row in reader.select(LABELS):
        node, label = row["node"], row["label"]
        folded = fold(str(label))
        if node is None or needle not in folded:
            continue
        rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
        rank = 2 * rank + (getattr(label, "language", None) not in ("sv", None))
        if node not in best or (rank, str(label)) < best[node]:
            best[node] = (rank, str(label))
    types: dict[Node, set[str]] = {node: set() for node in best}
    for row in reader.select(TYPES, "node", best):
        types[row["node"]].add(term_to_text(row["type"]) or "")  # type: ignore[index]
    hits = sorted(
        Hit(rank, label, term_to_text(node) or str(node), tuple(sorted(types[node])))
        for node, (rank, label) in best.items()
    )
    return hits[:limit] if limit else hits
