"""The documentation of the ontology, ``ontology.html``: every ``nv:`` term with its labels
and definitions in Swedish and English, offline, the same bytes every time, linked from
the report."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import PROJECT, Build
from rdflib import ORG, OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

import naravard_kg
from naravard_kg.core.namespaces import NV
from naravard_kg.errors import MissingExtra, OutputError, RootError
from naravard_kg.views.ontology_docs import import_pylode, ontology_html

DOCUMENTED_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
)
ENTITY = re.compile(r'<div class="property entity" id="([^"]+)">')


def _terms(ontology: Graph) -> list[URIRef]:
    """The classes, properties and datatypes the ontology defines in the ``nv:`` namespace."""
    return sorted(
        {
            term
            for kind in DOCUMENTED_TYPES
            for term in ontology.subjects(RDF.type, kind)
            if isinstance(term, URIRef) and term.startswith(NV)
        }
    )


def _text(fragment: str) -> str:
    """The visible text of an HTML fragment, with its whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _entities(page: str) -> dict[str, tuple[str, str]]:
    """Each term's block on the page, by IRI: its anchor and its text."""
    starts = [(match.start(), match.group(1)) for match in ENTITY.finditer(page)]
    ends = [start for start, _ in starts[1:]] + [len(page)]
    blocks = {}
    for (start, anchor), end in zip(starts, ends, strict=True):
        block = page[start:end]
        iri = re.search(r"<code>([^<]+)</code>", block)
        assert iri, block[:200]
        blocks[html.unescape(iri.group(1))] = (anchor, _text(block))
    return blocks


def _missing(ontology: Graph, page: str) -> list[str]:
    """What the page lacks of each ``nv:`` term: the term itself, a label or a definition."""
    entities = _entities(page)
    missing = []
    for term in _terms(ontology):
        if str(term) not in entities:
            missing.append(f"{term}: no block")
            continue
        _, text = entities[str(term)]
        for predicate in (RDFS.label, SKOS.definition):
            for language in ("sv", "en"):
                values = [v for v in ontology.objects(term, predicate) if v.language == language]
                if not values:
                    missing.append(f"{term}: no {predicate} in {language} in the ontology")
                missing += [
                    f"{term}: {predicate}@{language} {value}"
                    for value in values
                    if " ".join(str(value).split()) not in text
                ]
    return missing


@pytest.fixture(scope="module")
def page(kg: naravard_kg.KnowledgeGraph) -> str:
    """The page of the checkout's ontology."""
    return ontology_html(kg.ontology)


def test_every_term_is_shown_with_both_labels_and_definitions(
    kg: naravard_kg.KnowledgeGraph, page: str
):
    assert _terms(kg.ontology), "the test finds no nv: terms"
    assert _missing(kg.ontology, page) == []


def test_each_term_has_the_anchor_of_its_local_name(kg: naravard_kg.KnowledgeGraph, page: str):
    entities = _entities(page)
    anchors = {str(term): entities[str(term)][0] for term in _terms(kg.ontology)}
    assert anchors == {iri: iri.removeprefix(str(NV)) for iri in anchors}
    assert 'href="#Responsibility"' in page


def test_each_definition_says_its_language(page: str):
    _, text = _entities(page)[str(NV.Actor)]
    assert "aktör (sv) · actor (en)" in text
    assert re.search(r"sv: Den som kan ha ansvar.*en: Whoever can hold", text)


def test_terms_added_to_the_ontology_appear(kg: naravard_kg.KnowledgeGraph, page: str):
    """A new ``nv:`` term with its labels and definitions, and a reused term declared, with
    the anchor of its prefixed name."""
    ontology = Graph()
    ontology += kg.ontology
    ontology.add((ORG.memberOf, RDF.type, OWL.ObjectProperty))
    term = NV.ExtraTerm
    ontology.add((term, RDF.type, OWL.ObjectProperty))
    ontology.add((term, RDFS.label, Literal("extra term på svenska", lang="sv")))
    ontology.add((term, RDFS.label, Literal("extra term in English", lang="en")))
    ontology.add((term, SKOS.definition, Literal("En definition & <mer>.", lang="sv")))
    ontology.add((term, SKOS.definition, Literal("A definition & <more>.", lang="en")))
    assert len(_missing(ontology, page)) == 1  # the page of the ontology without it
    extended = ontology_html(ontology)
    assert _missing(ontology, extended) == []
    assert _entities(extended)[str(ORG.memberOf)][0] == "org-memberOf"


