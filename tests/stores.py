"""Real SPARQL stores for tests: Oxigraph's server and Virtuoso Open Source.

Each store is started privately by a context manager, with its data and its log in a
folder of the test's own, on free loopback ports chosen at run time, so that parallel test
runs and an installed system service never clash, and it is stopped (SIGTERM, then SIGKILL
if it lingers) when the ``with`` block ends, by ``naravard_kg.server.running_process``.

    with virtuoso_store(tmp_path) as store:
        push(kg.graph, store.store_url, store.graph, store.user, store.password)
        endpoint = naravard_kg.connect(store.query_url, default_graph=store.graph)

A store that cannot be started raises an error with the end of its log: tests that need
one fail, they never skip. Virtuoso's default graph is the union of every graph, its
system graphs included, so queries name ours with ``default-graph-uri``.
"""

from __future__ import annotations

import http.client
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from naravard_kg.endpoint.server import (
    ServerOptions,
    answers,
    free_port,
    running_process,
    running_server,
)

GRAPH = "https://w3id.org/naravard/graph"
"""The named graph the project's data is pushed into."""

VIRTUOSO_HINT = "virtuoso-t not found: install Debian's virtuoso-opensource-7-bin (make test does)"


@dataclass(frozen=True)
class RunningStore:
    """A started SPARQL store and how to talk to it."""

    name: str
    query_url: str
    """SPARQL 1.1 Protocol query endpoint."""
    store_url: str
    """SPARQL 1.1 Graph Store Protocol endpoint."""
    user: str | None
    """User for HTTP digest authentication on ``store_url`` (``None``: none needed)."""
    password: str | None
    graph: str
    """The named graph to push into and query."""


def _status(url: str) -> int | None:
    """The HTTP status of a GET of ``url``, ``None`` when nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code
    except (OSError, http.client.HTTPException):  # not listening yet, or reset while starting
        return None


@contextmanager
def oxigraph_store(workdir: Path, *, graph: str = GRAPH) -> Iterator[RunningStore]:
    """Oxigraph's own server, read-write, with its database in ``workdir``."""
    options = ServerOptions(port=free_port(), read_write=True)
    with running_server(workdir / "oxigraph-db", options, workdir / "oxigraph.log") as server:
        yield RunningStore(
            "oxigraph", f"{server.url}/query", f"{server.url}/store", None, None, graph
        )


VIRTUOSO_INI = """\
; A private Virtuoso instance for tests: its own files, loopback ports, no plugins, no VAD.
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort        = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed       = ., {db}
NumberOfBuffers   = 10000
MaxDirtyBuffers   = 6000

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerThreads        = 10
MaxClientConnections = 10

[SPARQL]
; The package's 10000 would silently truncate large results; 0 = no time or cost limit
; (with a limit Virtuoso may answer with partial "anytime" results instead of failing).
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso_store(workdir: Path, *, graph: str = GRAPH) -> Iterator[RunningStore]:
    """Virtuoso Open Source (Debian's ``virtuoso-t``) with a temporary database in ``workdir``.

    Its SQL and HTTP ports are free loopback ports chosen now. The Graph Store endpoint is
    ``/sparql-graph-crud-auth`` (HTTP digest, the fresh database's ``dba``/``dba``).
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError(VIRTUOSO_HINT)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    db = workdir / "virtuoso-db"
    db.mkdir(parents=True, exist_ok=True)
    ini = db / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port), encoding="utf-8"
    )
    base = f"http://127.0.0.1:{http_port}"
    store = RunningStore(
        "virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth", "dba", "dba", graph
    )
    graph_store = f"{store.store_url}?{urllib.parse.urlencode({'graph': graph})}"

    def ready() -> bool:
        # /sparql answers as soon as the HTTP listener is up; the Graph Store endpoint
        # asking for credentials shows the database's own HTTP setup is there too.
        return answers(store.query_url) and _status(graph_store) == 401

    command = [binary, "+foreground", "+configfile", str(ini)]
    with running_process(command, base, workdir / "virtuoso.log", ready, cwd=db):
        yield store
