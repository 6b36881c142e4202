"""RDF terms across the engines: rdflib's and pyoxigraph's, and the terms a query binds.

A query parameter is made a pyoxigraph term. Its constructor checks an IRI with a real
IRI parser, it prints in N-Triples syntax (what a ``VALUES`` block needs), and making one
loads no rdflib, so a query answered from the built store never imports it. rdflib's
engine gets each parameter as an rdflib term (``as_rdflib``); a caller may bind rdflib
terms too (``as_oxigraph`` converts them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph as ox

from ..core.values import IRI, Value, literal_value

if TYPE_CHECKING:
    from rdflib.term import Node

OxTerm: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
Bindable: TypeAlias = "Node | OxTerm"
"""A term that a query parameter can be bound to: rdflib's or pyoxigraph's."""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


def iri_term(iri: str) -> ox.NamedNode:
    """The IRI ``iri`` as a term; ``ValueError`` naming the fault if it is not an IRI."""
    return ox.NamedNode(iri)


def literal_term(text: str, datatype: str | None = None) -> ox.Literal:
    """A literal ``text``, a plain string or of ``datatype`` (an IRI)."""
    if datatype is None:
        return ox.Literal(text)
    return ox.Literal(text, datatype=ox.NamedNode(datatype))


def lexical(value: str | Bindable) -> str:
    """The text of a value a caller gives for a parameter: a string as it is, an IRI or a
    literal of either library as its IRI or lexical form."""
    if isinstance(value, _OX_TERMS):
        return value.value
    return str(value)


def from_oxigraph(term: OxTerm | None) -> Node | None:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals plain, as rdflib has them)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=datatype)


def to_oxigraph(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term (a blank node keeps its label); ``ValueError``
    for an IRI that Oxigraph's parser rejects, ``TypeError`` for what is not a term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def as_oxigraph(term: Bindable) -> OxTerm:
    """``term`` as a pyoxigraph term, whichever library made it."""
    if isinstance(term, _OX_TERMS):
        return term
    return to_oxigraph(term)


def as_rdflib(term: Bindable) -> Node:
    """``term`` as an rdflib term, whichever library made it."""
    if isinstance(term, _OX_TERMS):
        converted = from_oxigraph(term)
        assert converted is not None
        return converted
    return term


def value_of(term: OxTerm | None) -> Value | None:
    """A pyoxigraph term as its Python value in a row, as ``core.terms.term_to_value``
    gives the rdflib one."""
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    return None if term is None else term.value
