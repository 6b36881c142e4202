"""RDF terms to and from the text people type and read: prefixed names, IRIs, literals."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import PREFIXES, expand_curie

BAD_IRI_CHARS = re.compile(r'[\s<>"{}|^`\\]')
"""Characters an IRI may not hold (RFC 3987 and the Turtle and N-Triples grammars)."""


def to_iri(text: str) -> str | None:
    """A full ``http(s)://`` IRI as it is, a prefixed name (``init:x``) expanded, else
    ``None``: the one way every part reads a node named by a person."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    return expand_curie(text)


def term_to_text(term: Node | None) -> str | None:
    """An IRI as a prefixed name where a project prefix fits, a literal as its text
    (an ``xsd:decimal`` in canonical form, ``20`` for ``20.0``, as every engine gives it)."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return canonical_decimal(str(term))
    if isinstance(term, URIRef):
        text = str(term)
        best = max(
            (p for p, ns in PREFIXES.items() if text.startswith(str(ns))),
            key=lambda p: len(str(PREFIXES[p])),
            default=None,
        )
        return f"{best}:{text[len(str(PREFIXES[best])) :]}" if best else text
    return str(term)


def canonical_decimal(lexical: str) -> str:
    """The canonical form of an ``xsd:decimal`` (``20`` for ``20.0``, ``1.5`` for ``1.50``),
    as Oxigraph stores and prints it."""
    return format(Decimal(lexical).normalize(), "f")


def decimal_literal(term: Literal) -> Literal:
    """An ``xsd:decimal`` in the one lexical form the project keeps (``10.0``, ``1.5``): the
    canonical digits with at least one after the point. Oxigraph stores ``10`` and rdflib's
    Turtle writes ``10.0``; with this form the graph read back from the built store and
    from a written Turtle file is the graph that was parsed, term for term."""
    digits = canonical_decimal(str(term))
    return Literal(digits if "." in digits else f"{digits}.0", datatype=XSD.decimal)


def with_decimal_forms(graph: Graph) -> Graph:
    """``graph`` with every ``xsd:decimal`` object in the form of ``decimal_literal``."""
    for s, p, o in list(graph.triples((None, None, None))):
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            kept = decimal_literal(o)
            if str(kept) != str(o):
                graph.remove((s, p, o))
                graph.add((s, p, kept))
    return graph
