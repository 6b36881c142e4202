"""The build's description of the dataset: DCAT-AP-SE in ``dataset.ttl`` (conforming to the
DCAT-AP 3.0.0 shapes on its own) and VoID in ``void.ttl``."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pyshacl
import pytest
from conftest import PROJECT, Build
from rdflib import RDF, Graph, Literal, Namespace, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.core.defaults import Publication
from naravard_kg.core.prefixes import prefix_lines
from naravard_kg.engines import engines
from naravard_kg.errors import BadParameter
from naravard_kg.library.reader import GraphReader
from naravard_kg.publish import write_description
from naravard_kg.views.dataset_description import coverage_period

SHAPES = PROJECT.parent / "shared" / "standards" / "dcat-ap-3.0.0-SHACL.ttl"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOID = Namespace("http://rdfs.org/ns/void#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
NVID = Namespace("https://w3id.org/naravard/id/")
DATASET = NVID["dataset"]
LICENCE = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
SWEDEN = URIRef("http://publications.europa.eu/resource/authority/country/SWE")
CORPUS_DOCUMENTS = {
    NVID[f"document/{name}"]
    for name in (
        "regionerna-nara-vard-2020",
        "vasternorrland-fardplan-2025",
        "vasternorrland-fardplan-2026",
        "vasterbotten-fardplan-2030",
        "vasterbotten-rapport-2025",
    )
}
"""The five source documents of ``../shared/corpus``."""
DISTRIBUTED = (".ttl", ".jsonld", ".graphml", ".gexf", ".html", ".csv")


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _conformance(data: Graph) -> tuple[bool, Graph, str]:
    """Whether ``data`` alone conforms to the DCAT-AP shapes, the report graph and its text."""
    return pyshacl.validate(data, shacl_graph=_graph(SHAPES))


@pytest.fixture(scope="module")
def description(built: Build) -> Graph:
    """``dataset.ttl`` of the session's build."""
    return _graph(built.out / "dataset.ttl")


@pytest.fixture(scope="module")
def void(built: Build) -> Graph:
    """``void.ttl`` of the session's build."""
    return _graph(built.out / "void.ttl")


def test_the_description_conforms_to_dcat_ap_on_its_own(description: Graph):
    conforms, _, text = _conformance(description)
    assert conforms, text


def test_without_the_licence_type_it_does_not_conform(description: Graph):
    """The shapes check the class of what is linked: a licence not typed is a violation."""
    broken = Graph()
    broken += description
    broken.remove((LICENCE, RDF.type, DCTERMS.LicenseDocument))
    conforms, report, _ = _conformance(broken)
    assert not conforms
    results = set(report.subjects(SH.value, LICENCE))
    assert results
    for result in results:
        assert report.value(result, SH.sourceConstraintComponent) == SH.ClassConstraintComponent
        assert report.value(result, SH.resultPath) == DCTERMS.license


def test_title_and_description_in_swedish_and_english(description: Graph):
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {value.language for value in description.objects(DATASET, predicate)}
        assert languages == {"sv", "en"}, predicate
    assert {value.language for value in description.objects(DATASET, DCAT.keyword)} == {
        "sv",
        "en",
    }


def test_spatial_coverage_is_sweden_and_the_counties_of_the_graph(
    description: Graph, kg: naravard_kg.KnowledgeGraph
):
    counties = {c.iri for c in kg.sparql("SELECT ?c WHERE { ?c a nv:County }").column("c")}
    assert len(counties) == 21
    spatial = set(description.objects(DATASET, DCTERMS.spatial))
    assert spatial == {SWEDEN, *(URIRef(county) for county in counties)}
    assert all((place, RDF.type, DCTERMS.Location) in description for place in spatial)


def test_provenance_names_the_source_documents(description: Graph):
    statements = list(description.objects(DATASET, DCTERMS.provenance))
    assert len(statements) == 1
    assert (statements[0], RDF.type, DCTERMS.ProvenanceStatement) in description
    sources = set(description.objects(DATASET, PROV.wasDerivedFrom))
    assert sources >= CORPUS_DOCUMENTS
    # and SCB's tables of counties and municipalities, which the graph also carries
    assert sources - CORPUS_DOCUMENTS == {
        NVID["document/scb-regioner"],
        NVID["document/scb-kommuner"],
    }


def test_one_distribution_per_file_written(built: Build, description: Graph):
    files = {
        path.relative_to(built.out).as_posix(): path
        for path in built.out.rglob("*")
        if path.suffix in DISTRIBUTED
        and path.name not in ("dataset.ttl", "void.ttl", "ontology.html")
    }
    assert "naravard.graphml" in files and "queries/accountable-for.csv" in files
    downloads = {
        str(url).removeprefix("https://w3id.org/naravard/data/"): distribution
        for distribution, url in description.subject_objects(DCAT.downloadURL)
    }
    assert sorted(downloads) == sorted(files)
    page = URIRef("https://w3id.org/naravard/data/ontology.html")
    assert (DATASET, FOAF.page, page) in description and (built.out / "ontology.html").is_file()
    for name, distribution in downloads.items():
        size = description.value(distribution, DCAT.byteSize)
        assert size == Literal(files[name].stat().st_size, datatype=NON_NEGATIVE)
        assert (DATASET, DCAT.distribution, distribution) in description
        assert description.value(distribution, DCTERMS.license) == LICENCE


def test_the_sparql_service_and_its_distribution(description: Graph):
    service = NVID["sparql-service"]
    endpoint = URIRef("https://w3id.org/naravard/sparql")
    assert description.value(service, DCAT.endpointURL) == endpoint
    assert description.value(service, DCAT.servesDataset) == DATASET
    [distribution] = description.subjects(DCAT.accessService, service)
    assert description.value(distribution, DCAT.accessURL) == endpoint


