"""Real SPARQL stores for tests: Oxigraph's server and Virtuoso Open Source.

Each store is started privately by a context manager, with its data and its log in a
folder of the test's own, on free loopback ports chosen at run time, so that parallel test
runs and an installed system service never clash. It is stopped (SIGTERM, then SIGKILL if
it lingers) when the ``with`` block ends, whatever happens inside it.

    with virtuoso_store(tmp_path) as store:
        push(kg.graph, store.store_url, store.graph, store.user, store.password)
        endpoint = naravard_kg.connect(store.query_url, default_graph=store.graph)

A store that cannot be started raises ``RuntimeError`` with the tail of its log: tests that
need one fail, they never skip. Virtuoso's default graph is the union of every graph, its
system graphs included, so queries name ours with ``default-graph-uri``.
"""

from __future__ import annotations

import http.client
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from naravard_kg.server import free_port

GRAPH = "https://w3id.org/naravard/graph"
"""The named graph the project's data is pushed into."""

READY_TIMEOUT = 60.0
"""Seconds a store may take to answer its first query (Virtuoso needs about 3 to 6)."""

STOP_TIMEOUT = 30.0
"""Seconds a store may take to exit after SIGTERM before it is killed."""

HTTP_TIMEOUT = 300.0
"""Seconds one request to a store may take (pushing the whole graph takes a few)."""

START_ATTEMPTS = 3
"""Starts tried, each on fresh ports, when a server exits before it is ready (a port
taken between ``free_port`` and the server's bind is the usual reason)."""

VIRTUOSO_HINT = "virtuoso-t not found: install Debian's virtuoso-opensource (make test does)"


@dataclass(frozen=True)
class RunningStore:
    """A started SPARQL store and how to talk to it."""

    name: str
    """``"oxigraph"`` or ``"virtuoso"``."""
    query_url: str
    """SPARQL 1.1 Protocol query endpoint."""
    store_url: str
    """SPARQL 1.1 Graph Store Protocol endpoint."""
    user: str | None
    """User for HTTP digest authentication on ``store_url`` (``None``: no authentication)."""
    password: str | None
    graph: str | None
    """The named graph to push into and query (``None``: the default graph)."""
    extra_query_params: dict[str, str] = field(default_factory=dict)
    """Parameters every query needs, e.g. ``{"default-graph-uri": graph}``."""
    log: Path | None = None
    """The server's log file."""

    def graph_store_url(self) -> str:
        """``store_url`` for ``graph`` (``?graph=IRI``) or for the default graph (``?default``)."""
        if self.graph is None:
            return f"{self.store_url}?default"
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': self.graph})}"


# --- starting and stopping -------------------------------------------------------------


def _log_tail(log: Path, lines: int = 40) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, wait, SIGKILL if needed, and reap: no process is left behind."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


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


def _wait_ready(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], name: str, log: Path
) -> bool:
    """Poll ``ready`` until it holds (True) or the process exits early (False).

    Raises ``RuntimeError`` with the log's tail when the timeout passes first.
    """
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if ready():
            return True
        time.sleep(0.2)
    raise RuntimeError(
        f"{name} did not answer within {READY_TIMEOUT:.0f} s; tail of {log}:\n{_log_tail(log)}"
    )


@contextmanager
def _serve(
    name: str,
    workdir: Path,
    launch: Callable[[int, Path], tuple[list[str], Path, Callable[[], bool], RunningStore]],
) -> Iterator[RunningStore]:
    """Start a server (retrying on fresh ports if it exits early), yield it, stop it.

    ``launch(attempt, log)`` prepares one attempt and returns the command, the working
    folder, the readiness check and the store description.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    attempt = 0
    while True:
        attempt += 1
        log = workdir / f"{name}-{attempt}.log"
        command, cwd, ready, store = launch(attempt, log)
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            if _wait_ready(process, ready, name, log):
                yield store
                return
        finally:
            _stop(process)
        if attempt >= START_ATTEMPTS:
            raise RuntimeError(
                f"{name} exited with status {process.returncode} before it was ready "
                f"({attempt} attempts); tail of {log}:\n{_log_tail(log)}"
            )


@contextmanager
def oxigraph_store(
    workdir: Path, *, graph: str | None = None, in_memory: bool = False
) -> Iterator[RunningStore]:
    """Oxigraph's own server (``oxigraph serve``, read-write) from this venv's bin folder.

    Its data lives in ``workdir/oxigraph-db-N`` (``--location``), or in memory with
    ``in_memory=True``: a PUT of the whole graph (~40k triples) takes 1 to 4 s on disk
    and 0.15 s in memory on a 2-core machine. With ``graph=None`` the data goes into the
    default graph (``/store?default``) and queries need no extra parameter; with a named
    graph they get ``default-graph-uri``.
    """
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise RuntimeError(f"{binary} not found: pyoxigraph's oxigraph server is not installed")

    def launch(attempt: int, log: Path) -> tuple[list[str], Path, Callable[[], bool], RunningStore]:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [str(binary), "serve", "--bind", f"127.0.0.1:{port}"]
        if not in_memory:
            command += ["--location", str(workdir / f"oxigraph-db-{attempt}")]
        store = RunningStore(
            name="oxigraph",
            query_url=f"{base}/query",
            store_url=f"{base}/store",
            user=None,
            password=None,
            graph=graph,
            extra_query_params={"default-graph-uri": graph} if graph else {},
            log=log,
        )
        ask = f"{store.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        return command, workdir, lambda: _status(ask) == 200, store

    with _serve("oxigraph", workdir, launch) as store:
        yield store


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
    ``/sparql-graph-crud-auth`` (HTTP digest, the fresh database's ``dba``/``dba``); the
    query endpoint ``/sparql`` is told ``default-graph-uri`` so that queries see ``graph``
    only, not Virtuoso's own system graphs.
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError(VIRTUOSO_HINT)

    def launch(attempt: int, log: Path) -> tuple[list[str], Path, Callable[[], bool], RunningStore]:
        sql_port = free_port()
        http_port = free_port()
        while http_port == sql_port:
            http_port = free_port()
        db = workdir / f"virtuoso-db-{attempt}"
        db.mkdir(parents=True, exist_ok=True)
        ini = db / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port), encoding="utf-8"
        )
        base = f"http://127.0.0.1:{http_port}"
        store = RunningStore(
            name="virtuoso",
            query_url=f"{base}/sparql",
            store_url=f"{base}/sparql-graph-crud-auth",
            user="dba",
            password="dba",
            graph=graph,
            extra_query_params={"default-graph-uri": graph},
            log=log,
        )
        ask = f"{store.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"

        def ready() -> bool:
            # /sparql answers as soon as the HTTP listener is up; the Graph Store endpoint
            # asking for credentials shows the database's own HTTP setup is there too.
            return _status(ask) == 200 and _status(store.graph_store_url()) == 401

        command = [binary, "+foreground", "+configfile", str(ini)]
        return command, db, ready, store

    with _serve("virtuoso", workdir, launch) as store:
        yield store
