"""RDF terms to the text people read (prefixed names, canonical decimals) and to the
Python values of a row.

rdflib is imported inside the functions that take its terms (a caller that has one has
loaded it already), so the text forms serve the rdflib-free query path too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .prefixes import compact_iri
from .values import IRI, XSD_DECIMAL, Value, canonical_decimal, literal_value

if TYPE_CHECKING:
    from rdflib import Graph, Literal
    from rdflib.term import Node


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


def term_to_value(term: Node | None) -> Value | None:
    """An rdflib term as its Python value in a row (``core.values``): an ``IRI``, a
    literal's ``int``, ``Decimal``, ``date``..., a blank node's label."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return IRI(str(term))
    if isinstance(term, Literal):
        return literal_value(str(term), None if term.datatype is None else str(term.datatype))
    return None if term is None else str(term)


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
