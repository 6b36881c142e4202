"""The query library: ``queries/*.rq`` files, their headers and parameters.

Each file starts with a header of ``# key: value`` lines (title, question, param, returns,
example, tags), then the PREFIX lines of the prefixes it uses, then the query: standalone
SPARQL 1.1, run as written. Parameters are plain SPARQL variables; a call binds them as
RDF terms through the engine (never by editing the query text), after checking and
coercing them against the header.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.files import read_text
from ..core.prefixes import BAD_IRI_CHARS, NAMESPACE_IRIS, to_iri
from ..errors import BadParameter, InputFileError, MissingParameter, QueryNotFound

if TYPE_CHECKING:
    from ..engines.terms import Bindable

REQUIRED_HEADER_KEYS = ("title", "question", "returns", "example", "tags")
PARAM_TYPES = ("iri", "str", "int", "year")
_HEADER_LINE = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>\w+)(?:\((?P<cls>\w+:\w+)\))?"
    r"\s+(?P<need>required|optional|default=\S+)\s*(?P<doc>.*)$",
    re.IGNORECASE,
)
Resolver = Callable[[str, "str | None", str], str]
"""Finds the node a value names: ``resolve(text, class IRI or None, where) -> IRI``
(``library.nodes.NodeFinder.resolve``)."""
_YEAR = re.compile(r"^[0-9]{4}$")
XSD = NAMESPACE_IRIS["xsd"]


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: its SPARQL variable name, type, default and description."""

    name: str
    type: str
    default: str | None
    doc: str
    optional: bool = False
    cls: str | None = None
    """For an ``iri`` parameter, the class its node must have (a prefixed name)."""

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    @property
    def kind(self) -> str:
        """The type as the catalogue shows it: ``iri``, or the class, e.g. ``nv:Region``."""
        return self.cls or self.type

    def coerce(self, value: str | Bindable, query: str) -> Bindable:
        """Turn a raw value into the RDF term to bind, or raise ``BadParameter``: an IRI
        passes Oxigraph's IRI parser, whichever engine the query then runs on."""
        from ..engines.terms import iri_term, lexical, literal_term  # only a query needs them

        text = lexical(value)
        where = f"parameter {self.name!r} of query {query!r}"
        if self.type == "iri":
            iri = to_iri(text)
            problem = "not an IRI or a prefixed name with a known prefix"
            if iri is not None and not BAD_IRI_CHARS.search(iri):
                try:
                    return iri_term(iri)
                except ValueError as exc:
                    problem = f"not an IRI ({exc})"
            raise BadParameter(
                f"{where}: {text!r} is {problem} (e.g. init:mod-demensteam or https://...)"
            )
        if self.type == "int":
            try:
                return literal_term(str(int(text)), XSD + "integer")
            except ValueError:
                raise BadParameter(f"{where}: {text!r} is not an integer") from None
        if self.type == "year":
            if not _YEAR.match(text):
                raise BadParameter(f"{where}: {text!r} is not a four-digit year")
            return literal_term(text, XSD + "gYear")
        try:
            return literal_term(text)
        except ValueError:  # pyoxigraph takes only text that is valid Unicode
            raise BadParameter(f"{where}: {text!r} is not valid Unicode text") from None


