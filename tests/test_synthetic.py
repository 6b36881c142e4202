"""The synthetic benchmark graph: repeatable, of the size asked, real places only, conforming
to the shapes and the quality checks together with graph/reference, and queryable."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from conftest import load_benchmark
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

import naravard_kg
from naravard_kg.core.namespaces import NV, NVID

PROJECT = Path(__file__).resolve().parents[1]
REFERENCE = sorted((PROJECT / "graph" / "reference").glob("*.ttl"))
TARGET = 10_000
SYNTHETIC = "/syn-"


@pytest.fixture(scope="module")
def synthetic() -> ModuleType:
    return load_benchmark("synthetic")


@pytest.fixture(scope="module")
def written(synthetic: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A ~10k-triple graph written by the command line, and the count it reported."""
    path = tmp_path_factory.mktemp("synthetic") / "syn-10k.nt"
    assert synthetic.main(["--triples", str(TARGET), "--out", str(path)]) == 0
    return path, len(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def parsed(written: tuple[Path, int]) -> Graph:
    return Graph().parse(written[0], format="nt")


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for path in REFERENCE:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def combined(written: tuple[Path, int]) -> naravard_kg.KnowledgeGraph:
    """graph/reference plus the synthetic graph, reasoned by the project's loader."""
    return naravard_kg.load(data=[*REFERENCE, written[0]], cache=False)


def test_the_same_arguments_give_the_same_bytes(synthetic, written):
    path, _ = written
    assert "".join(synthetic.generate(TARGET)).encode("utf-8") == path.read_bytes()
    assert "".join(synthetic.generate(TARGET, seed=1)).encode("utf-8") != path.read_bytes()


def test_the_size_is_within_five_percent_of_the_target(synthetic, written, tmp_path):
    _, lines = written
    assert abs(lines - TARGET) <= 0.05 * TARGET
    assert synthetic.write_graph(TARGET, tmp_path / "again.nt") == lines
    assert not [p for p in tmp_path.iterdir() if p.name != "again.nt"]  # no temporary left


def test_literals_are_escaped_as_n_triples_requires(synthetic):
    value = 'citat "med" \\ och\nradbrytning\r'
    line = f"<urn:s> <urn:p> {synthetic.text(value)} .\n"
    [(_, _, literal)] = Graph().parse(data=line, format="nt")
    assert (str(literal), literal.language) == (value, "sv")


def test_only_real_regions_municipalities_and_concepts_are_used(parsed, reference):
    """Every instance IRI that is not synthetic is defined in graph/reference, and the
    documents spread over all 21 regions."""
    instances = {t for triple in parsed for t in triple if str(t).startswith(str(NVID))}
    real = {t for t in instances if SYNTHETIC not in str(t)}
    assert real and all((t, None, None) in reference for t in real)
    subjects = {s for s in parsed.subjects() if isinstance(s, URIRef)}
    assert all(SYNTHETIC in str(s) for s in subjects)
    regions = set(reference.subjects(RDF.type, NV.Region))
    assert len(regions) == 21
    assert set(parsed.objects(None, NV.region)) == regions
    organisations = regions | set(reference.subjects(RDF.type, NV.Municipality))
    orgids = {t for t in real if str(t).startswith(f"{NVID}org/")}
    assert orgids <= organisations
    assert orgids - regions  # municipalities too


def _results(kg: naravard_kg.KnowledgeGraph) -> set[tuple]:
    return {(r.severity, r.focus, r.path, r.value, r.source_shape) for r in kg.validate().results}


def _check_rows(kg: naravard_kg.KnowledgeGraph) -> dict[str, list]:
    return {name: list(rows) for name, rows in kg.run_checks().items()}


def test_it_conforms_and_passes_every_check_with_the_reference(combined):
    """graph/reference alone cites evidence of the document files and so does not conform
    on its own; the synthetic graph must add no result and no failing check row."""
    alone = naravard_kg.load(data=REFERENCE, cache=False)
    assert _results(combined) == _results(alone)
    assert not [r for r in _results(alone) if SYNTHETIC in f"{r[1]} {r[3]}"]
    assert _check_rows(combined) == _check_rows(alone)
    assert len(combined.asserted) > len(alone.asserted) + 0.95 * TARGET


def _first(kg: naravard_kg.KnowledgeGraph, pattern: str) -> str:
    [row] = kg.sparql(
        f"SELECT ?x WHERE {{ {pattern} FILTER(CONTAINS(STR(?x), '{SYNTHETIC}')) }} "
        "ORDER BY ?x LIMIT 1"
    )
    return row["x"]


def test_real_queries_answer_on_it(combined):
    kg = combined
    owned = _first(kg, "?x a nv:Initiative ; nv:owner ?owner .")
    chain = kg.query("responsibility-chain", node=kg.resolve(owned))
    tops = {kg.resolve(row["to"]) for row in chain if row["kind"] == "rapporterar till"}
    assert any((top, RDF.type, NV.PoliticalBody) in kg.graph for top in tops)
    unnamed = kg.query("initiatives-without-owner")
    assert any(SYNTHETIC in str(kg.resolve(r["initiative"])) for r in unnamed)
    plan = _first(kg, "?x a nv:Plan .")
    priorities = kg.query("priorities-per-year", plan=kg.resolve(plan))
    assert priorities and {row["year"] for row in priorities} >= {"2016"}
    councils = kg.query("political-collaboration-bodies")
    assert len({r["region"] for r in councils if SYNTHETIC in str(kg.resolve(r["body"]))}) == 21
