"""SPARQL over HTTP: the query library against any SPARQL 1.1 endpoint, and pushing the
graph into any SPARQL 1.1 Graph Store Protocol server (Oxigraph, Fuseki, GraphDB,
Virtuoso ...).

httpx speaks HTTP here: one client per endpoint or push, keeping its connections open
between requests, with digest (MD5, SHA-256, SHA-512, each also ``-sess``) or basic
authentication when a user is given, and timeouts. Every failure is an ``EndpointError``.
Parameters are bound as a ``VALUES`` block of checked RDF terms
(``naravard_kg.engines.binding``), never pasted into the query as text.
"""

from __future__ import annotations

import functools
import json
import re
import ssl
import time
import urllib.parse
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.term import Node

from ..core.paths import Layout
from ..core.rows import Rows
from ..engines.base import RESULT_FORMATS, Row, ValuesFromTerms, nt_bytes
from ..engines.binding import bind_values
from ..engines.terms import Bindable
from ..errors import EndpointError
from ..library.catalogue import Catalogue
from ..library.nodes import NodeFinder
from ..library.select import run_select, run_sparql

SPARQL_RESULTS_JSON = "application/sparql-results+json"
DEFAULT_TIMEOUT_S = 60.0
_CANCELLED = re.compile(rb"operation has been cancelled|timed? ?out", re.IGNORECASE)
"""What a server writes at the end of an answer it cut off at its query time limit (Oxigraph:
"The SPARQL operation has been cancelled") after sending a success status."""
_CANCELLED_TAIL = 300


@dataclass(frozen=True)
class Credentials:
    """A user and password for HTTP digest or basic authentication."""

    user: str
    password: str = field(repr=False)


def credentials_for(user: str | None, password: str | None) -> Credentials | None:
    """Credentials when a user is given (an empty password if none), else ``None``."""
    return Credentials(user, password or "") if user else None


_USERINFO = re.compile(r"(//)[^/?#]*@")


