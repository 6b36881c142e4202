"""The documentation of the ontology as one HTML page, ``ontology.html``, made by pyLODE's
OntPub profile: every class, property and datatype with its labels and definitions in
Swedish and English, the ontology's metadata and its namespaces.

pyLODE is used as it is; what it gets is a prepared copy of the ontology, because of these
known problems of pyLODE 3.3.4 (3.4.1, which cannot be imported from its wheel
because it reads its version from a ``pyproject.toml`` the wheel lacks, is not used):

- It knows no languages (pyLODE issues #18 and #213): every ``rdfs:label`` becomes one
  more title, so a term's heading runs its labels together ("aktöractor"), its anchor and
  the text of links to it come from whichever label comes first, and its definitions are
  listed with no language. The copy gives each term one ``dcterms:title``, "aktör (sv) ·
  actor (en)", and one ``dcterms:description`` whose paragraphs start with their language,
  Swedish first; the anchors are set to the terms' local names (``#Actor``).
- It has no section for datatypes: ``rdfs:Datatype`` terms (every datatype is an RDFS
  class) are also typed ``owl:Class`` in the copy, with a scope note saying what they are.
- It sets up logging: its import calls ``logging.basicConfig(level=DEBUG)``, and so do its
  calls of ``logging.info``. While it runs, the root logger has a handler, which makes
  those calls do nothing (``_logging_kept``).
- On first use it writes a cache (``refs.pickle``) into its own package folder: where that
  folder cannot be written, the error says so (``OutputError``) instead of a traceback.
- It renders descriptions as Markdown that may hold HTML: the copy's definitions are
  escaped, so they show as written.

The page is the same bytes for the same ontology: blank nodes are given canonical names
and pyLODE sorts the triples. It opens offline: pyLODE gets a graph, never a path or URL
(it would fetch those), inlines its stylesheet and icons, and the page's only script is
its JSON-LD metadata; references to other vocabularies are plain links.
"""

from __future__ import annotations

import html
import importlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from rdflib import DC, DCTERMS, OWL, RDF, RDFS, SDO, SKOS, Graph, Literal, Node, URIRef
from rdflib.compare import to_canonical_graph

from ..core.extras import needs
from ..core.namespaces import new_graph
from ..core.prefixes import compact_iri
from ..errors import OutputError, RootError

PAGE = "ontology.html"
"""The name of the page in a build's folder, beside the report that links to it."""
TITLES = (DCTERMS.title, RDFS.label, SKOS.prefLabel, DC.title, SDO.name)
"""What pyLODE reads as a title, the first that a term has being the one shown."""
DESCRIPTIONS = (SKOS.definition, DCTERMS.description, RDFS.comment, DC.description, SDO.description)
"""What pyLODE reads as a description; all that a term has are shown."""
LANGUAGES = ("sv", "en")
"""The languages shown first, in this order; others follow in alphabetical order."""
MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
"""The characters Markdown gives a meaning, each escaped with a backslash."""
DATATYPE_NOTE = "A datatype (rdfs:Datatype)."
"""The scope note of a datatype, which the page lists among the classes."""


@contextmanager
def _logging_kept() -> Iterator[None]:
    """Keep pyLODE from setting up logging: meanwhile the root logger has a handler (the one
    Python uses when there is none, unless it has its own), so ``logging.basicConfig``
    does nothing; the levels of the root logger and of httpcore are put back."""
    root, httpcore = logging.getLogger(), logging.getLogger("httpcore")
    levels = root.level, httpcore.level
    stand_in = None if root.handlers else (logging.lastResort or logging.NullHandler())
    if stand_in is not None:
        root.addHandler(stand_in)
    try:
        yield
    finally:
        if stand_in is not None:
            root.removeHandler(stand_in)
        root.setLevel(levels[0])
        httpcore.setLevel(levels[1])


def import_pylode() -> ModuleType:
    """The ``pylode`` package, imported without its logging set-up (see above)."""
    with _logging_kept():
        return importlib.import_module("pylode")


def _language_key(literal: Literal) -> tuple[int, str]:
    language = literal.language or ""
    rank = LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)
    return rank, language


def _in_order(values: list[Node]) -> list[Literal]:
    """The literals of ``values`` without repeats, by language (``LANGUAGES`` first), then
    text."""
    literals = {value for value in values if isinstance(value, Literal)}
    return sorted(literals, key=lambda literal: (_language_key(literal), str(literal)))


