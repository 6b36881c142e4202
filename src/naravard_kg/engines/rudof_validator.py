"""The fast bundle's SHACL: pyrudof, giving pyshacl's report (``tests/test_engines.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from ..core.namespaces import SH
from .base import Parts, nt_bytes, plain

if TYPE_CHECKING:
    import pyrudof

    ShaclEntry = pyrudof.ShaclValidationEntry


class RudofValidator:
    """SHACL Core and SHACL-SPARQL by pyrudof, its results written as a SHACL report graph.

    pyrudof words its own messages; the report carries the shape's ``sh:message`` where
    the shape has one, as pyshacl does, so both engines print the same report (the shapes
    come with one message each, in the report's language: ``shacl_report.in_language``),
    and ``sh:maxLength`` counts characters, as SHACL says, not UTF-8 bytes.
    """

    def validate(self, parts: Parts, shapes: Graph) -> Graph:
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(nt_bytes(*parts).decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes.serialize(format="turtle"))
        report = Graph()
        for entry in rudof.validate_shacl():
            shape = _term(entry.source_shape)
            if _counted_in_bytes(entry, shapes.value(shape, SH.maxLength)):
                continue
            result = BNode()
            message = shapes.value(shape, SH.message) or _message(entry.message)
            report.add((result, SH.focusNode, _term(entry.focus_node)))
            report.add((result, SH.resultSeverity, SH[str(entry.severity)]))
            report.add((result, SH.sourceShape, shape))
            report.add((result, SH.sourceConstraintComponent, URIRef(entry.constraint_component)))
            report.add((result, SH.resultMessage, message))
            if entry.value is not None:
                report.add((result, SH.value, _term(entry.value)))
            if entry.path is not None:
                report.add((result, SH.resultPath, _path(report, entry.path)))
        return report


def _counted_in_bytes(entry: ShaclEntry, limit: Node | None) -> bool:
    """Whether a ``sh:maxLength`` result only counts UTF-8 bytes: pyrudof measures a string
    in bytes where SHACL counts characters, so "å" counts twice; such a result is dropped
    when the value has no more characters than the limit."""
    if not str(entry.constraint_component).endswith("#MaxLengthConstraintComponent"):
        return False
    value = _term(entry.value) if entry.value is not None else None
    return value is not None and limit is not None and len(str(value)) <= int(limit)


def _term(text: str) -> Node:
    """A term as pyrudof prints it: ``"lexical"…`` literal, ``_:b`` blank node, or an IRI."""
    if text.startswith('"'):
        return plain(from_n3(text))
    if text.startswith("_:"):
        return BNode(text[2:])
    return URIRef(text.strip("<>"))


def _message(text: str) -> Node:
    """pyrudof's message: a literal in Turtle syntax where it filled in a shape's template."""
    return _term(text) if text.startswith('"') else Literal(text)


def _path(report: Graph, text: str) -> Node:
    """A SHACL path as pyrudof prints it (``iri``, ``^(iri)`` or a complex path)."""
    if text.startswith("^(") and text.endswith(")") and " " not in text:
        node = BNode()
        report.add((node, SH.inversePath, URIRef(text[2:-1])))
        return node
    if text.startswith(("(", "^", "[")):
        return BNode()
    return URIRef(text)
