"""The two engine bundles give the same answers on the real graph and on broken examples.

``rdflib`` (rdflib, owlrl, pyshacl) is the reference; ``oxigraph`` (pyoxigraph,
reasonable, pyrudof) is the default because it is faster. Both compute the inferences
from scratch here (no cache), validate the same closed graphs and run every query.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

import naravard_kg
from naravard_kg.core.prefixes import compact_iri
from naravard_kg.core.rows import Rows
from naravard_kg.engines import available_engines, engines
from naravard_kg.engines.binding import bind_values, binding_points
from naravard_kg.engines.shacl_report import Report
from naravard_kg.engines.turtle import load_turtle_folder
from naravard_kg.errors import BadParameter, NaravardError
from naravard_kg.kg import KnowledgeGraph

HERE = Path(__file__).parent
INVALID = sorted((HERE / "data" / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def reference() -> naravard_kg.KnowledgeGraph:
    return naravard_kg.load(engine="rdflib", cache=False)


@pytest.fixture(scope="module")
def fast() -> naravard_kg.KnowledgeGraph:
    return naravard_kg.load(engine="oxigraph", cache=False)


@pytest.fixture(scope="module")
def shapes(fast: naravard_kg.KnowledgeGraph) -> Graph:
    return load_turtle_folder(fast.layout.shapes, {})


def _validated_by_both(path: Path, shapes: Graph) -> tuple[Report, Report]:
    """The reports of the fast and the reference validator on one closed graph."""
    fast = naravard_kg.load(data=[path], cache=False)
    twin = KnowledgeGraph(
        fast.ontology,
        fast.asserted,
        fast.inferred,
        fast.source_files,
        fast.layout,
        engines("rdflib"),
    )
    return fast.validate(shapes), twin.validate(shapes)


def test_engines_are_registered() -> None:
    assert available_engines() == ["oxigraph", "rdflib"]
    assert engines().name == "oxigraph"
    with pytest.raises(NaravardError, match="unknown engine 'jena'"):
        engines("jena")


def test_same_inferred_triples(
    reference: naravard_kg.KnowledgeGraph,
    fast: naravard_kg.KnowledgeGraph,
    kg: naravard_kg.KnowledgeGraph,
) -> None:
    assert len(reference.inferred) > 10_000
    assert set(fast.inferred) == set(reference.inferred)
    assert set(kg.inferred) == set(reference.inferred)  # as read back from the built store


def test_same_validation_of_the_real_graph(
    reference: naravard_kg.KnowledgeGraph, fast: naravard_kg.KnowledgeGraph, shapes: Graph
) -> None:
    expected = reference.validate(shapes)
    got = fast.validate(shapes)
    assert got.conforms and expected.conforms
    assert got.results, "the real graph has warnings (national documents without date)"
    assert got == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_same_validation_of_broken_examples(path: Path, shapes: Graph) -> None:
    got, reference = _validated_by_both(path, shapes)
    assert not reference.conforms
    assert got == reference, f"{got.text()}\n--- reference ---\n{reference.text()}"


def test_same_query_answers(
    reference: naravard_kg.KnowledgeGraph,
    fast: naravard_kg.KnowledgeGraph,
    kg: naravard_kg.KnowledgeGraph,
) -> None:
    """The reference engine, Oxigraph in memory, and the built store (``kg``) answer alike."""
    assert kg.stored is not None
    for query in fast.catalogue:
        params = query.example_params()
        expected = reference.query(query.name, **params)
        for got in (fast.query(query.name, **params), kg.query(query.name, **params)):
            assert got.columns == expected.columns, query.name
            assert got == expected, query.name
            assert _types(got) == _types(expected), query.name  # Decimal("3") == 3


def _types(rows: Rows) -> list[list[str]]:
    return [[type(row[c]).__name__ for c in rows.columns] for row in rows]


def test_a_hostile_string_parameter_stays_a_literal(
    reference: naravard_kg.KnowledgeGraph, fast: naravard_kg.KnowledgeGraph
) -> None:
    text = "SELECT ?s WHERE { ?s rdfs:label ?label FILTER(CONTAINS(?label, ?needle)) }"
    hostile = Literal('"} } ; DROP ALL ; SELECT * { ?s ?p ?o } #\n')
    for kg in (reference, fast):
        assert kg.sparql(text, {"needle": hostile}) == []
        assert kg.sparql(text, {"needle": Literal("Länsledning HälSam")})


def test_values_block_goes_into_the_outer_group_and_union_branches_only() -> None:
    """Braces in strings, IRIs and comments do not count; the "#" of a PREFIX IRI on the
    query's own line starts no comment."""
    query = (
        "PREFIX nv: <https://w3id.org/naravard/ontology#> "
        'SELECT * WHERE { ?s ?p "{" # {\n'
        "  { SELECT ?s { ?s ?p ?o } } UNION { ?s ?q <http://x/{> }\n"
        "  OPTIONAL { { ?s ?z ?y } UNION { ?y ?z ?s } } }"
    )
    bound = bind_values(query, {"s": URIRef("http://x/a")})
    assert bound.count("VALUES (?s) { (<http://x/a>) }") == 2
    assert len(binding_points(query)) == 2
    assert "{ SELECT ?s" in bound, "a sub-select is not a place to bind"
    with pytest.raises(BadParameter, match="not a SPARQL variable"):
        bind_values(query, {"s } ": URIRef("http://x/a")})


