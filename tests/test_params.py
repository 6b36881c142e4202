"""Parameters are checked in one place before binding, with the same verdict on every
engine: a value that is not an IRI or a valid text is a ``BadParameter`` naming the
parameter, never a crash of one engine and an empty answer of the other."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar, TypeAlias

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.engines import engines
from naravard_kg.engines.base import SparqlStore
from naravard_kg.engines.terms import Bindable
from naravard_kg.errors import BadParameter, EndpointError, NaravardError
from naravard_kg.library.catalogue import Parameter

SMALL = """
<http://example.org/a> <http://example.org/p> "a" .
<http://example.org/b> <http://example.org/p> <http://example.org/a> .
"""
NOT_IRIS = ["http://[::1", "http://x/%zz", "http://x/a\x01b", "http://x/\udcff", "http://x/a b"]
ENGINES = ["oxigraph", "rdflib"]


@pytest.fixture(scope="module")
def stores() -> dict[str, SparqlStore]:
    """A small graph in the query engine of each bundle."""
    graph = Graph().parse(data=SMALL, format="nt")
    return {name: engines(name).query.open([graph]) for name in ENGINES}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", NOT_IRIS)
def test_a_malformed_iri_is_refused_naming_the_parameter(
    stores: dict[str, SparqlStore], engine: str, value: str
) -> None:
    query = "SELECT ?o WHERE { ?node ?p ?o }"
    with pytest.raises(BadParameter, match=r"parameter 'node': .* is not a valid IRI or literal"):
        stores[engine].select(query, {"node": URIRef(value)})


@pytest.mark.parametrize("engine", ENGINES)
def test_text_that_is_not_unicode_is_refused_naming_the_parameter(
    stores: dict[str, SparqlStore], engine: str
) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?text }"
    with pytest.raises(BadParameter, match=r"parameter 'text': .* is not a valid IRI or literal"):
        stores[engine].select(query, {"text": Literal("a\udcffb")})
    assert stores[engine].select(query, {"text": Literal("a")})[1] == [
        (URIRef("http://example.org/a"),)
    ]


def test_a_text_parameter_of_a_query_file_refuses_text_that_is_not_unicode() -> None:
    param = Parameter("needle", "str", None, "a word")
    with pytest.raises(
        BadParameter, match=r"parameter 'needle' of query 'demo': .* not valid Unicode"
    ):
        param.coerce("a\udcffb", "demo")
    assert param.coerce("Gotland", "demo") == ox.Literal("Gotland")


class Recorder(BaseHTTPRequestHandler):
    """Records each request's method, body length and authorisation; answers 404, or with
    ``basic`` set, 204 to a request that gives those basic credentials and 401 to others."""

    requests: ClassVar[list[tuple[str, int, str]]] = []
    basic: ClassVar[str | None] = None

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        authorization = self.headers.get("Authorization") or ""
        self.requests.append((self.command, length, authorization))
        if self.basic is None:
            self._send(404)
        elif authorization == f"Basic {base64.b64encode(self.basic.encode()).decode()}":
            self._send(204)
        else:
            self._send(401, {"WWW-Authenticate": 'Basic realm="store"'})

    def _send(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": "0", **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads ``requests``."""


Listener: TypeAlias = tuple[str, list[tuple[str, int, str]]]


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A local HTTP server's URL and the requests it received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.requests, Recorder.basic = [], None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/store", Recorder.requests
    finally:
        server.shutdown()
        server.server_close()


def test_sparql_refuses_service_unless_allowed(
    kg: naravard_kg.KnowledgeGraph, listener: Listener
) -> None:
    url, received = listener
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(BadParameter, match=r"uses SERVICE.*allow_service=True"):
        kg.sparql(query)
    assert received == []
    with pytest.raises(OSError, match="404"):  # the listener answered: the request went out
        kg.sparql(query, allow_service=True)
    assert [method for method, _, _ in received] == ["POST"]


def test_service_in_a_string_or_comment_is_no_service(kg: naravard_kg.KnowledgeGraph) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) } # SERVICE\n'
    assert kg.sparql(query) == [{"x": "SERVICE <http://x/>"}]


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT"),
        ("ASK { ?s ?p ?o }", "ASK"),
        ("DESCRIBE nv:Region", "DESCRIBE"),
    ],
)
def test_sparql_says_it_answers_select_only(
    kg: naravard_kg.KnowledgeGraph, query: str, form: str
) -> None:
    with pytest.raises(
        BadParameter, match=f"only SELECT queries are answered here, this is {form}"
    ):
        kg.sparql(query)


