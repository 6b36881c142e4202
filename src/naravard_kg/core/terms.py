"""RDF terms to and from the text people type and read: prefixed names, IRIs, literals."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import XSD, Literal, URIRef
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
        return format(Decimal(str(term)).normalize(), "f")
    if isinstance(term, URIRef):
        text = str(term)
        best = max(
            (p for p, ns in PREFIXES.items() if text.startswith(str(ns))),
            key=lambda p: len(str(PREFIXES[p])),
            default=None,
        )
        return f"{best}:{text[len(str(PREFIXES[best])) :]}" if best else text
    return str(term)