def test_temporal_coverage_spans_the_documents_dates(description: Graph):
    """From the compilation's year (2020) to the end of the 2025 roadmap's period
    (2027-12-31), the earliest and the latest dates the source documents state."""
    [period] = description.objects(DATASET, DCTERMS.temporal)
    assert description.value(period, DCAT.startDate).toPython() == date(2020, 1, 1)
    assert description.value(period, DCAT.endDate).toPython() == date(2027, 12, 31)


def test_void_counts_the_triples_of_each_part(void: Graph, kg: naravard_kg.KnowledgeGraph):
    parts = ("ontology", "asserted", "inferred")
    for part in parts:
        assert void.value(NVID[f"dataset/{part}"], VOID.triples).toPython() == kg.size(part)
        assert (DATASET, VOID.subset, NVID[f"dataset/{part}"]) in void
    whole = void.value(DATASET, VOID.triples).toPython()
    assert whole == sum(kg.size(part) for part in parts) == len(kg.graph)


def test_void_names_the_vocabularies_the_graph_uses(void: Graph, kg: naravard_kg.KnowledgeGraph):
    used = {str(p) for p in kg.graph.predicates()} | {
        str(c) for c in kg.graph.objects(None, RDF.type)
    }
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert all(any(term.startswith(v) for v in vocabularies) for term in used)
    assert {"https://w3id.org/naravard/ontology#", "http://www.w3.org/ns/org#"} <= vocabularies
    assert void.value(DATASET, VOID.uriSpace) == Literal("https://w3id.org/naravard/id/")
    assert void.value(DATASET, VOID.dataDump) == URIRef(
        "https://w3id.org/naravard/data/naravard.ttl"
    )
    assert len(set(void.objects(DATASET, VOID.exampleResource))) >= 3


def _describe_copy(
    built: Build, kg: naravard_kg.KnowledgeGraph, folder: Path, publication: Publication
) -> Path:
    """The build's files copied to ``folder``, described again in this process."""
    shutil.copytree(built.out, folder)
    for name in ("dataset.ttl", "void.ttl"):
        (folder / name).unlink()
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    write_description(kg, folder, files, publication)
    return folder


def test_the_descriptions_come_out_the_same_every_time(
    built: Build, kg: naravard_kg.KnowledgeGraph, tmp_path: Path
):
    """Described again, in another process with another hash seed: the same bytes."""
    again = _describe_copy(built, kg, tmp_path / "out", Publication())
    for name in ("dataset.ttl", "void.ttl"):
        assert (again / name).read_bytes() == (built.out / name).read_bytes(), name


def test_the_users_own_addresses(built: Build, kg: naravard_kg.KnowledgeGraph, tmp_path: Path):
    publication = Publication("https://data.example.org/kg", "https://example.org/sparql")
    again = _describe_copy(built, kg, tmp_path / "out", publication)
    description = _graph(again / "dataset.ttl")
    downloads = {str(url) for url in description.objects(None, DCAT.downloadURL)}
    assert "https://data.example.org/kg/naravard.ttl" in downloads
    assert "https://data.example.org/kg/queries/accountable-for.csv" in downloads
    assert not [url for url in downloads if "w3id.org" in url]
    assert description.value(NVID["sparql-service"], DCAT.endpointURL) == URIRef(
        "https://example.org/sparql"
    )
    void = _graph(again / "void.ttl")
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef("https://example.org/sparql")
    conforms, _, text = _conformance(description)
    assert conforms, text


@pytest.mark.parametrize("option", ["--base-url", "--endpoint-url"])
@pytest.mark.parametrize(
    "url", ["ftp://example.org/kg", "example.org/kg", "https://", "http://a b/"]
)
def test_a_bad_url_is_refused_naming_the_option(
    option: str, url: str, tmp_path: Path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--out", "out", option, url]) == 2
    err = capsys.readouterr().err
    assert f"argument {option}: {url!r} is not an absolute http(s) URL" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_bad_url_in_python_names_the_field():
    with pytest.raises(BadParameter, match=r"endpoint_url: 'sparql' is not an absolute"):
        Publication(endpoint_url="sparql")


def _reader(turtle: str) -> GraphReader:
    """A reader over a small graph of source documents (with the project's prefixes)."""
    graph = Graph().parse(data=prefix_lines(syntax="turtle") + turtle, format="turtle")
    return GraphReader(engines("oxigraph").query.open([graph]))


def test_the_period_reaches_from_the_first_to_the_last_day_stated():
    """A year covers all its days and a month all of its days; documents without a source
    file are not sources."""
    reader = _reader("""
        doc:a a nv:Document ; nv:sourceFile "a.txt" ; dcterms:date "2019-02"^^xsd:gYearMonth .
        doc:b a nv:Document ; nv:sourceFile "b.txt" ;
            dcterms:temporal [ dcat:startDate "2021-03-04"^^xsd:date ;
                               dcat:endDate "2024"^^xsd:gYear ] .
        doc:c a nv:Document ; dcterms:date "1990"^^xsd:gYear .
    """)
    assert coverage_period(reader) == (date(2019, 2, 1), date(2024, 12, 31))
    assert coverage_period(_reader('doc:d a nv:Document ; nv:sourceFile "d.txt" .')) is None


def test_a_date_that_is_not_a_date_names_its_document():
    reader = _reader('doc:a a nv:Document ; nv:sourceFile "a.txt" ; dcterms:date "våren 2020" .')
    with pytest.raises(BadParameter, match=r"document/a states the date 'våren 2020'"):
        coverage_period(reader)
