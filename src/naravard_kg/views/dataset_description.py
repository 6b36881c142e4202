"""The build's description of itself: ``dataset.ttl`` for data portals (DCAT-AP-SE, which
conforms to the DCAT-AP 3.0.0 shapes on its own) and ``void.ttl`` for linked-data tools
(VoID).

What changes with the data is read from the graph: the counties it covers, the source
documents and the dates they state, the vocabularies it uses, its size. What changes
with the build is passed in: the files written (one distribution each, with its size),
and where the user publishes them and the SPARQL endpoint. Nothing depends on the clock,
so two builds of the same inputs write the same bytes.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import split_uri
from rdflib.term import Node

from ..core.defaults import PROJECT_URL, Publication
from ..core.namespaces import NVID, PREFIXES, new_graph
from ..core.version import __version__
from ..errors import BadParameter
from ..library.reader import GraphReader, column
from .rdf_export import write_graph

DCAT = PREFIXES["dcat"]
DCTERMS = PREFIXES["dcterms"]
FOAF = PREFIXES["foaf"]
PROV = PREFIXES["prov"]
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
VOID = Namespace("http://rdfs.org/ns/void#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(f"{EU}data-theme/")
FILE_TYPE = Namespace(f"{EU}file-type/")
LANGUAGE = Namespace(f"{EU}language/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
EXTRA_PREFIXES = {
    "vcard": str(VCARD),
    "void": str(VOID),
    "theme": str(THEME),
    "filetype": str(FILE_TYPE),
    "lang": str(LANGUAGE),
    "country": f"{EU}country/",
    "licence": f"{EU}licence/",
    "publishertype": str(PUBLISHER_TYPE),
}
"""The prefixes of the descriptions besides the project's own."""

CATALOG = NVID["catalog"]
DATASET = NVID["dataset"]
SERVICE = NVID["sparql-service"]
PUBLISHER = NVID["publisher"]
CONTACT = NVID["contact"]
ONTOLOGY = URIRef("https://w3id.org/naravard/ontology")
SWEDEN = URIRef(f"{EU}country/SWE")
LICENCE = URIRef(f"{EU}licence/CC_BY_4_0")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
THEME_SCHEME = URIRef(f"{EU}data-theme")

TITLE = {
    "sv": "Styrningen av god och nära vård i Sveriges regioner: en kunskapsgraf",
    "en": "How Swedish regions govern good and close care: a knowledge graph",
}
DESCRIPTION = {
    "sv": "Hur regioner och kommuner styr omställningen till god och nära vård: vem som "
    "sitter i vilket organ, vem som ansvarar för vad och svarar inför vem, vilka initiativ "
    "en plan prioriterar och vad som ändrats mellan versioner. Varje uppgift bär citatet "
    "ur källdokumentet den kommer från.",
    "en": "How Swedish regions and municipalities govern the transition to good and close "
    "care (god och nära vård): who sits in which body, who is responsible for what and "
    "answers to whom, which initiatives a plan prioritises and what changed between "
    "versions. Every fact carries the passage of the source document it comes from.",
}
CATALOG_TITLE = {"sv": "Katalogen för naravard-kg", "en": "The naravard-kg catalogue"}
CATALOG_DESCRIPTION = {
    "sv": "Kunskapsgrafen naravard-kg: dess filer och dess SPARQL-tjänst.",
    "en": "The naravard-kg knowledge graph: its files and its SPARQL service.",
}
SERVICE_TITLE = {"sv": "SPARQL-tjänst för naravard-kg", "en": "naravard-kg SPARQL endpoint"}
PROVENANCE = {
    "sv": "Uppgifterna är handskrivna ur källdokumenten, var och en med citatet den bygger "
    "på (kontrollerat mot texten vid varje bygge), och ur SCB:s läns- och kommunkoder; "
    "slutsatser av OWL 2 RL och projektets regler hålls isär från de uppgifter filerna anger.",
    "en": "The facts are written by hand from the source documents, each with the quote it "
    "rests on (checked against the text at every build), and from SCB's county and "
    "municipality codes; what OWL 2 RL and the project's rules infer is kept apart from "
    "what the files state.",
}
KEYWORDS = {
    "sv": ("god och nära vård", "nära vård", "primärvård", "regioner", "kommuner", "styrning",
           "kunskapsgraf"),
    "en": ("good and close care", "primary care", "regions", "municipalities", "governance",
           "knowledge graph"),
}  # fmt: skip
THEMES = {
    "HEAL": {"sv": "Hälsa", "en": "Health"},
    "GOVE": {"sv": "Regeringen och den offentliga sektorn", "en": "Government and public sector"},
    "REGI": {"sv": "Regioner och städer", "en": "Regions and cities"},
}
"""The EU data themes of the dataset, with their labels in the EU vocabulary."""
LANGUAGES = {"SWE": {"sv": "svenska", "en": "Swedish"}, "ENG": {"sv": "engelska", "en": "English"}}


