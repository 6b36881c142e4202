"""Binding query parameters as data, for engines without rdflib's ``initBindings``.

Oxigraph's substitution only reaches projected variables, and the SPARQL 1.1 Protocol
has no way to send bindings at all. So a SELECT query's parameters become a ``VALUES``
block at the start of its outermost group, ``VALUES (?region) { (<https://…>) }``, and of
each ``UNION`` branch directly in it. The
values are RDF terms already checked by the query's header (IRIs without forbidden
characters, literals) and written in N-Triples syntax, which escapes quotes, backslashes
and line breaks: a value can never end its term and become query text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..errors import BadParameter
from .terms import Bindable, as_oxigraph

_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>')
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_UNION_BEFORE = re.compile(r"\bUNION\s*\Z", re.IGNORECASE)
_UNION_AFTER = re.compile(r"\s*UNION\b", re.IGNORECASE)
_SELECT_AFTER = re.compile(r"\s*SELECT\b", re.IGNORECASE)


def checked_term(name: str, term: Bindable) -> ox.NamedNode | ox.Literal:
    """``term`` as the pyoxigraph term to bind to ``?name``, or ``BadParameter`` naming
    the parameter: every engine binds through here, so an IRI is checked by Oxigraph's
    IRI parser and a text must be valid Unicode, whichever engine answers."""
    if not _VARIABLE.match(name):
        raise BadParameter(f"{name!r} is not a SPARQL variable name")
    try:
        bound = as_oxigraph(term)
    except ValueError as exc:
        problem = f"{str(term)!r} is not a valid IRI or literal ({exc})"
        raise BadParameter(f"parameter {name!r}: {problem}") from None
    except TypeError:
        bound = None
    if not isinstance(bound, ox.NamedNode | ox.Literal):
        raise BadParameter(f"parameter {name!r}: only IRIs and literals can be bound")
    return bound


def values_block(bindings: Mapping[str, Bindable]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` with every term in N-Triples syntax."""
    names = [f"?{name}" for name in sorted(bindings)]
    terms = [str(checked_term(name, term)) for name, term in sorted(bindings.items())]
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def masked(query: str) -> str:
    """``query`` with its comments, strings and IRIs blanked out (the same length, so an
    index into it is one into ``query``): what is left is keywords, names and punctuation."""
    parts: list[str] = []
    index = 0
    while index < len(query):
        char = query[index]
        end = index + 1
        if char == "#":
            newline = query.find("\n", index)
            end = len(query) if newline < 0 else newline
        elif char in "'\"":
            end = min(_string_end(query, index), len(query))
        elif char == "<" and (iri := _IRI.match(query, index)):
            end = iri.end()
        else:
            parts.append(char)
            index = end
            continue
        parts.append(" " * (end - index))
        index = end
    return "".join(parts)


def _braces(query: str) -> Iterator[tuple[int, str]]:
    """Positions of ``{`` and ``}`` outside comments, strings and IRIs."""
    for index, char in enumerate(masked(query)):
        if char in "{}":
            yield index, char


def _string_end(query: str, start: int) -> int:
    """The index after the SPARQL string literal that starts at ``start``."""
    quote = query[start] * 3 if query.startswith(query[start] * 3, start) else query[start]
    index = start + len(quote)
    while index < len(query):
        if query[index] == "\\":
            index += 2
        elif query.startswith(quote, index):
            return index + len(quote)
        else:
            index += 1
    return index


def binding_points(query: str) -> list[int]:
    """Where the ``VALUES`` block goes: just inside the ``{`` of the outermost group, and
    of every ``UNION`` branch directly in it (engines do not push an outer ``VALUES`` into
    a union; as the block has one row, binding each branch too gives the same answers)."""
    points: list[int] = []
    depth = 0
    for index, char in _braces(query):
        if char == "{":
            depth += 1
            if depth == 1 or (depth == 2 and _is_union_branch(query, index)):
                points.append(index + 1)
        else:
            depth -= 1
    if not points:
        raise BadParameter("the query has no group pattern to bind parameters in")
    return points


def _is_union_branch(query: str, start: int) -> bool:
    """Whether the group opening at ``start`` is an operand of ``UNION`` (not a sub-select)."""
    if _UNION_BEFORE.search(query, 0, start):
        return not _SELECT_AFTER.match(query, start + 1)
    depth = 0
    for index, char in _braces(query[start:]):
        depth += 1 if char == "{" else -1
        if depth == 0:
            after = start + index + 1
            return bool(_UNION_AFTER.match(query, after)) and not _SELECT_AFTER.match(
                query, start + 1
            )
    return False


def bind_values(query: str, bindings: Mapping[str, Bindable]) -> str:
    """``query`` with ``bindings`` as a ``VALUES`` block opening its outermost group."""
    if not bindings:
        return query
    return _insert(query, values_block(bindings))


def bind_value_set(query: str, name: str, terms: Sequence[Bindable]) -> str:
    """``query`` with ``?name`` bound to each of ``terms`` (``VALUES ?name { t1 t2 }``),
    placed as ``bind_values`` places its block: binding a union branch to the same set as
    the group around it leaves the answers as they are."""
    values = " ".join(str(checked_term(name, term)) for term in terms)
    return _insert(query, f"VALUES ?{name} {{ {values} }}")


def _insert(query: str, values: str) -> str:
    """``query`` with the ``VALUES`` block at every binding point."""
    block = f"\n  {values}\n"
    parts, last = [], 0
    for point in binding_points(query):
        parts += [query[last:point], block]
        last = point
    return "".join([*parts, query[last:]])