@pytest.mark.parametrize(("length", "conforms"), [(220, True), (221, False)])
def test_quote_length_counts_characters_not_bytes(
    tmp_path: Path, shapes: Graph, length: int, conforms: bool
) -> None:
    """sh:maxLength 220 on quotes: 220 × "å" (440 UTF-8 bytes) conforms in both engines."""
    example = HERE / "data" / "valid" / "provenance-evidence-and-sources.ttl"
    text = example.read_text(encoding="utf-8")
    old = '"Exempelfärdplan 2025"'
    assert old in text
    path = tmp_path / example.name
    path.write_text(text.replace(old, f'"{"å" * length}"'), encoding="utf-8")
    got, reference = _validated_by_both(path, shapes)
    assert reference.conforms is conforms
    assert got == reference


CHAIN_STARTS = (
    "init:mod-demensteam",
    "init:lokalgeografiska-mod-team",
    "init:sip-utbildning",
    "body:vasternorrland-hogsta-tjansteledning",
)


def test_same_chains_and_reverse_views(
    reference: naravard_kg.KnowledgeGraph, kg: naravard_kg.KnowledgeGraph
) -> None:
    """The analytics read the store through SPARQL: the reference engine answers alike."""
    for node in CHAIN_STARTS:
        assert kg.chain(node) == reference.chain(node), node
        assert kg.accountable_for(node) == reference.accountable_for(node), node
    assert kg.accountable_for("orgid:region-vasternorrland")
    assert nx.utils.graphs_equal(kg.to_networkx(), reference.to_networkx())


def test_same_search_plans_and_similarity(
    reference: naravard_kg.KnowledgeGraph, kg: naravard_kg.KnowledgeGraph
) -> None:
    for text in ("MOD", "vasternorrland", "KD/RD"):
        assert kg.search(text) == reference.search(text), text
    assert kg.diff() == reference.diff()
    assert kg.lifecycle("init:sip-pa-distans") == reference.lifecycle("init:sip-pa-distans")
    assert kg.similar("Gotland", 5) == reference.similar("Gotland", 5)
    for measure, matrix in kg.similarity.matrices.items():
        assert np.array_equal(matrix, reference.similarity.matrices[measure]), measure


def test_same_networks(
    reference: naravard_kg.KnowledgeGraph, kg: naravard_kg.KnowledgeGraph
) -> None:
    assert nx.utils.graphs_equal(kg.network(), reference.network())
    assert nx.utils.graphs_equal(
        kg.network(chain="init:mod-demensteam"), reference.network(chain="init:mod-demensteam")
    )


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_query_results_in_the_w3c_formats_read_back_as_the_rows(fmt, engine, request):
    """Each engine writes the W3C SPARQL 1.1 results formats itself; rdflib's parsers read
    them back into the rows ``kg.query`` gives (CSV keeps no term types, so there an IRI
    is compared as its text)."""
    kg = request.getfixturevalue(engine)
    params = {"node": "init:mod-demensteam"}
    expected = kg.query("responsibility-chain", **params)
    data = kg.query_results("responsibility-chain", fmt, **params)
    parsed = Result.parse(io.BytesIO(data), format=fmt)
    columns = [str(v) for v in parsed.vars]
    rows = [
        {c: None if v is None else compact_iri(str(v)) for c, v in zip(columns, row, strict=True)}
        for row in parsed
    ]
    assert columns == expected.columns
    assert len(rows) == len(expected) > 10
    assert sorted(map(_key, rows)) == sorted(map(_key, expected))


def _key(row: dict[str, str | None]) -> tuple[str, ...]:
    return tuple(sorted(f"{k}={v or ''}" for k, v in row.items()))
