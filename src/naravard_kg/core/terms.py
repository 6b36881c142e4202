"""RDF terms to the text people read: prefixed names, canonical decimals.

rdflib is imported inside the functions that take its terms (a caller that has one has
loaded it already), so the text forms serve the rdflib-free query path too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .prefixes import compact_iri

if TYPE_CHECKING:
    from rdflib import Graph, Literal
    from rdflib.term import Node

XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def term_to_text(term: Node | None) -> str | None:
    """An IRI as a prefixed name where a project prefix fits, a literal as its text
    (an ``xsd:decimal`` in canonical form, ``20`` for ``20.0``, as every engine gives it)."""
    from rdflib import Literal, URIRef

    if term is None:
        return None
    if isinstance(term, Literal) and str(term.datatype) == XSD_DECIMAL:
        return canonical_decimal(str(term))
    if isinstance(term, URIRef):
        return compact_iri(str(term))
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
    from rdflib import Literal

    digits = canonical_decimal(str(term))
    return Literal(digits if "." in digits else f"{digits}.0", datatype=XSD_DECIMAL)


def with_decimal_forms(graph: Graph) -> Graph:
    """``graph`` with every ``xsd:decimal`` object in the form of ``decimal_literal``."""
    from rdflib import Literal

    for s, p, o in list(graph.triples((None, None, None))):
        if isinstance(o, Literal) and str(o.datatype) == XSD_DECIMAL:
            kept = decimal_literal(o)
            if str(kept) != str(o):
                graph.remove((s, p, o))
                graph.add((s, p, kept))
    return graph
