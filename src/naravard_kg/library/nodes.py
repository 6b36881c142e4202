"""Finding a node by what an analyst types: an IRI, a prefixed name, a label, an
alternative label or an abbreviation, ignoring case and å/ä/ö.

Every interface resolves its node parameters here (``kg.query``, the command line, the
endpoint client), so a misspelt node is an error with the closest matches, never an
empty table that reads as "nothing there". All lookups are SPARQL over the store, so the
same code serves the built store, the reference engine and a remote endpoint.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..core.prefixes import BAD_IRI_CHARS, compact_iri, sparql_prologue, to_iri
from ..core.slugs import fold
from ..errors import BadParameter, NodeNotFound
from .select import run_select

if TYPE_CHECKING:
    from ..engines.base import SparqlStore

LABELS = """
SELECT ?node ?property ?label (LANG(?label) AS ?language) WHERE {
  {
    VALUES ?property { skos:prefLabel rdfs:label dcterms:title dcterms:alternative skos:altLabel }
    ?node ?property ?label .
  } UNION {
    ?node a nv:Document ; dcterms:date ?date .
    BIND(dcterms:date AS ?property)
    BIND(SUBSTR(STR(?date), 1, 4) AS ?label)
  }
  FILTER(isIRI(?node))
}
"""
"""Every name a node goes by: labels in any language, alternative labels and
abbreviations (``skos:altLabel``), document titles and short titles, and a document's year."""
PREFERENCE = (
    "skos:prefLabel",
    "rdfs:label",
    "dcterms:title",
    "dcterms:alternative",
    "skos:altLabel",
    "dcterms:date",
)
"""Which name of a node is shown: its preferred label before its label, title..."""
EXISTS = "SELECT ?p WHERE { { ?node ?p ?o } UNION { ?o ?p ?node } } LIMIT 1"
IS_A = "SELECT ?node WHERE { ?node a ?class }"
KINDS = """
SELECT DISTINCT ?type WHERE {
  ?node a ?type .
  FILTER(STRSTARTS(STR(?type), STR(nv:)))
  FILTER NOT EXISTS { ?node a ?narrower . ?narrower rdfs:subClassOf ?type .
                      FILTER(?narrower != ?type) }
}
ORDER BY ?type
"""
SHOWN = 10
"""How many nodes an error lists."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Name:
    """One name of a node: the node's full IRI, the name as written and folded, its
    language tag and the property that gives it (a prefixed name)."""

    iri: str
    text: str
    folded: str
    language: str
    property: str

    @property
    def words(self) -> set[str]:
        """The folded words of the name."""
        return words_of(self.folded)

    def preference(self) -> tuple[int, bool, bool, str]:
        """Sorts a node's names: the one to show first (a Swedish preferred label)."""
        return (
            PREFERENCE.index(self.property),
            self.language != "sv",
            self.language != "",
            self.text,
        )


@dataclass(frozen=True)
class Candidate:
    """A node an analyst may have meant: its prefixed name, preferred label and kinds."""

    node: str
    label: str
    kinds: tuple[str, ...]

    def __str__(self) -> str:
        kinds = ", ".join(self.kinds) or "no type"
        return f"{self.node} ({self.label}; {kinds})"


