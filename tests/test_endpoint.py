"""The SPARQL endpoint: a real Oxigraph server on a free loopback port, the query library
through the SPARQL 1.1 Protocol, ``naravard-kg serve`` as users start and stop it, and a
bounded load test with concurrent clients."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import load_benchmark
from rdflib import RDFS, Graph, Literal, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.core.rows import Rows
from naravard_kg.endpoint.remote import http_client, http_request, push
from naravard_kg.endpoint.server import (
    RunningServer,
    ServerOptions,
    free_port,
    load_database,
    running_server,
)

pytestmark = pytest.mark.slow  # starts real SPARQL servers


@pytest.fixture(scope="module")
def server(
    kg: naravard_kg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("oxigraph")
    load_database(kg.graph, folder / "db")
    options = ServerOptions(port=free_port())
    with running_server(folder / "db", options, folder / "server.log") as running:
        yield running


@pytest.fixture(scope="module")
def endpoint(server: RunningServer) -> naravard_kg.Endpoint:
    return naravard_kg.connect(f"{server.url}/query")


@pytest.fixture(scope="module")
def expected(kg: naravard_kg.KnowledgeGraph) -> dict[str, Rows]:
    return {q.name: kg.query(q.name, **q.example_params()) for q in kg.catalogue}


def test_every_query_gives_the_embedded_answer(
    kg: naravard_kg.KnowledgeGraph, endpoint: naravard_kg.Endpoint, expected: dict
) -> None:
    assert len(expected) == len(kg.catalogue) >= 26
    for query in kg.catalogue:
        got = endpoint.query(query.name, **query.example_params())
        assert got.columns == expected[query.name].columns, query.name
        assert got == expected[query.name], query.name
        types = [[type(row[c]) for c in got.columns] for row in got]
        assert types == [[type(row[c]) for c in got.columns] for row in expected[query.name]]
    chain = endpoint.query("responsibility-chain", node="init:mod-demensteam")
    assert "Återrapport till KD/RD två gånger per år från Länsledningens presidium." in {
        row["quote"] for row in chain
    }


def test_the_endpoint_client_resolves_names_and_refuses_unknown_nodes(
    endpoint: naravard_kg.Endpoint,
) -> None:
    by_name = endpoint.query("members-of", body="Högsta tjänsteledning")
    assert by_name == endpoint.query("members-of", body="body:vasternorrland-hogsta-tjansteledning")
    assert {row["memberLabel"] for row in by_name} >= {"Regiondirektör, Region Västernorrland"}
    with pytest.raises(naravard_kg.NodeNotFound, match="closest: body:jonkoping-reko "):
        endpoint.query("members-of", body="body:jonkoping-rekoo")


def test_parameters_stay_data_at_the_endpoint(endpoint: naravard_kg.Endpoint) -> None:
    text = "SELECT ?s WHERE { ?s rdfs:label ?label FILTER(CONTAINS(?label, ?needle)) }"
    assert endpoint.sparql(text, {"needle": Literal('"} } ; DROP ALL ; # ')}) == []
    assert endpoint.sparql(text, {"needle": Literal("Länsledning HälSam")})
    with pytest.raises(naravard_kg.NodeNotFound, match=r"no node '<x> \} DROP ALL \{'"):
        endpoint.query("responsibility-chain", node="<x> } DROP ALL {")


def test_the_server_is_read_only_and_has_its_web_ui(
    kg: naravard_kg.KnowledgeGraph, server: RunningServer
) -> None:
    with http_client() as client:
        page = http_request(client, "GET", f"{server.url}/").decode("utf-8")
    assert "<title>Oxigraph server</title>" in page and "yasgui" in page
    with pytest.raises(naravard_kg.EndpointError, match=r"HTTP 4\d\d"):
        push(kg.ontology, f"{server.url}/store")


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    endpoint = naravard_kg.connect(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(naravard_kg.EndpointError, match=r"cannot reach http://127\.0\.0\.1"):
        endpoint.query("reporting-lines")


def test_query_command_at_the_endpoint_prints_what_the_local_graph_gives(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["query", "members-of", "-p", "body=body:lansledning-halsam", "-f", "csv"]
    assert main(["-q", *args]) == 0
    local = capsys.readouterr().out
    assert main(["-q", *args, "--endpoint", f"{server.url}/query"]) == 0
    assert capsys.readouterr().out == local
    assert "https://w3id.org/naravard/id/org/kommun-ornskoldsvik,Örnsköldsvik,socialchef" in local


def test_concurrent_clients_get_every_answer_right(
    endpoint: naravard_kg.Endpoint, expected: dict, kg: naravard_kg.KnowledgeGraph
) -> None:
    """20 clients on loopback ask the whole library for 30 s: no wrong answer, no error."""
    bench = load_benchmark("bench_endpoint")
    params = {q.name: q.example_params() for q in kg.catalogue}

    def ask(name: str, query_params: dict[str, str]) -> Rows:
        return endpoint.query(name, **query_params)

    result = bench.run_load(ask, expected, params, clients=20, rounds=1, seconds=30)
    assert len(result.latencies) >= 20 * len(expected) and result.seconds >= 30
    assert result.wrong == []
    print(result.summary())


def test_serve_command_starts_prints_its_url_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "naravard_kg", "serve", "--port", str(port), "--timeout", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"SPARQL endpoint: http://127.0.0.1:{port}/query\n", first
        endpoint = naravard_kg.connect(f"http://127.0.0.1:{port}/query")
        assert endpoint.query("members-of", body="body:lansledning-halsam")
        assert list(tmp_path.iterdir()), "the server's log lives in a temporary folder"
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "server stopped" in err
    assert list(tmp_path.iterdir()) == [], "the temporary folder is removed"


def test_serve_stopped_while_it_starts_leaves_no_server_behind(tmp_path: Path) -> None:
    """SIGTERM the moment the endpoint first answers (before the URL may even be printed):
    the server it started stops with it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "naravard_kg", "-q", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    url = f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"
    while process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                break
        except OSError:
            continue
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def _serve(port: int, tmp_path: Path, *options: str) -> subprocess.Popen[str]:
    """``naravard-kg serve`` on ``port`` in a child process, temporary files in ``tmp_path``."""
    return subprocess.Popen(
        [sys.executable, "-m", "naravard_kg", "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )


def test_serve_stopped_while_it_loads_removes_its_temporary_folder(tmp_path: Path) -> None:
    process = _serve(free_port(), tmp_path, "--read-write")
    assert process.stderr is not None
    for line in process.stderr:
        if "loading" in line:
            process.send_signal(signal.SIGTERM)
            break
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert list(tmp_path.iterdir()) == [], "the temporary database and log are removed"


def test_serve_killed_takes_its_server_with_it(tmp_path: Path) -> None:
    port = free_port()
    process = _serve(port, tmp_path)
    assert process.stdout is not None
    assert process.stdout.readline().startswith("SPARQL endpoint: ")
    assert server_answers(port)
    process.kill()
    process.communicate(timeout=30)
    for _ in range(100):  # the server gets SIGTERM from the system and stops
        if not server_answers(port):
            break
        time.sleep(0.1)
    assert not server_answers(port), "the Oxigraph server outlived serve"


def server_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
            return True
    except OSError:
        return False


def test_serve_refuses_a_port_another_server_listens_on(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    port = server.url.rsplit(":", 1)[1]
    assert main(["-q", "serve", "--port", port]) == 2
    out, err = capsys.readouterr()
    assert "SPARQL endpoint" not in out
    assert f"cannot listen on 127.0.0.1 port {port}" in err and "--port 0" in err
    server.check_alive()  # the other server goes on


@pytest.mark.parametrize("option", [["--timeout", "0"], ["--timeout", "-3"], ["--port", "70000"]])
def test_serve_refuses_a_timeout_or_port_out_of_range(
    option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *option]) == 2
    assert f"argument {option[0]}: " in capsys.readouterr().err


def test_a_query_cut_off_by_the_time_limit_says_it_timed_out(tmp_path: Path) -> None:
    """Oxigraph sends 200 and the start of the results at once, and ends the body mid-way
    when the limit stops the query (a count: the cut body stays small)."""
    graph = Graph()
    for n in range(3000):
        graph.add((URIRef(f"urn:x:{n}"), RDFS.label, Literal(n)))
    load_database(graph, tmp_path / "db")
    options = ServerOptions(port=free_port(), timeout_s=1)
    with running_server(tmp_path / "db", options, tmp_path / "server.log") as running:
        endpoint = naravard_kg.connect(f"{running.url}/query")
        with pytest.raises(naravard_kg.EndpointError, match=r"timed out after \d+ s"):
            endpoint.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