@dataclass(frozen=True)
class FileType:
    """How a data portal names a kind of file: EU file type and IANA media type."""

    code: str
    media_type: str


FILE_TYPES = {
    ".ttl": FileType("RDF_TURTLE", "text/turtle"),
    ".jsonld": FileType("JSON_LD", "application/ld+json"),
    ".graphml": FileType("XML", "application/xml"),
    ".gexf": FileType("XML", "application/xml"),
    ".html": FileType("HTML", "text/html"),
    ".csv": FileType("CSV", "text/csv"),
}
"""The files of a build that are distributions, by suffix. GraphML and GEXF have no code
of their own in the EU file-type table nor an IANA media type: they are XML."""
DESCRIPTIONS = ("dataset.ttl", "void.ttl")
"""The descriptions themselves, which are not distributions of the data."""
DOCUMENTATION = "ontology.html"
"""The documentation of the ontology: a page about the dataset (``foaf:page``), not a
distribution of its data."""

SOURCES = """SELECT DISTINCT ?document ?label WHERE {
  ?document a nv:Document ; nv:sourceFile ?file ; rdfs:label ?label .
}"""
"""The documents the graph is written from, with their labels."""
SOURCE_DATES = """SELECT ?document ?date WHERE {
  ?document a nv:Document ; nv:sourceFile ?file .
  { ?document dcterms:date|dcterms:dateAccepted|dcterms:issued ?date }
  UNION { ?document dcterms:temporal/(dcat:startDate|dcat:endDate) ?date }
}"""
"""Every date or year a source document states: its date, adoption and period of validity."""
COUNTIES = """SELECT ?county ?label WHERE { ?county a nv:County ; rdfs:label ?label }"""
"""The counties of the graph, with their labels."""
TERMS = """SELECT DISTINCT ?term WHERE {
  { ?s ?term ?o } UNION { ?s a ?term FILTER(isIRI(?term)) }
}"""
"""Every property and class the graph uses."""


def _download(publication: Publication, name: str) -> URIRef:
    return URIRef(publication.download(name))


def _texts(graph: Graph, node: URIRef, predicate: URIRef, texts: Mapping[str, str]) -> None:
    for language, text in texts.items():
        graph.add((node, predicate, Literal(text, lang=language)))


def _typed(graph: Graph, node: URIRef, *classes: URIRef) -> URIRef:
    for cls in classes:
        graph.add((node, RDF.type, cls))
    return node


def _days(value: Literal, document: Node) -> tuple[date, date]:
    """The first and last day of a date, year or year and month."""
    text = str(value)
    if value.datatype in (XSD.date, XSD.dateTime):
        day = date.fromisoformat(text[:10])
        return day, day
    if value.datatype == XSD.gYearMonth:
        year, month = int(text[:4]), int(text[5:7])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if value.datatype == XSD.gYear:
        return date(int(text[:4]), 1, 1), date(int(text[:4]), 12, 31)
    raise BadParameter(f"{document} states the date {text!r}, which is not a date or a year")


