"""The HTTP client against a tiny SPARQL endpoint of the standard library's ``http.server``
on a free loopback port: digest (RFC 7616, MD5 and SHA-256, with and without ``-sess``)
and basic authentication, connections kept open, and every failure an ``EndpointError``
that names the URL and never the password (exit 2 on the command line)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph, Literal, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.endpoint.remote import push

USER, PASSWORD, REALM = "analyst", "s3cret-Pa55", "naravard"
NONCE, OPAQUE = "dcd98b7102dd2f0e8b11d0f600bfb0c093", "5ccc069c403ebaf9f0171e9517f40e41"
QUERY = "SELECT ?x WHERE { ?s ?p ?x }"
QUERY_COMMAND = ["-q", "query", "reporting-lines"]
RESULTS = {
    "head": {"vars": ["x"]},
    "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]},
}
SCHEMES = ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "Basic"]
"""What the server asks for: a digest algorithm, or basic authentication."""


@dataclass(frozen=True)
class Behaviour:
    """How the fake endpoint answers."""

    scheme: str | None = None
    """The authentication it demands (one of ``SCHEMES``), ``None`` for none."""
    head_asks: bool = True
    """Whether a ``HEAD`` is challenged too, or only the requests that do something."""
    answer: str = "results"
    """``results``, ``500``, ``not-json``, ``close`` (hang up) or ``silence`` (never answer)."""


class FakeEndpoint(ThreadingHTTPServer):
    """A SPARQL endpoint that counts its TCP connections and records each request as
    (method, authorised), checking digest nonce counts as strictly as Apache can."""

    daemon_threads = True

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.behaviour = behaviour
        self.connections = 0
        self.requests: list[tuple[str, bool]] = []
        self.bodies: list[bytes] = []
        self.nonce_count = 0
        self.stop = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/sparql"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the connection open between requests
    server: FakeEndpoint

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self.answer()

    do_GET = do_POST = do_PUT = do_HEAD

    def answer(self) -> None:
        behaviour = self.server.behaviour
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        authorised = self.authorised()
        self.server.requests.append((self.command, authorised))
        if behaviour.scheme and not authorised and (behaviour.head_asks or self.command != "HEAD"):
            self.send(401, b"who are you?\n", self.challenge())
        elif behaviour.answer == "close":
            self.close_connection = True
        elif behaviour.answer == "silence":
            self.server.stop.wait()
            self.close_connection = True
        elif behaviour.answer == "500":
            self.send(500, b"the store broke\nwhile reading\n")
        elif behaviour.answer == "not-json":
            self.send(200, b"<html>a login page</html>")
        else:
            self.server.bodies.append(body)
            self.send(200, json.dumps(RESULTS).encode())

    def send(self, status: int, body: bytes, challenge: str | None = None) -> None:
        self.send_response(status)
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def challenge(self) -> str:
        scheme = self.server.behaviour.scheme
        if scheme == "Basic":
            return f'Basic realm="{REALM}"'
        fields = f'realm="{REALM}", qop="auth", nonce="{NONCE}", opaque="{OPAQUE}"'
        return f"Digest {fields}, algorithm={scheme}"

    def authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        kind, _, rest = header.partition(" ")
        if kind == "Basic" and self.server.behaviour.scheme == "Basic":
            return rest == base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if kind == "Digest" and self.server.behaviour.scheme != "Basic":
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
            return self.digest_is_right(fields)
        return False

    def digest_is_right(self, fields: dict[str, str]) -> bool:
        """RFC 7616, section 3.4.1 (``qop=auth``), and a nonce count one above the last."""
        algorithm = self.server.behaviour.scheme or ""
        name = algorithm.removesuffix("-sess").replace("-", "").lower()

        def h(text: str) -> str:
            return hashlib.new(name, text.encode()).hexdigest()

        secret = h(f"{USER}:{REALM}:{PASSWORD}")
        if algorithm.endswith("-sess"):
            secret = h(f"{secret}:{NONCE}:{fields['cnonce']}")
        nc, cnonce = fields["nc"], fields["cnonce"]
        expected = h(f"{secret}:{NONCE}:{nc}:{cnonce}:auth:{h(f'{self.command}:{self.path}')}")
        in_order = int(nc, 16) == self.server.nonce_count + 1
        self.server.nonce_count = int(nc, 16)
        return (
            fields["username"] == USER
            and fields["uri"] == self.path
            and fields["algorithm"] == algorithm
            and fields["opaque"] == OPAQUE
            and fields["response"] == expected
            and in_order
        )


@contextmanager
def fake_endpoint(behaviour: Behaviour) -> Iterator[FakeEndpoint]:
    server = FakeEndpoint(behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_scheme_the_server_asks_for_is_answered_once_on_one_connection(scheme: str) -> None:
    """The challenge is fetched with a ``HEAD`` and the credentials tried with another,
    then each query goes out once, already authorised, over the one connection the
    client keeps."""
    with (
        fake_endpoint(Behaviour(scheme)) as server,
        naravard_kg.connect(server.url, user=USER, password=PASSWORD) as endpoint,
    ):
        for _ in range(3):
            assert endpoint.sparql(QUERY) == [{"x": "ok"}]
    assert server.requests == [("HEAD", False), ("HEAD", True)] + [("POST", True)] * 3
    assert server.connections == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_wrong_password_is_an_endpoint_error_without_the_password(scheme: str) -> None:
    with (
        fake_endpoint(Behaviour(scheme)) as server,
        naravard_kg.connect(server.url, user=USER, password="wrong-" + PASSWORD) as endpoint,
        pytest.raises(naravard_kg.EndpointError, match=rf"POST {server.url}: HTTP 401") as error,
    ):
        endpoint.sparql(QUERY)
    assert PASSWORD not in str(error.value) and PASSWORD not in repr(endpoint.store)


def test_a_challenge_only_on_the_request_itself_is_answered() -> None:
    """A server that lets the ``HEAD`` through gets the query, refuses it, and then gets it
    authorised; later queries are authorised at once."""
    with (
        fake_endpoint(Behaviour("SHA-256", head_asks=False)) as server,
        naravard_kg.connect(server.url, user=USER, password=PASSWORD) as endpoint,
    ):
        assert endpoint.sparql(QUERY) == endpoint.sparql(QUERY) == [{"x": "ok"}]
    assert server.requests == [("HEAD", False), ("POST", False), ("POST", True), ("POST", True)]


def test_an_unsupported_digest_algorithm_is_an_endpoint_error() -> None:
    with (
        fake_endpoint(Behaviour("SHA-512-256")) as server,
        naravard_kg.connect(server.url, user=USER, password=PASSWORD) as endpoint,
        pytest.raises(naravard_kg.EndpointError, match="unsupported digest challenge"),
    ):
        endpoint.sparql(QUERY)


def test_push_sends_the_graph_once_authorised() -> None:
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal("å")))
    with fake_endpoint(Behaviour("SHA-256")) as server:
        assert push(graph, server.url, "https://example.org/g", USER, PASSWORD) == 1
    assert server.requests == [("HEAD", False), ("HEAD", True), ("PUT", True)]
    assert server.bodies == [b"", graph.serialize(format="nt", encoding="utf-8")]  # HEAD, PUT
    assert server.connections == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_push_with_a_wrong_password_sends_no_graph(scheme: str) -> None:
    """The credentials are tried with a ``HEAD`` first: refused, the graph is not sent."""
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal("å")))
    with (
        fake_endpoint(Behaviour(scheme)) as server,
        pytest.raises(naravard_kg.EndpointError, match=rf"PUT {server.url}\?default: HTTP 401"),
    ):
        push(graph, server.url, None, USER, "wrong-" + PASSWORD)
    assert server.requests == [("HEAD", False), ("HEAD", False)]
    assert server.bodies == []


FAILURES = {
    "500": r"POST {url}: HTTP 500 Internal Server Error: the store broke while reading",
    "not-json": r"{url} did not answer with SPARQL JSON results",
    "close": r"POST {url}: Server disconnected without sending a response",
    "silence": r"POST {url}: no answer within 0\.5 s",
}


@pytest.mark.parametrize("answer", sorted(FAILURES))
def test_every_failure_is_an_endpoint_error_naming_the_url(answer: str) -> None:
    with (
        fake_endpoint(Behaviour(answer=answer)) as server,
        naravard_kg.connect(server.url, timeout=0.5) as endpoint,
        pytest.raises(naravard_kg.EndpointError, match=FAILURES[answer].format(url=server.url)),
    ):
        endpoint.sparql(QUERY)


@pytest.mark.parametrize(
    ("behaviour", "says"),
    [
        (Behaviour("SHA-256"), "HTTP 401 Unauthorized"),
        (Behaviour("Basic"), "HTTP 401 Unauthorized"),
        (Behaviour(answer="500"), "HTTP 500"),
        (Behaviour(answer="not-json"), "did not answer with SPARQL JSON results"),
        (Behaviour(answer="close"), "Server disconnected"),
    ],
    ids=["digest", "basic", "500", "not-json", "close"],
)
@pytest.mark.parametrize("source", ["option", "environment"])
def test_the_command_line_exits_2_without_a_traceback_or_the_password(
    behaviour: Behaviour,
    says: str,
    source: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = "wrong-" + PASSWORD
    if source == "environment":
        monkeypatch.setenv("NARAVARD_PASSWORD", wrong)
    given = ["--password", wrong] if source == "option" else []
    with fake_endpoint(behaviour) as server:
        code = main([*QUERY_COMMAND, "--endpoint", server.url, "--user", USER, *given])
    out, err = capsys.readouterr()
    assert code == 2
    assert re.fullmatch(rf"naravard-kg: error: .*{re.escape(server.url)}.*{says}.*\n", err), err
    assert "Traceback" not in err and PASSWORD not in out + err