def test_serve_on_an_address_others_reach_needs_allow_service(
    kg: naravard_kg.KnowledgeGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-q", "serve", "--host", "0.0.0.0", "--port", "0"], graph=kg) == 2
    assert "--host 0.0.0.0: the server answers SERVICE" in capsys.readouterr().err


@pytest.mark.parametrize(("password", "pushed"), [("SECRET", 0), ("WRONG", 2)])
def test_push_uses_the_credentials_of_the_url_and_never_shows_them(
    kg: naravard_kg.KnowledgeGraph,
    listener: Listener,
    capsys: pytest.CaptureFixture[str],
    password: str,
    pushed: int,
) -> None:
    url, received = listener
    Recorder.basic = "analyst:SECRET"
    with_password = url.replace("//", f"//analyst:{password}@")
    assert main(["push", "--endpoint", with_password], graph=kg) == pushed
    shown = capsys.readouterr()
    assert password not in shown.out + shown.err
    assert f"default graph of {url}" in shown.err
    assert received[-1][2].startswith("Basic ")  # the credentials of the URL were sent
    if pushed:
        assert f"PUT {url}?default: HTTP 401" in shown.err
    else:
        assert f"pushed {len(kg.graph)} triples to the default graph of {url}" in shown.out
        assert received[-1][0] == "PUT"


@pytest.mark.parametrize("url", ["not a url", "notaurl", "ftp://host/store", "http://"])
def test_an_endpoint_that_is_no_http_url_is_an_endpoint_error_naming_it(url: str) -> None:
    with pytest.raises(EndpointError, match=f"'{url}' is not an http"):
        naravard_kg.connect(url)


def test_endpoint_option_that_is_no_url_exits_2_without_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["query", "reporting-lines", "--endpoint", "notaurl"]
    assert main(args) == 2
    assert "'notaurl' is not an http(s) URL with a host" in capsys.readouterr().err
    assert main(["query", "reporting-lines", "--endpoint", "http://u:SECRET@[::1"]) == 2
    error = capsys.readouterr().err
    assert "'http://[::1' is not a URL" in error
    assert "SECRET" not in error


ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)
"""Any text, surrogates and control characters included."""
IRI_LIKE = st.one_of(
    ANY_TEXT,
    ANY_TEXT.map(lambda text: "http://example.org/" + text),
    st.sampled_from(["http://example.org/a", "http://example.org/b", "init:mod-demensteam"]),
)
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True)


def _verdict(store: SparqlStore, query: str, bindings: dict[str, Bindable]) -> object:
    """The sorted rows of ``query``, or the type of the project's error it gives."""
    try:
        return sorted(map(str, store.select(query, bindings)[1]))
    except NaravardError as error:
        return type(error)


@PROPERTY
@given(IRI_LIKE, ANY_TEXT)
def test_any_bound_text_gives_rows_or_a_typed_error_the_same_on_both_engines(
    stores: dict[str, SparqlStore], node: str, text: str
) -> None:
    for query, bindings in [
        ("SELECT ?o WHERE { ?node ?p ?o }", {"node": URIRef(node)}),
        ("SELECT ?s WHERE { ?s ?p ?text }", {"text": Literal(text)}),
    ]:
        verdicts = {engine: _verdict(stores[engine], query, bindings) for engine in ENGINES}
        assert verdicts["oxigraph"] == verdicts["rdflib"]


@pytest.fixture(scope="module")
def both() -> dict[str, naravard_kg.KnowledgeGraph]:
    """The knowledge graph on each engine."""
    return {engine: naravard_kg.load(engine=engine) for engine in ENGINES}


def _answer(kg: naravard_kg.KnowledgeGraph, node: str) -> object:
    """The rows of a query of the library with ``node`` as its node, or the error type."""
    try:
        return kg.query("source-quotes", node=node)
    except NaravardError as error:
        return type(error)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(IRI_LIKE)
def test_any_node_parameter_gives_rows_or_a_typed_error_the_same_on_both_engines(
    both: dict[str, naravard_kg.KnowledgeGraph], node: str
) -> None:
    assert _answer(both["oxigraph"], node) == _answer(both["rdflib"], node)