def coverage_period(reader: GraphReader) -> tuple[date, date] | None:
    """The first and the last day the source documents' dates and periods reach (``None``
    when they state none)."""
    spans = [_days(row["date"], row["document"]) for row in reader.select(SOURCE_DATES)]  # type: ignore[arg-type]
    if not spans:
        return None
    return min(first for first, _ in spans), max(last for _, last in spans)


def _concepts(graph: Graph, scheme: URIRef, concepts: Mapping[URIRef, Mapping[str, str]]) -> None:
    for concept, labels in concepts.items():
        _typed(graph, concept, SKOS.Concept)
        graph.add((concept, SKOS.inScheme, scheme))
        _texts(graph, concept, SKOS.prefLabel, labels)


def _catalog(graph: Graph) -> None:
    _typed(graph, CATALOG, DCAT.Catalog)
    _texts(graph, CATALOG, DCTERMS.title, CATALOG_TITLE)
    _texts(graph, CATALOG, DCTERMS.description, CATALOG_DESCRIPTION)
    for predicate, obj in (
        (DCTERMS.publisher, PUBLISHER),
        (DCAT.dataset, DATASET),
        (DCAT.service, SERVICE),
        (DCTERMS.license, LICENCE),
        (DCAT.themeTaxonomy, THEME_SCHEME),
        (FOAF.homepage, _typed(graph, URIRef(PROJECT_URL), FOAF.Document)),
    ):
        graph.add((CATALOG, predicate, obj))
    _typed(graph, THEME_SCHEME, SKOS.ConceptScheme)
    graph.add((THEME_SCHEME, DCTERMS.title, Literal("Data theme", lang="en")))
    for code, labels in LANGUAGES.items():
        language = _typed(graph, LANGUAGE[code], DCTERMS.LinguisticSystem)
        _texts(graph, language, RDFS.label, labels)
        graph.add((CATALOG, DCTERMS.language, language))


def _agents(graph: Graph) -> None:
    _typed(graph, PUBLISHER, FOAF.Agent, FOAF.Organization)
    graph.add((PUBLISHER, FOAF.name, Literal("The naravard-kg authors")))
    kind = PUBLISHER_TYPE.NonProfitOrganisation
    graph.add((PUBLISHER, DCTERMS.type, kind))
    _typed(graph, kind, SKOS.Concept)
    graph.add((kind, SKOS.prefLabel, Literal("Non-Profit Organisation", lang="en")))
    _typed(graph, CONTACT, VCARD.Kind, VCARD.Organization)
    graph.add((CONTACT, VCARD.fn, Literal("The naravard-kg authors")))
    graph.add((CONTACT, VCARD.hasURL, URIRef(PROJECT_URL)))
    _typed(graph, LICENCE, DCTERMS.LicenseDocument)
    graph.add((LICENCE, RDFS.label, Literal("Creative Commons Attribution 4.0 International")))


def _coverage(graph: Graph, reader: GraphReader) -> None:
    """Sweden and its counties, and the period the source documents speak of."""
    _typed(graph, SWEDEN, DCTERMS.Location)
    _texts(graph, SWEDEN, RDFS.label, {"sv": "Sverige", "en": "Sweden"})
    graph.add((DATASET, DCTERMS.spatial, SWEDEN))
    for row in reader.select(COUNTIES):
        county = _typed(graph, row["county"], DCTERMS.Location)  # type: ignore[arg-type]
        graph.add((county, RDFS.label, row["label"]))  # type: ignore[arg-type]
        graph.add((DATASET, DCTERMS.spatial, county))
    period = coverage_period(reader)
    if period is not None:
        temporal = _typed(graph, NVID["dataset/period"], DCTERMS.PeriodOfTime)
        graph.add((temporal, DCAT.startDate, Literal(period[0], datatype=XSD.date)))
        graph.add((temporal, DCAT.endDate, Literal(period[1], datatype=XSD.date)))
        graph.add((DATASET, DCTERMS.temporal, temporal))


