"""Reading Turtle files strictly: any problem becomes an ``InputFileError`` with file and line.

rdflib accepts some bad input silently (IRIs with spaces, ``"abc"^^xsd:integer``) and only
warns; here those are errors too, because a warning in a log is a fact lost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..core.files import read_text
from ..core.namespaces import new_graph
from ..core.paths import relative_name, turtle_files
from ..core.prefixes import BAD_IRI_CHARS
from ..core.terms import with_decimal_forms
from ..errors import InputFileError
from .terms import iri_term

_SYNTAX_LINE = re.compile(r"at line (\d+)")
_TIMEZONE = r"(Z|[+-][0-9]{2}:[0-9]{2})?"
# Lexical forms rdflib lets through unchecked; the XSD grammar for the types we use.
_LEXICAL = {
    XSD.gYear: re.compile(rf"^-?[0-9]{{4,}}{_TIMEZONE}$"),
    XSD.date: re.compile(rf"^-?[0-9]{{4,}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]){_TIMEZONE}$"),
    XSD.boolean: re.compile(r"^(true|false|1|0)$"),
    XSD.integer: re.compile(r"^[+-]?[0-9]+$"),
}
_SYNTAX_REASON = re.compile(r"Bad syntax \((.*?)\) at \^", re.DOTALL)
_RELATIVE_BASE = "http://relative-iri.invalid/"
"""The base relative IRIs are resolved against while parsing, so they can be told apart and
rejected: a file's own folder would publish them as ``file:///...`` IRIs (``.invalid`` is a
reserved name, RFC 2606, so no real IRI starts so)."""


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's own warnings while parsing: the checks below report them as errors."""
    loggers = [logging.getLogger(name) for name in ("rdflib", "rdflib.term")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _line_of(text: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in ``text``."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _ill_typed(literal: Literal) -> bool:
    pattern = _LEXICAL.get(literal.datatype) if literal.datatype is not None else None
    if pattern is not None and not pattern.match(str(literal)):
        return True
    return bool(literal.ill_typed)


def _shown(iri: str) -> str:
    """``iri`` fit to print: control characters as ``\\uXXXX`` escapes."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04X}" for char in iri)


def _bad_iri(iri: str, path: Path, text: str) -> InputFileError | None:
    """The error for an IRI that is relative or holds a character no IRI may hold, with
    the line it is written on (found by the IRI, else by its part before the bad character
    or the relative reference as written)."""
    if iri.startswith(_RELATIVE_BASE):
        relative = iri.removeprefix(_RELATIVE_BASE)
        problem = f"relative IRI <{_shown(relative)}>: write the full IRI (https://...)"
        return InputFileError(str(path), problem, _line_of(text, f"<{relative}>"))
    bad = BAD_IRI_CHARS.search(iri)
    if bad is not None:
        problem = (
            f"invalid IRI <{_shown(iri)}>: IRIs may not contain spaces, control characters "
            'or <>"{}|^`\\'
        )
        line = _line_of(text, iri) or (_line_of(text, iri[: bad.start()]) if bad.start() else None)
        return InputFileError(str(path), problem, line)
    try:
        iri_term(iri)  # Oxigraph's parser: what the other engines and the store accept
    except ValueError as exc:
        return InputFileError(str(path), f"invalid IRI <{iri}>: {exc}", _line_of(text, iri))
    return None


def _check_terms(graph: Graph, path: Path, text: str) -> None:
    """Reject IRIs (datatypes too) that are relative or cannot be serialized, and literals
    that are not of their datatype."""
    for triple in graph:
        for term in triple:
            iri = term.datatype if isinstance(term, Literal) else term
            if isinstance(iri, URIRef) and (error := _bad_iri(str(iri), path, text)):
                raise error
            if isinstance(term, Literal) and _ill_typed(term):
                raise InputFileError(
                    str(path),
                    f'literal "{term}" is not a valid {term.datatype}',
                    _line_of(text, f'"{term}"'),
                )


def _recursion_line(error: RecursionError) -> int | None:
    """The line the parser had reached when ``error`` stopped it: its deepest frame that
    holds the text (``argstr``) and a position in it (``i``), as rdflib's parser's do."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        names = trace.tb_frame.f_locals
        if isinstance(names.get("argstr"), str) and isinstance(names.get("i"), int):
            line = names["argstr"].count("\n", 0, names["i"]) + 1
        trace = trace.tb_next
    return line


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file strictly and return the graph.

    Raises ``InputFileError`` naming the file, the line and the problem: a missing file,
    a syntax error, an undefined prefix, a relative or invalid IRI or an ill-typed literal.
    """
    text = read_text(path)
    parsed = new_graph()
    with _quiet_rdflib():
        try:
            parsed.parse(data=text, format="turtle", publicID=_RELATIVE_BASE)
        except RecursionError as exc:  # rdflib's parser recurses once per bracket
            problem = "Turtle syntax error: brackets nested too deeply to read"
            raise InputFileError(str(path), problem, _recursion_line(exc)) from None
        except Exception as exc:  # rdflib raises BadSyntax and assorted others
            message = str(exc)
            line = _SYNTAX_LINE.search(message)
            reason = _SYNTAX_REASON.search(message)
            raise InputFileError(
                str(path),
                f"Turtle syntax error: {reason.group(1) if reason else message.splitlines()[0]}",
                int(line.group(1)) if line else None,
            ) from None
        _check_terms(parsed, path, text)
    return with_decimal_forms(parsed)


def load_turtle_files(
    paths: Sequence[Path], source_files: dict[Node, tuple[str, ...]], base: Path | None = None
) -> Graph:
    """Parse ``paths`` into one graph; record in ``source_files`` where each subject is said
    (paths relative to ``base`` where they lie under it, so messages do not depend on the
    working directory)."""
    graph = new_graph()
    for path in paths:
        part = parse_turtle(path)
        name = relative_name(path, base)
        for subject in set(part.subjects()):
            if isinstance(subject, URIRef):
                source_files[subject] = (*source_files.get(subject, ()), name)
        if len(part) > len(graph):  # copy the smaller graph into the larger one
            graph, part = part, graph
        graph += part
    return graph


def load_turtle_folder(folder: Path, source_files: dict[Node, tuple[str, ...]]) -> Graph:
    """Parse every Turtle file under ``folder`` (``core.paths.turtle_files``)."""
    return load_turtle_files(turtle_files(folder), source_files)
