"""SPARQL over HTTP: the query library against any SPARQL 1.1 endpoint, and pushing the
graph into any SPARQL 1.1 Graph Store Protocol server (Oxigraph, Fuseki, GraphDB,
Virtuoso ...).

Only the standard library speaks HTTP here (``urllib``, with digest or basic
authentication when a user is given). Parameters are bound as a ``VALUES`` block of
checked RDF terms (``naravard_kg.binding``), never pasted into the query as text.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..core.paths import Layout
from ..core.rows import Rows
from ..engines.base import Row, TextRow, nt_bytes, text_rows
from ..engines.binding import bind_values
from ..engines.terms import Bindable
from ..errors import EndpointError
from ..library.catalogue import Catalogue
from ..library.select import run_select, run_sparql

SPARQL_RESULTS_JSON = "application/sparql-results+json"
DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Credentials:
    """A user and password for HTTP digest or basic authentication."""

    user: str
    password: str


def credentials_for(user: str | None, password: str | None) -> Credentials | None:
    """Credentials when a user is given (an empty password if none), else ``None``."""
    return Credentials(user, password or "") if user else None


def _opener(url: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    """A URL opener that answers digest and basic challenges with ``credentials``."""
    if credentials is None:
        return urllib.request.build_opener()
    passwords = _passwords(url, credentials)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPBasicAuthHandler(passwords),
    )


def _passwords(url: str, credentials: Credentials) -> urllib.request.HTTPPasswordMgr:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, credentials.user, credentials.password)
    return passwords


def authorize(request: urllib.request.Request, credentials: Credentials, timeout: float) -> None:
    """Add the ``Authorization`` header before the body goes out.

    A server may refuse a large upload before reading it (Virtuoso answers 401 and closes
    the connection), so the challenge is fetched first with a ``HEAD`` of the same URL and
    the request is sent once, already authorised. A server that asks for nothing, or that
    asks only later, is left to the opener's own digest and basic handlers.
    """
    probe = urllib.request.Request(request.full_url, method="HEAD")
    try:
        with urllib.request.urlopen(probe, timeout=timeout):
            return
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    except (urllib.error.URLError, OSError):
        return
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        digest = urllib.request.HTTPDigestAuthHandler(_passwords(request.full_url, credentials))
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        value = digest.get_authorization(request, fields)
        if value:
            request.add_unredirected_header("Authorization", f"Digest {value}")
    elif scheme.lower() == "basic":
        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode())
        request.add_unredirected_header("Authorization", f"Basic {token.decode()}")


def http_request(
    request: urllib.request.Request,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> bytes:
    """Send ``request`` and return the body; ``EndpointError`` with the server's words."""
    try:
        if credentials is not None and request.data is not None:
            authorize(request, credentials, timeout)
        with _opener(request.full_url, credentials).open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:3]
        raise EndpointError(
            f"{request.get_method()} {request.full_url}: HTTP {exc.code} {exc.reason}"
            + (f": {' '.join(detail)}" if detail else "")
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


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
class EndpointStore:
    """A SPARQL 1.1 Protocol query endpoint seen as a ``SparqlStore``."""

    url: str
    default_graph: str | None = None
    credentials: Credentials | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    extra_params: dict[str, str] = field(default_factory=dict)

    def _post(self, query: str, accept: str) -> bytes:
        """POST the query form-encoded (SPARQL 1.1 Protocol; every store takes this form,
        where some never answer a direct ``application/sparql-query`` body)."""
        params = {"query": query, **self.extra_params}
        if self.default_graph:
            params["default-graph-uri"] = self.default_graph
        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(params).encode("ascii"),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        return http_request(request, self.credentials, self.timeout)

    def select(self, query: str, bindings: Mapping[str, Bindable]) -> tuple[list[str], list[Row]]:
        body = self._post(bind_values(query, bindings), SPARQL_RESULTS_JSON)
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

    def select_text(
        self, query: str, bindings: Mapping[str, Bindable]
    ) -> tuple[list[str], list[TextRow]]:
        variables, rows = self.select(query, bindings)
        return variables, text_rows(rows)

    def construct(self, query: str) -> Graph:
        body = self._post(query, "application/n-triples")
        return Graph().parse(data=body.decode("utf-8"), format="nt")


class Endpoint:
    """The query library run against a SPARQL endpoint (``naravard_kg.connect(url)``)."""

    def __init__(self, store: EndpointStore, layout: Layout | None = None) -> None:
        self.store = store
        self.catalogue = Catalogue((layout or Layout()).queries)

    def query(self, name: str, **params: str | Node) -> Rows:
        """Run a query of the library by name with its parameters bound, not pasted in."""
        query = self.catalogue.get(name)
        return run_select(self.store, query.text, query.bindings(params))

    def sparql(self, text: str, bindings: dict[str, Node] | None = None) -> Rows:
        """Run any SELECT query (the project's prefixes are predeclared)."""
        return run_sparql(self.store, text, bindings or {})


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
    a named graph, as ``push --graph`` leaves it).
    """
    store = EndpointStore(url, default_graph, credentials_for(user, password), timeout)
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
    digest or basic authentication when ``user`` is given.
    """
    target = {"graph": named_graph} if named_graph else {"default": ""}
    query = urllib.parse.urlencode(target).removesuffix("=")
    request = urllib.request.Request(
        f"{store_url}?{query}",
        data=nt_bytes(graph),
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    http_request(request, credentials_for(user, password), timeout)
    return len(graph)