def without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` left out, to be shown in a message."""
    return _USERINFO.sub(r"\1", url)


def split_url(url: str) -> tuple[str, Credentials | None]:
    """``url`` without its user and password, and the credentials written in it (``None``
    if none); ``EndpointError`` naming ``url`` (never its password) unless it is an
    http(s) URL with a host."""
    shown = without_userinfo(url)
    example = "e.g. http://127.0.0.1:7878/query"
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise EndpointError(f"{shown!r} is not a URL ({exc}); {example}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise EndpointError(f"{shown!r} is not an http(s) URL with a host; {example}")
    credentials = credentials_for(parsed.username, parsed.password)
    return str(parsed.copy_with(username=None, password=None)), credentials


def resolve_credentials(
    url: str, user: str | None, password: str | None
) -> tuple[str, Credentials | None]:
    """``url`` without its user and password, and the credentials to send: ``user`` and
    ``password`` when a user is given, else those written in ``url``."""
    bare, in_url = split_url(url)
    return bare, credentials_for(user, password) or in_url


class ChallengeAuth(httpx.Auth):
    """Digest or basic authentication, whichever the server's challenge asks for.

    Before the first request, a ``HEAD`` of its URL fetches the challenge and a second,
    authorised ``HEAD`` tries the credentials, so the request goes out once, already
    authorised, and not at all when the credentials are refused: a server may refuse a
    large upload before reading it (Virtuoso answers 401 and closes the connection). If the
    first ``HEAD`` asks for nothing,
    the request is sent as it is and its own 401 is answered. A challenge offering digest
    is answered with ``httpx.DigestAuth``, else one offering basic with
    ``httpx.BasicAuth``; that scheme then answers the client's later requests.
    """

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self.scheme: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        try:
            yield from self._flow(request)
        except (KeyError, NotImplementedError) as exc:  # httpx's digest: algorithm, qop
            message = f"unsupported digest challenge: {exc}"
            raise httpx.ProtocolError(message, request=request) from None

    def _flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.scheme is not None:
            yield from self.scheme.auth_flow(request)
            return
        challenge = yield httpx.Request("HEAD", request.url)
        if challenge.status_code != 401:
            challenge = yield request
            self.scheme = self._answer(challenge)
            if self.scheme is not None:
                yield from self._authorised(request, challenge)
            return
        self.scheme = self._answer(challenge)
        if self.scheme is None:
            return
        probe = yield from self._authorised(httpx.Request("HEAD", request.url), challenge)
        if probe.status_code != 401:  # the credentials are taken: send the request once
            yield from self.scheme.auth_flow(request)

    def _authorised(
        self, request: httpx.Request, challenge: httpx.Response
    ) -> Generator[httpx.Request, httpx.Response, httpx.Response]:
        """Send ``request`` authorised by the scheme answering ``challenge`` (a digest
        scheme's first, unauthorised request is taken as sent and answered by it); the
        last response."""
        assert self.scheme is not None
        flow = self.scheme.auth_flow(request)
        sending = next(flow)
        if isinstance(self.scheme, httpx.DigestAuth):
            sending = flow.send(challenge)
        while True:
            response = yield sending
            try:
                sending = flow.send(response)
            except StopIteration:
                return response

    def _answer(self, challenge: httpx.Response) -> httpx.Auth | None:
        """The scheme that answers a 401 ``challenge``; ``None`` if there is none to answer."""
        if challenge.status_code != 401:
            return None
        offered = {v.split(" ")[0].lower() for v in challenge.headers.get_list("WWW-Authenticate")}
        user, password = self.credentials.user, self.credentials.password
        if "digest" in offered:
            return httpx.DigestAuth(user, password)
        if "basic" in offered:
            return httpx.BasicAuth(user, password)
        return None


@functools.cache
def _tls() -> ssl.SSLContext:
    """The certificates httpx trusts, loaded once for every client of the process."""
    return httpx.create_ssl_context()


def http_client(
    credentials: Credentials | None = None, timeout: float = DEFAULT_TIMEOUT_S
) -> httpx.Client:
    """A client that keeps its connections open between requests, follows redirects,
    waits at most ``timeout`` seconds to connect or for each read, and authenticates
    with ``credentials`` (``ChallengeAuth``) when given."""
    return httpx.Client(
        auth=ChallengeAuth(credentials) if credentials else None,
        timeout=timeout,
        follow_redirects=True,
        verify=_tls(),
    )


def http_request(client: httpx.Client, method: str, url: str, **options: Any) -> bytes:
    """Send a request with ``client`` and return the body of its successful answer.

    ``options`` are ``httpx.Client.request``'s (``params``, ``data``, ``content``,
    ``headers``). Every failure is an ``EndpointError`` naming the method and URL: the
    server's status and first words, no connection, no answer in time, a broken answer.
    """
    try:
        response = client.request(method, url, **options)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise EndpointError(f"cannot reach {url}: {exc}") from None
    except httpx.TimeoutException:
        seconds = client.timeout.read
        raise EndpointError(f"{method} {url}: no answer within {seconds:g} s") from None
    except (httpx.RequestError, httpx.InvalidURL) as exc:
        raise EndpointError(f"{method} {url}: {exc}") from None
    if not response.is_success:
        detail = response.text.strip().splitlines()[:3]
        raise EndpointError(
            f"{method} {url}: HTTP {response.status_code} {response.reason_phrase}"
            + (f": {' '.join(detail)}" if detail else "")
        )
    return response.content


def term_from_json(binding: Mapping[str, str]) -> Node:
    """A term of the SPARQL 1.1 JSON results format as an rdflib term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype is None or datatype == str(XSD.string):
        return Literal(value)
    return Literal(value, datatype=datatype)


@dataclass
class EndpointStore(ValuesFromTerms):
    """A SPARQL 1.1 Protocol query endpoint seen as a ``SparqlStore``."""

    url: str
    default_graph: str | None = None
    credentials: Credentials | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    extra_params: dict[str, str] = field(default_factory=dict)
    client: httpx.Client = field(init=False, repr=False, compare=False)
    """One client for every query, so the connections to the endpoint are reused."""

    def __post_init__(self) -> None:
        self.client = http_client(self.credentials, self.timeout)

    def close(self) -> None:
        """Close the connections kept open to the endpoint."""
        self.client.close()

    def _post(self, query: str, accept: str) -> bytes:
        """POST the query form-encoded (SPARQL 1.1 Protocol; every store takes this form,
        where some never answer a direct ``application/sparql-query`` body)."""
        params = {"query": query, **self.extra_params}
        if self.default_graph:
            params["default-graph-uri"] = self.default_graph
        return http_request(self.client, "POST", self.url, data=params, headers={"Accept": accept})

    def select(self, query: str, bindings: Mapping[str, Bindable]) -> tuple[list[str], list[Row]]:
        started = time.monotonic()
        body = self._post(bind_values(query, bindings), SPARQL_RESULTS_JSON)
        tail = body[-_CANCELLED_TAIL:]
        if not tail.rstrip().endswith(b"}") and _CANCELLED.search(tail):  # before parsing it
            raise EndpointError(
                f"{self.url} timed out after {time.monotonic() - started:.0f} s: the "
                "endpoint stopped the query at its time limit, part way through its answer"
            )
        try:
            results = json.loads(body)
            variables = list(results["head"]["vars"])
            rows = [
                tuple(term_from_json(row[v]) if v in row else None for v in variables)
                for row in results["results"]["bindings"]
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise EndpointError(
                f"{self.url} did not answer with SPARQL JSON results: {exc}"
            ) from None
        return variables, rows

    def select_results(self, query: str, bindings: Mapping[str, Bindable], fmt: str) -> bytes:
        """The endpoint's own results in ``fmt``, asked for by media type."""
        return self._post(bind_values(query, bindings), RESULT_FORMATS[fmt])

    def construct(self, query: str) -> Graph:
        body = self._post(query, "application/n-triples")
        try:
            return Graph().parse(data=body.decode("utf-8"), format="nt")
        except (UnicodeDecodeError, ParserError) as exc:
            raise EndpointError(f"{self.url} did not answer with N-Triples: {exc}") from None


class Endpoint:
    """The query library run against a SPARQL endpoint (``naravard_kg.connect(url)``)."""

    def __init__(self, store: EndpointStore, layout: Layout | None = None) -> None:
        self.store = store
        self.catalogue = Catalogue((layout or Layout()).queries)
        self.nodes = NodeFinder(store)

    def query(self, name: str, **params: str | Node) -> Rows:
        """Run a query of the library by name with its parameters bound, not pasted in."""
        query = self.catalogue.get(name)
        return run_select(self.store, query.text, query.bindings(params, self.nodes.resolve))

    def query_results(self, name: str, fmt: str, **params: str | Node) -> bytes:
        """Run a query of the library; the endpoint's results in the W3C format ``fmt``."""
        query = self.catalogue.get(name)
        bindings = query.bindings(params, self.nodes.resolve)
        return self.store.select_results(query.text, bindings, fmt)

    def sparql(self, text: str, bindings: dict[str, Node] | None = None) -> Rows:
        """Run any SELECT query (the project's prefixes are predeclared); the endpoint,
        not this machine, answers a ``SERVICE`` in it."""
        return run_sparql(self.store, text, bindings or {}, allow_service=True)

    def close(self) -> None:
        """Close the connections kept open to the endpoint (also on leaving a ``with``)."""
        self.store.close()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def connect(
    url: str,
    default_graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    root: str | Path | None = None,
) -> Endpoint:
    """The query library against the SPARQL endpoint at ``url`` (e.g. ``naravard-kg serve``'s).

    ``default_graph`` is sent as ``default-graph-uri`` (for a store holding our graph in
    a named graph, as ``push --graph`` leaves it); ``timeout`` bounds the wait, in
    seconds, for a connection and for each read of an answer. A user and password
    written in ``url`` (``http://user:password@host/...``) are used unless ``user`` is
    given, and never shown; a ``url`` that is not an http(s) URL is an ``EndpointError``.
    """
    bare, credentials = resolve_credentials(url, user, password)
    store = EndpointStore(bare, default_graph, credentials, timeout)
    return Endpoint(store, Layout(Path(root)) if root is not None else None)


def push(
    graph: Graph,
    store_url: str,
    named_graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> int:
    """Replace a graph of a Graph Store Protocol server by ``graph``; return its size.

    An HTTP ``PUT`` of N-Triples to ``store_url?graph=IRI`` (or ``?default``), with
    digest or basic authentication when ``user`` is given or written in ``store_url``
    (never shown).
    """
    bare, credentials = resolve_credentials(store_url, user, password)
    target = {"graph": named_graph} if named_graph else {"default": ""}
    query = urllib.parse.urlencode(target).removesuffix("=")
    headers = {"Content-Type": "application/n-triples"}
    with http_client(credentials, timeout) as client:
        http_request(client, "PUT", f"{bare}?{query}", content=nt_bytes(graph), headers=headers)
    return len(graph)
