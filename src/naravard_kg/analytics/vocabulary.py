"""The closed-world check of the vocabulary: every predicate, class and datatype that the
data files use is defined, by the ontology (its own terms and the reused terms it
declares) or as one of the terms of RDF, RDFS, OWL and XML Schema themselves.

A misspelt term (``nv:targetGrop`` for ``nv:targetGroup``) is valid RDF and passes every
shape that does not look for it; this check names the file, the node and the term, and the
defined term it is closest to.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterator, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from ..core.rows import Rows
from ..core.terms import term_to_value

DECLARED_AS: dict[str, tuple[URIRef, ...]] = {
    "predicate": (
        RDF.Property,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
    ),
    "class": (OWL.Class, RDFS.Class),
    "datatype": (RDFS.Datatype,),
}
"""The declarations that define a term for each use."""
BUILT_IN = (RDF, RDFS, OWL, XSD)
"""The vocabularies whose own terms need no declaration (rdflib knows their terms, so a
misspelt ``rdfs:lable`` is not one of them)."""
CHECK_NAME = "undefined-term-violation"
"""The check's name among the quality checks (``KnowledgeGraph.run_checks``)."""
COLUMNS = ["file", "node", "use", "term", "closest"]


def defined_terms(ontology: Graph, use: str) -> set[URIRef]:
    """The terms the ontology declares for ``use`` (``predicate``, ``class``, ``datatype``)."""
    return {
        term
        for kind in DECLARED_AS[use]
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef)
    }


def _is_built_in(term: URIRef) -> bool:
    return any(term in vocabulary for vocabulary in BUILT_IN)


def _uses(data: Graph) -> Iterator[tuple[Node, str, URIRef]]:
    """Each (node, use, term) of the data: its predicates, classes and literal datatypes."""
    for subject, predicate, value in data:
        yield subject, "predicate", predicate  # type: ignore[misc]
        if predicate == RDF.type and isinstance(value, URIRef):
            yield subject, "class", value
        elif isinstance(value, Literal) and value.datatype is not None:
            yield subject, "datatype", value.datatype


def _states(graph: Graph, node: Node, use: str, term: URIRef) -> bool:
    """Whether ``graph`` has ``node`` use ``term`` as ``use``."""
    if use == "predicate":
        return (node, term, None) in graph
    if use == "class":
        return (node, RDF.type, term) in graph
    return any(
        isinstance(value, Literal) and value.datatype == term for value in graph.objects(node)
    )


def undefined_terms(
    ontology: Graph,
    data: Graph,
    source_files: Mapping[Node, tuple[str, ...]],
    read_file: Callable[[str], Graph],
) -> Rows:
    """One row per file, node and term the data uses but nothing defines, sorted; empty when
    every term is defined. ``closest`` is the defined term whose name is nearest, if any.

    A node said in several files is listed with the files that use the term, which
    ``read_file`` (a name of ``source_files`` to its triples) tells."""
    defined = {use: defined_terms(ontology, use) for use in DECLARED_AS}
    undefined = {
        (node, use, term)
        for node, use, term in _uses(data)
        if term not in defined[use] and not _is_built_in(term)
    }
    read = functools.cache(read_file)
    rows = []
    for node, use, term in undefined:
        names = {str(known): known for known in defined[use]}
        closest = difflib.get_close_matches(str(term), names, n=1)
        files = source_files.get(node, ())
        if len(files) > 1:
            files = tuple(name for name in files if _states(read(name), node, use, term))
        for file in files or (None,):
            rows.append(
                {
                    "file": file,
                    "node": term_to_value(node),
                    "use": use,
                    "term": term_to_value(term),
                    "closest": term_to_value(names[closest[0]]) if closest else None,
                }
            )
    rows.sort(key=lambda row: tuple(str(row[column] or "") for column in COLUMNS))
    return Rows(COLUMNS, rows)