def bilingual_title(labels: list[Node]) -> str:
    """One title from ``labels``: each text once, followed by its languages, Swedish first:
    ``aktör (sv) · actor (en)``, ``region (sv, en)``."""
    languages: dict[str, list[str]] = {}
    for label in _in_order(labels):
        languages.setdefault(str(label), []).append(label.language or "")
    return " · ".join(
        f"{text} ({', '.join(tags)})" if any(tags) else text for text, tags in languages.items()
    )


def markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it as written: HTML and Markdown's marks escaped."""
    return MARKDOWN_MARKS.sub(r"\\\1", html.escape(text, quote=False))


def bilingual_description(texts: list[Node]) -> str:
    """One Markdown description of ``texts``: a paragraph each, starting with its
    language in bold, Swedish first."""
    return "\n\n".join(
        f"**{text.language}:** {markdown_text(text)}" if text.language else markdown_text(text)
        for text in _in_order(texts)
    )


def _first_titles(graph: Graph, subject: Node) -> list[Node]:
    for predicate in TITLES:
        titles = list(graph.objects(subject, predicate))
        if titles:
            return titles
    return []


def documented_graph(ontology: Graph) -> Graph:
    """A copy of ``ontology`` prepared for pyLODE (see the module's docstring): canonical
    blank nodes, one bilingual title and description per subject, datatypes as classes."""
    canonical = to_canonical_graph(ontology)
    graph = new_graph()
    for triple in canonical:
        graph.add(triple)
    for subject in set(graph.subjects()):
        titles = _first_titles(graph, subject)
        texts = [text for predicate in DESCRIPTIONS for text in graph.objects(subject, predicate)]
        for predicate in (*TITLES, *DESCRIPTIONS):
            graph.remove((subject, predicate, None))
        if titles:
            graph.add((subject, DCTERMS.title, Literal(bilingual_title(titles))))
        if texts:
            graph.add((subject, DCTERMS.description, Literal(bilingual_description(texts))))
    for datatype in set(graph.subjects(RDF.type, RDFS.Datatype)):
        if isinstance(datatype, URIRef):
            graph.add((datatype, RDF.type, OWL.Class))
            graph.add((datatype, SKOS.scopeNote, Literal(DATATYPE_NOTE)))
    return graph


def _anchor(term: URIRef) -> str | None:
    """``term``'s anchor: ``Actor`` for ``nv:Actor``, ``org-memberOf`` for ``org:memberOf``;
    ``None`` for a term no project prefix fits."""
    compact = compact_iri(str(term))
    prefix, _, name = compact.partition(":")
    if compact == str(term) or not name:
        return None
    return name if prefix == "nv" else f"{prefix}-{name}"


def anchors(graph: Graph) -> dict[str, str]:
    """The page's anchor of each term of ``graph`` (``_anchor``); a term that would share
    one with another gets pyLODE's."""
    terms: dict[str, list[str]] = {}
    for term in set(graph.subjects()):
        anchor = _anchor(term) if isinstance(term, URIRef) else None
        if anchor is not None:
            terms.setdefault(anchor, []).append(str(term))
    return {iris[0]: anchor for anchor, iris in sorted(terms.items()) if len(iris) == 1}


def _require_title(graph: Graph) -> None:
    """``RootError`` unless ``graph`` has an ``owl:Ontology`` with a title (pyLODE's
    heading and the page's title)."""
    if not any(graph.value(node, DCTERMS.title) for node in graph.subjects(RDF.type, OWL.Ontology)):
        raise RootError(
            "the ontology declares no owl:Ontology with a title (dcterms:title or rdfs:label), "
            f"which its documentation ({PAGE}) is headed with"
        )


@needs("docs")
def ontology_html(ontology: Graph) -> str:
    """The HTML page documenting ``ontology`` (left unchanged); ``RootError`` when it has no
    ``owl:Ontology`` with a title, ``OutputError`` when pyLODE cannot write its cache."""
    graph = documented_graph(ontology)
    _require_title(graph)
    pylode = import_pylode()
    with _logging_kept():
        try:
            page = pylode.OntPub(graph, sort_subjects=True)
        except PermissionError as exc:
            raise OutputError(
                f"pyLODE cannot write its cache of the vocabularies it describes terms with, "
                f"{exc.filename}: {exc.strerror}; make one build as the user who installed it"
            ) from None
        page.fids.update(anchors(graph))
        return str(page.make_html())