class _References(HTMLParser):
    """The ``src`` and ``href`` of the page's scripts, stylesheets, icons and images."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "img"):
            self.references += [v or "" for k, v in attrs if k in ("src", "href")]


def test_the_page_loads_nothing_from_the_network(page: str):
    parser = _References()
    parser.feed(page)
    assert parser.references  # the icons, as data: URIs
    assert [r for r in parser.references if re.match(r"(https?:)?//", r)] == []
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)


def test_making_the_page_needs_no_network(
    kg: naravard_kg.KnowledgeGraph, page: str, monkeypatch: pytest.MonkeyPatch
):
    def unreachable(*args: object, **kwargs: object) -> None:
        raise OSError("network unreachable")

    monkeypatch.setattr(socket.socket, "connect", unreachable)
    monkeypatch.setattr(socket, "create_connection", unreachable)
    monkeypatch.setattr(socket, "getaddrinfo", unreachable)
    assert ontology_html(kg.ontology) == page


def test_two_pages_are_byte_identical_and_the_ontology_is_left_unchanged(
    kg: naravard_kg.KnowledgeGraph, page: str
):
    before = set(kg.ontology)
    assert ontology_html(kg.ontology) == page
    assert set(kg.ontology) == before


def test_importing_pylode_leaves_the_logging_setup_alone():
    """pyLODE's import calls ``logging.basicConfig(level=DEBUG)``; a fresh process shows
    whether the root logger is as it was."""
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from rdflib import Graph\n"
        "from naravard_kg.views.ontology_docs import import_pylode, ontology_html\n"
        "ontology = Graph()\n"
        "for path in sorted(Path(sys.argv[1]).glob('*.ttl')):\n"
        "    ontology.parse(path)\n"
        "ontology_html(ontology)\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), logging.getLevelName(root.level))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(PROJECT / "ontology")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "0 WARNING\n"
    assert done.stderr == ""


def test_an_ontology_without_a_title_is_refused(kg: naravard_kg.KnowledgeGraph):
    ontology = Graph()
    ontology += kg.ontology
    ontology.remove((None, RDF.type, OWL.Ontology))
    with pytest.raises(RootError, match=r"no owl:Ontology with a title .*ontology\.html"):
        ontology_html(ontology)


def test_a_pylode_that_cannot_write_its_cache_is_named(
    kg: naravard_kg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
):
    ontpub = import_pylode().profiles.ontpub

    def unwritable() -> None:
        raise PermissionError(13, "Permission denied", "/usr/lib/pylode/rdf/refs.pickle")

    monkeypatch.setattr(ontpub, "load_background_onts", unwritable)
    with pytest.raises(OutputError, match=r"/usr/lib/pylode/rdf/refs.pickle: Permission denied"):
        ontology_html(kg.ontology)


def test_without_pylode_the_docs_extra_is_named(
    kg: naravard_kg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "pylode", None)
    with pytest.raises(MissingExtra, match=r"pip install 'naravard-kg\[docs\]'"):
        ontology_html(kg.ontology)


def test_the_build_writes_the_page_and_the_report_links_to_it(built: Build, page: str):
    assert (built.out / "ontology.html").read_text(encoding="utf-8") == page
    report = (built.out / "report.html").read_text(encoding="utf-8")
    assert '<a href="ontology.html">ontologins dokumentation</a>' in report
    markdown = (built.out / "report.md").read_text(encoding="utf-8")
    assert "[ontologins dokumentation](ontology.html)" in markdown