class NodeFinder:
    """Resolves what an analyst types to one node of the store (optionally of a class)."""

    def __init__(self, store: SparqlStore) -> None:
        self.store = store

    def _select(self, text: str, **bindings: str) -> list[dict[str, Any]]:
        from ..engines.terms import iri_term

        terms = {name: iri_term(iri) for name, iri in bindings.items()}
        return run_select(self.store, sparql_prologue() + text, terms)

    @cached_property
    def names(self) -> list[Name]:
        """Every name of every node, in a stable order."""
        rows = self._select(LABELS)
        names = {
            (row["node"].iri, str(row["label"]), row["language"] or "", str(row["property"]))
            for row in rows
        }
        return [Name(i, text, fold(text), lang, prop) for i, text, lang, prop in sorted(names)]

    @cached_property
    def by_node(self) -> dict[str, list[Name]]:
        """The names of each node, the one to show first."""
        nodes: dict[str, list[Name]] = {}
        for name in self.names:
            nodes.setdefault(name.iri, []).append(name)
        for names in nodes.values():
            names.sort(key=Name.preference)
        return nodes

    def label(self, iri: str) -> str:
        """The name of ``iri`` to show: its Swedish preferred label where it has one."""
        names = self.by_node.get(iri)
        return names[0].text if names else compact_iri(iri)

    def kinds(self, iri: str) -> tuple[str, ...]:
        """The most specific classes of ``iri`` in the project's namespace."""
        return tuple(str(row["type"]) for row in self._select(KINDS, node=iri))

    def instances(self, cls: str) -> set[str]:
        """The full IRIs of the nodes of class ``cls`` (a full IRI), inferred types included."""
        return {row["node"].iri for row in self._select(IS_A, **{"class": cls})}

    def exists(self, iri: str) -> bool:
        """Whether ``iri`` is an IRI (by Oxigraph's parser) and the subject or object of
        any triple."""
        if BAD_IRI_CHARS.search(iri):
            return False
        try:
            return bool(self._select(EXISTS, node=iri))
        except ValueError:  # not an IRI: it may still be a name
            return False

    def candidate(self, iri: str) -> Candidate:
        """``iri`` as it is listed in a message: prefixed name, preferred label, kinds."""
        return Candidate(compact_iri(iri), self.label(iri), self.kinds(iri))

    def resolve(self, text: str, cls: str | None = None, where: str = "") -> str:
        """The full IRI of the one node ``text`` names, of class ``cls`` if given.

        ``text`` is an IRI or prefixed name of a node in the graph, or a name (label,
        alternative label, abbreviation, title) that one node has exactly, or else whose
        words all occur in one of its names, or else in its names together (a document's
        title and year). ``NodeNotFound`` lists the closest names when
        none fits, ``BadParameter`` the nodes when several do, or when the node named by
        its IRI is not of class ``cls``."""
        text = text.strip()
        prefix = f"{where}: " if where else ""
        kind = f" of type {compact_iri(cls)}" if cls else ""
        allowed = self.instances(cls) if cls else None
        iri = to_iri(text)
        if iri is not None and _looks_like_iri(text) and self.exists(iri):
            if allowed is None or iri in allowed:
                return iri
            raise BadParameter(
                f"{prefix}{self.candidate(iri)} is not{kind}; "
                f"name one, e.g. {self._example(allowed)}"
            )
        names = [n for n in self.names if allowed is None or n.iri in allowed]
        needle = fold(text)
        found = [n for n in names if n.folded == needle]
        if not found:
            words = words_of(needle)
            found = [n for n in names if words and words <= n.words]
        if not found and len(words) > 1:  # the words spread over a node's names
            found = [
                n
                for n in names
                if words <= set().union(*(m.words for m in self.by_node[n.iri])) and n.words & words
            ]
        nodes = _shortest_name_first(found)
        if len(nodes) == 1:
            return nodes[0]
        if nodes:
            listed = "; ".join(str(self.candidate(i)) for i in nodes[:SHOWN])
            more = f" (and {len(nodes) - SHOWN} more)" if len(nodes) > SHOWN else ""
            raise BadParameter(
                f"{prefix}{text!r} names {len(nodes)} nodes{kind}: {listed}{more}; "
                "give one by its prefixed name"
            )
        closest = self._closest(text, names)
        raise NodeNotFound(f"{prefix}no node {text!r}{kind} in the graph{closest}")

    def _closest(self, text: str, names: list[Name]) -> str:
        """``; closest: ...`` with the nodes whose prefixed name or a name is nearest."""
        keys: dict[str, list[str]] = {}
        for name in names:
            keys.setdefault(name.folded, []).append(name.iri)
            keys.setdefault(fold(compact_iri(name.iri)), []).append(name.iri)
        near = difflib.get_close_matches(fold(text), list(keys), n=SHOWN, cutoff=0.6)
        nodes = list(dict.fromkeys(iri for key in near for iri in keys[key]))[:5]
        if not nodes:
            return " (find one with: naravard-kg search WORDS)"
        listed = "; ".join(str(self.candidate(iri)) for iri in nodes)
        return f"; closest: {listed}"

    def _example(self, allowed: set[str]) -> str:
        return compact_iri(min(allowed)) if allowed else "none in the graph"


def words_of(folded: str) -> set[str]:
    """The words of a folded text (``core.slugs.fold``), as names and searches split it."""
    return set(_WORD.findall(folded))


def _shortest_name_first(names: list[Name]) -> list[str]:
    """The nodes of ``names``, the one with the shortest matching name first."""
    shortest: dict[str, int] = {}
    for name in names:
        shortest[name.iri] = min(shortest.get(name.iri, len(name.text)), len(name.text))
    return sorted(shortest, key=lambda iri: (shortest[iri], iri))


def _looks_like_iri(text: str) -> bool:
    """Whether ``text`` is written as an IRI or a prefixed name, not as a name with a colon."""
    return " " not in text and ":" in text