def _provenance(graph: Graph, reader: GraphReader) -> None:
    """The provenance statement and the source documents, as the graph names them."""
    statement = _typed(graph, NVID["dataset/provenance"], DCTERMS.ProvenanceStatement)
    _texts(graph, statement, RDFS.label, PROVENANCE)
    graph.add((DATASET, DCTERMS.provenance, statement))
    for row in reader.select(SOURCES):
        graph.add((DATASET, PROV.wasDerivedFrom, row["document"]))  # type: ignore[arg-type]
        graph.add((row["document"], RDFS.label, row["label"]))  # type: ignore[arg-type]


def _dataset(graph: Graph, reader: GraphReader, publication: Publication) -> None:
    _typed(graph, DATASET, DCAT.Dataset)
    _texts(graph, DATASET, DCTERMS.title, TITLE)
    _texts(graph, DATASET, DCTERMS.description, DESCRIPTION)
    for language, words in KEYWORDS.items():
        for word in words:
            graph.add((DATASET, DCAT.keyword, Literal(word, lang=language)))
    _concepts(graph, THEME_SCHEME, {THEME[code]: labels for code, labels in THEMES.items()})
    for code in THEMES:
        graph.add((DATASET, DCAT.theme, THEME[code]))
    for predicate, obj in (
        (DCTERMS.publisher, PUBLISHER),
        (DCAT.contactPoint, CONTACT),
        (DCTERMS.license, LICENCE),
        (DCTERMS.language, LANGUAGE.SWE),
        (DCTERMS.conformsTo, _typed(graph, ONTOLOGY, DCTERMS.Standard)),
        (DCAT.version, Literal(__version__)),
        (OWL.versionInfo, Literal(__version__)),
        (RDFS.seeAlso, _download(publication, "void.ttl")),
    ):
        graph.add((DATASET, predicate, obj))
    graph.add((ONTOLOGY, DCTERMS.title, Literal("The naravard-kg ontology", lang="en")))
    _coverage(graph, reader)
    _provenance(graph, reader)


def _distribution(graph: Graph, out: Path, path: Path, publication: Publication) -> None:
    """The distribution of the file ``path`` the build wrote under ``out``."""
    name = path.relative_to(out).as_posix()
    kind = FILE_TYPES[path.suffix]
    node = _typed(graph, NVID[f"distribution/{name}"], DCAT.Distribution)
    url = _typed(graph, _download(publication, name), RDFS.Resource)
    file_type = _typed(graph, FILE_TYPE[kind.code], DCTERMS.MediaTypeOrExtent)
    media_type = _typed(graph, IANA[kind.media_type], DCTERMS.MediaType)
    for predicate, obj in (
        (DCTERMS.title, Literal(name)),
        (DCAT.accessURL, url),
        (DCAT.downloadURL, url),
        (DCTERMS["format"], file_type),
        (DCAT.mediaType, media_type),
        (DCTERMS.license, LICENCE),
        (DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)),
    ):
        graph.add((node, predicate, obj))
    graph.add((DATASET, DCAT.distribution, node))


