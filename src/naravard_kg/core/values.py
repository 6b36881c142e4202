"""The Python values of query results: an IRI, a number, a date, a truth value or text.

Every engine's terms become these values here, from the term's kind, lexical form and
datatype alone, so rdflib, Oxigraph and a remote endpoint give equal rows. A literal
whose text does not fit its datatype (``"soon"^^xsd:date``), and a datatype Python has no
type for (``xsd:gYear``, ``xsd:gYearMonth``), keep their text: nothing is rounded or
guessed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias

from .prefixes import compact_iri

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DECIMAL = f"{XSD}decimal"
_INTEGERS = frozenset(
    f"{XSD}{name}"
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
)  # fmt: skip
_FLOATS = frozenset({f"{XSD}double", f"{XSD}float"})


class IRI(str):
    """An IRI in a row. As text it is what people read, a prefixed name where a project
    prefix fits (``nv:Region_Gavleborg``), else the IRI itself; ``.iri`` is the full IRI.

    So a row compares equal to the prefixed names the tables print and the commands take,
    while ``isinstance(value, IRI)`` tells a node from a text that looks like one."""

    iri: str

    def __new__(cls, iri: str) -> IRI:
        value = super().__new__(cls, compact_iri(iri))
        value.iri = iri
        return value

    def __repr__(self) -> str:
        return f"IRI({self.iri!r})"

    def __reduce__(self) -> tuple[type[IRI], tuple[str]]:
        return IRI, (self.iri,)


Value: TypeAlias = "IRI | str | int | Decimal | float | bool | date | datetime"
"""A value in a row: ``None`` stands for an unbound variable."""


def canonical_decimal(lexical: str) -> str:
    """The canonical form of an ``xsd:decimal`` (``20`` for ``20.0``, ``1.5`` for ``1.50``),
    as Oxigraph stores and prints it."""
    return format(Decimal(lexical).normalize(), "f")


def literal_value(lexical: str, datatype: str | None) -> Value:
    """The Python value of a literal: ``int`` for the integer types, ``Decimal`` for
    ``xsd:decimal``, ``float`` for ``xsd:double`` and ``xsd:float``, ``bool``, ``date``,
    ``datetime``; its text otherwise (strings, language-tagged text, ``xsd:gYear``, and a
    lexical form that is not valid for its datatype)."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype == XSD_DECIMAL:
            return Decimal(canonical_decimal(lexical))
        if datatype in _FLOATS:
            return float(lexical)
        if datatype == f"{XSD}boolean" and lexical in ("true", "false", "1", "0"):
            return lexical in ("true", "1")
        if datatype == f"{XSD}date":
            return date.fromisoformat(lexical)
        if datatype == f"{XSD}dateTime":
            return datetime.fromisoformat(lexical)
    except (ValueError, InvalidOperation):
        pass
    return lexical


def display(value: Value | None) -> str:
    """A value as the text a table shows: an IRI as its prefixed name, a decimal in
    canonical form, a date in ISO 8601, ``true``/``false``; nothing for ``None``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """``json.dumps``'s ``default`` for row values: a decimal as a JSON number (an integer
    where it is whole), a date as its ISO 8601 text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not a row value: {value!r}")
