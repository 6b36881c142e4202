"""The project's prefixes as plain text: prefixed names to IRIs and back, and PREFIX lines.

No RDF library is imported here, so a query answered from the built store never loads
rdflib; ``namespaces`` makes rdflib namespaces of the same table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

INSTANCE_KINDS: dict[str, str] = {
    "actor": "actor",
    "area": "priority-area",
    "body": "body",
    "county": "county",
    "doc": "document",
    "doctype": "document-type",
    "ev": "evidence",
    "goal": "goal",
    "init": "initiative",
    "item": "plan-item",
    "level": "level",
    "mship": "membership",
    "obs": "observation",
    "orgid": "org",
    "post": "post",
    "principle": "principle",
    "resp": "responsibility",
    "role": "role",
    "scheme": "scheme",
    "seckind": "section-kind",
    "status": "status",
    "system": "system",
    "task": "task",
    "theme": "theme",
    "tg": "target-group",
}
"""One prefix per kind of instance: Turtle and SPARQL local names may not contain "/", so
``nvid:initiative/mod-demensteam`` is written ``init:mod-demensteam`` in files."""

INSTANCES = "https://w3id.org/naravard/id/"

NAMESPACE_IRIS: dict[str, str] = {
    "nv": "https://w3id.org/naravard/ontology#",
    "nvid": INSTANCES,
    "nvsh": "https://w3id.org/naravard/shapes#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "cv": "http://data.europa.eu/m8g/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "vann": "http://purl.org/vocab/vann/",
    "freq": "http://publications.europa.eu/resource/authority/frequency/",
    "sh": "http://www.w3.org/ns/shacl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    **{prefix: f"{INSTANCES}{kind}/" for prefix, kind in INSTANCE_KINDS.items()},
}
"""Every prefix the project's files, queries and outputs use, with its namespace IRI."""

BAD_IRI_CHARS = re.compile(r'[\s\x00-\x20\x7f<>"{}|^`\\]')
"""Characters an IRI may not hold (RFC 3987 and the Turtle and N-Triples grammars): white
space, control characters and ``<>"{}|^`\\``."""

# The longest namespace first, so an IRI gets the most specific prefix.
_LONGEST_FIRST = sorted(NAMESPACE_IRIS.items(), key=lambda item: -len(item[1]))


PREFIX_SYNTAXES: dict[str, str] = {
    "sparql": "PREFIX {prefix}: <{iri}>\n",
    "turtle": "@prefix {prefix}: <{iri}> .\n",
}
"""How a prefix is declared in SPARQL and in Turtle, one line each."""


def prefix_lines(prefixes: Iterable[str] = NAMESPACE_IRIS, syntax: str = "sparql") -> str:
    """The declarations of ``prefixes`` (default: all) in ``syntax``, in the table's order."""
    wanted, line = set(prefixes), PREFIX_SYNTAXES[syntax]
    return "".join(
        line.format(prefix=p, iri=iri) for p, iri in NAMESPACE_IRIS.items() if p in wanted
    )


def sparql_prologue(prefixes: Iterable[str] = NAMESPACE_IRIS) -> str:
    """The PREFIX lines of ``prefixes``, in the table's order: those a ``.rq`` file uses are
    the lines it declares; all of them (the default) precede the queries written in Python
    or typed into ``kg.sparql``, and ``naravard-kg prefixes`` prints them."""
    return prefix_lines(prefixes, "sparql")


def expand_curie(text: str) -> str | None:
    """Expand ``init:x`` or ``nvid:initiative/x`` to a full IRI; ``None`` for unknown prefixes."""
    prefix, sep, local = text.partition(":")
    if not sep or prefix not in NAMESPACE_IRIS or local.startswith("//"):
        return None
    return NAMESPACE_IRIS[prefix] + local


def to_iri(text: str) -> str | None:
    """A full ``http(s)://`` IRI as it is, a prefixed name (``init:x``) expanded, else
    ``None``: the one way every part reads a node named by a person."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    return expand_curie(text)


def compact_iri(iri: str) -> str:
    """``iri`` as a prefixed name where a project prefix fits (the longest one), else as it is."""
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
