"""``push`` into two stores that teams run, Oxigraph's server and Virtuoso Open Source
(Debian's package, digest authentication), then the whole query library against each:
the same answers as the embedded engine. A store that cannot be started fails the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from stores import GRAPH, RunningStore, oxigraph_store, virtuoso_store

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.core.rows import Rows
from naravard_kg.endpoint.remote import push

pytestmark = pytest.mark.slow  # starts real SPARQL servers


STORES = {"oxigraph": oxigraph_store, "virtuoso": virtuoso_store}

VIRTUOSO_LOSES_ONE_OF = {
    "responsibility-chain": [
        ("body:lansledning-halsam", "body:vasternorrland-ledningsgrupper"),
        ("body:lansledning-halsam", "body:vasternorrland-politiska-namnder"),
    ],
}
"""Links of which Virtuoso 7.2's transitive paths drop one, as (from, to) of each query:
Länsledning HälSam anchors its decisions in two bodies and Virtuoso returns the link to
one of them; which one depends on its query plan. Reordering the pattern, a subquery or an
IRI in place of the parameter did not bring the other back."""


@pytest.fixture(scope="module", params=sorted(STORES))
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningStore]:
    with STORES[request.param](tmp_path_factory.mktemp(request.param), graph=GRAPH) as running:
        yield running


@pytest.fixture(scope="module")
def expected(kg: naravard_kg.KnowledgeGraph) -> dict[str, Rows]:
    return {q.name: kg.query(q.name, **q.example_params()) for q in kg.catalogue}


def _endpoint(store: RunningStore) -> naravard_kg.Endpoint:
    return naravard_kg.connect(store.query_url, default_graph=store.graph)


def test_push_then_every_query_gives_the_embedded_answer(
    store: RunningStore, kg: naravard_kg.KnowledgeGraph, expected: dict[str, Rows]
) -> None:
    assert push(kg.graph, store.store_url, store.graph, store.user, store.password) == len(kg.graph)
    endpoint = _endpoint(store)
    [count] = endpoint.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count["n"] or 0) == len(kg.graph)
    for query in kg.catalogue:
        got = endpoint.query(query.name, **query.example_params())
        assert got.columns == expected[query.name].columns, (store.name, query.name)
        want = list(expected[query.name])
        if store.name == "virtuoso" and query.name in VIRTUOSO_LOSES_ONE_OF:
            want = _without_one_link(want, list(got), VIRTUOSO_LOSES_ONE_OF[query.name])
        assert list(got) == want, (store.name, query.name)


def _without_one_link(want: list, got: list, links: list[tuple[str, str]]) -> list:
    """``want`` without the rows of the one link of ``links`` that ``got`` lacks (each link
    has rows in ``want``; ``want`` as it is when none or several are missing, to fail)."""
    assert all(any((r["from"], r["to"]) == link for r in want) for link in links)
    present = {(row["from"], row["to"]) for row in got}
    missing = [link for link in links if link not in present]
    if len(missing) != 1:
        return want
    return [row for row in want if (row["from"], row["to"]) != missing[0]]


def test_push_command_replaces_the_graph(
    store: RunningStore, kg: naravard_kg.KnowledgeGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = ["--user", store.user, "--password", store.password or ""] if store.user else []
    args = ["-q", "push", "--endpoint", store.store_url, "--graph", GRAPH, *auth]
    assert main(args) == 0
    assert main(args) == 0, "a second push replaces the graph, it does not add to it"
    assert f"pushed {len(kg.graph)} triples to graph <{GRAPH}>" in capsys.readouterr().out
    [count] = _endpoint(store).sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count["n"] or 0) == len(kg.graph)
    if store.user is not None:  # Virtuoso: a wrong password is refused, and says so
        with pytest.raises(naravard_kg.EndpointError, match="HTTP 401"):
            push(kg.ontology, store.store_url, store.graph, store.user, "not-the-password")