@dataclass(frozen=True)
class Query:
    """A query of the library with its parsed header."""

    name: str
    path: Path
    text: str
    title: str
    question: str
    returns: str
    example: str
    tags: tuple[str, ...]
    params: tuple[Parameter, ...] = field(default=())

    def example_params(self) -> dict[str, str]:
        """The ``-p NAME=VALUE`` parameters of the header's example command."""
        params = {}
        for flag, value in itertools.pairwise(shlex.split(self.example)):
            if flag in ("-p", "--param") and "=" in value:
                key, _, val = value.partition("=")
                params[key] = val
        return params

    def bindings(
        self, given: Mapping[str, str | Bindable], resolve: Resolver | None = None
    ) -> dict[str, Bindable]:
        """Check ``given`` against the declared parameters and return the terms to bind.

        With ``resolve``, each given node is looked up in the graph first: a label names
        it too, and a node that is not there (or not of the declared class) is an error."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise BadParameter(
                f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})"
            )
        bound: dict[str, Bindable] = {}
        for param in self.params:
            if param.name in given:
                value = given[param.name]
                if resolve is not None and param.type == "iri":
                    from ..engines.terms import lexical

                    where = f"parameter {param.name!r} of query {self.name!r}"
                    value = resolve(lexical(value), to_iri(param.cls or ""), where)
                bound[param.name] = param.coerce(value, self.name)
            elif param.required:
                raise MissingParameter(
                    f"query {self.name!r} needs parameter {param.name!r} ({param.kind}): "
                    f"{param.doc or 'see naravard-kg queries'}"
                )
            elif param.default is not None:
                bound[param.name] = param.coerce(param.default, self.name)
        return bound


def parse_query_file(path: Path) -> Query:
    """Read a ``.rq`` file and parse its header; ``InputFileError`` if the header is bad."""
    text = read_text(path)
    header: dict[str, str] = {}
    params: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "param":
            spec = _PARAM.match(value)
            if not spec or spec.group("type").lower() not in PARAM_TYPES:
                raise InputFileError(
                    str(path),
                    f"bad param line {value!r}: expected 'NAME TYPE required|optional|"
                    f"default=VALUE description' with TYPE one of {', '.join(PARAM_TYPES)} "
                    "(an iri may name its class: iri(nv:Region))",
                    number,
                )
            need = spec.group("need").lower()
            cls = spec.group("cls")
            if cls is not None and (spec.group("type").lower() != "iri" or to_iri(cls) is None):
                raise InputFileError(
                    str(path), f"bad param line {value!r}: {cls!r} is not a class IRI", number
                )
            params.append(
                Parameter(
                    name=spec.group("name"),
                    type=spec.group("type").lower(),
                    default=need.split("=", 1)[1] if need.startswith("default=") else None,
                    doc=spec.group("doc"),
                    optional=need == "optional",
                    cls=cls,
                )
            )
        else:
            header[key] = value
    missing = [key for key in REQUIRED_HEADER_KEYS if key not in header]
    if missing:
        raise InputFileError(
            str(path),
            f"query header lacks {', '.join(repr(k + ':') for k in missing)} "
            "(every query starts with '# title:', '# question:', '# returns:', "
            "'# example:' and '# tags:' lines)",
            1,
        )
    return Query(
        name=path.stem,
        path=path,
        text=text,
        title=header["title"],
        question=header["question"],
        returns=header["returns"],
        example=header["example"],
        tags=tuple(t.strip() for t in header["tags"].split(",") if t.strip()),
        params=tuple(params),
    )


def _need(param: Parameter) -> str:
    if param.optional:
        return "optional"
    return "required" if param.default is None else f"default {param.default}"


class Catalogue:
    """All queries of a folder (not its ``checks/`` subfolder), by name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        files = sorted(folder.glob("*.rq"))
        if not files:
            raise InputFileError(str(folder), "no queries here (*.rq files)")
        self._queries = {q.name: q for q in map(parse_query_file, files)}

    def __iter__(self) -> Iterator[Query]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def markdown(self) -> str:
        """The catalogue as a Markdown table (the README's is generated by this)."""
        lines = ["| query | question | parameters |", "|---|---|---|"]
        for q in self:
            params = ", ".join(f"`{p.name}` ({p.kind}, {_need(p)})" for p in q.params)
            lines.append(f"| `{q.name}` | {q.question} | {params or '–'} |")
        return "\n".join(lines) + "\n"

    def get(self, name: str) -> Query:
        """The query called ``name``; ``QueryNotFound`` with close names if there is none."""
        try:
            return self._queries[name]
        except KeyError:
            close = [n for n in self._queries if name in n or n in name]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise QueryNotFound(
                f"no query named {name!r} in {self.folder}{hint} "
                "(list them with: naravard-kg queries)"
            ) from None