def _service(graph: Graph, publication: Publication) -> None:
    """The SPARQL endpoint as a data service, and the distribution it gives access to."""
    endpoint = _typed(graph, URIRef(publication.endpoint_url), RDFS.Resource)
    _typed(graph, SERVICE, DCAT.DataService)
    _texts(graph, SERVICE, DCTERMS.title, SERVICE_TITLE)
    for predicate, obj in (
        (DCAT.endpointURL, endpoint),
        (DCAT.servesDataset, DATASET),
        (DCTERMS.conformsTo, _typed(graph, SPARQL_PROTOCOL, DCTERMS.Standard)),
        (DCTERMS.license, LICENCE),
    ):
        graph.add((SERVICE, predicate, obj))
    graph.add((SPARQL_PROTOCOL, DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")))
    node = _typed(graph, NVID["distribution/sparql"], DCAT.Distribution)
    _texts(graph, node, DCTERMS.title, SERVICE_TITLE)
    for predicate, obj in (
        (DCAT.accessURL, endpoint),
        (DCAT.accessService, SERVICE),
        (DCTERMS.license, LICENCE),
    ):
        graph.add((node, predicate, obj))
    graph.add((DATASET, DCAT.distribution, node))


def distributed(out: Path, files: Iterable[Path]) -> list[Path]:
    """The files of a build under ``out`` that are distributions of the data, sorted."""
    return sorted(
        path
        for path in files
        if path.suffix in FILE_TYPES
        and path.relative_to(out).as_posix() not in (*DESCRIPTIONS, DOCUMENTATION)
    )


def dataset_description(
    reader: GraphReader, out: Path, files: Sequence[Path], publication: Publication
) -> Graph:
    """The DCAT-AP-SE description of the graph read by ``reader``: its catalogue, the
    dataset, one distribution per file of ``files`` (written under ``out``) that a data
    portal offers, and the SPARQL service."""
    graph = new_graph()
    _catalog(graph)
    _agents(graph)
    _dataset(graph, reader, publication)
    for path in distributed(out, files):
        _distribution(graph, out, path, publication)
    if out / DOCUMENTATION in files:
        page = _typed(graph, _download(publication, DOCUMENTATION), FOAF.Document)
        graph.add((DATASET, FOAF.page, page))
    _service(graph, publication)
    return graph


def vocabularies(reader: GraphReader) -> list[URIRef]:
    """The namespaces of every property and class the graph uses, sorted."""
    namespaces = set()
    for term in column(reader.select(TERMS), "term"):
        try:
            namespaces.add(URIRef(split_uri(term)[0]))
        except ValueError:  # an IRI with no local name after its last "/" or "#"
            namespaces.add(URIRef(term))
    return sorted(namespaces)


def void_description(
    reader: GraphReader,
    sizes: Mapping[str, int],
    examples: Sequence[URIRef],
    publication: Publication,
) -> Graph:
    """The VoID description of the graph: the triples of each of its ``sizes`` (part name
    to count: ``ontology``, ``asserted``, ``inferred``) as subsets, the vocabularies it
    uses, where to download and query it and a few ``examples``."""
    graph = new_graph()
    _typed(graph, DATASET, VOID.Dataset)
    _texts(graph, DATASET, DCTERMS.title, TITLE)
    graph.add((DATASET, VOID.triples, Literal(sum(sizes.values()))))
    for predicate, obj in (
        (VOID.dataDump, _download(publication, "naravard.ttl")),
        (VOID.sparqlEndpoint, URIRef(publication.endpoint_url)),
        (VOID.uriSpace, Literal(str(NVID))),
        (RDFS.seeAlso, _download(publication, "dataset.ttl")),
    ):
        graph.add((DATASET, predicate, obj))
    for part, count in sizes.items():
        subset = _typed(graph, NVID[f"dataset/{part}"], VOID.Dataset)
        graph.add((subset, DCTERMS.title, Literal(f"The {part} triples", lang="en")))
        graph.add((subset, VOID.triples, Literal(count)))
        graph.add((DATASET, VOID.subset, subset))
        if part != "ontology":
            graph.add((subset, VOID.dataDump, _download(publication, f"naravard-{part}.ttl")))
    for namespace in vocabularies(reader):
        graph.add((DATASET, VOID.vocabulary, namespace))
    for example in examples:
        graph.add((DATASET, VOID.exampleResource, example))
    return graph


def write_descriptions(
    reader: GraphReader,
    sizes: Mapping[str, int],
    examples: Sequence[URIRef],
    out: Path,
    files: Sequence[Path],
    publication: Publication,
) -> list[Path]:
    """``dataset.ttl`` (``dataset_description``) and ``void.ttl`` (``void_description``)
    under ``out``; the paths written."""
    return [
        write_graph(
            dataset_description(reader, out, files, publication),
            out / "dataset.ttl",
            prefixes=EXTRA_PREFIXES,
        ),
        write_graph(
            void_description(reader, sizes, examples, publication),
            out / "void.ttl",
            prefixes=EXTRA_PREFIXES,
        ),
    ]
