"""A real SPARQL 1.1 server over the built graph: Oxigraph's, from the ``oxigraph`` package.

The union of ontology, asserted and inferred triples is bulk-loaded into an Oxigraph
database folder with pyoxigraph (the same version as the server), then
``oxigraph serve-read-only`` (or ``serve`` for a writable store) answers the SPARQL 1.1
Protocol at ``/query``, the Graph Store Protocol at ``/store`` and its web UI at ``/``.
"""

from __future__ import annotations

import ctypes
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from rdflib import Graph

from ..engines.base import nt_bytes
from ..errors import MissingExtra, NaravardError, ServerError
from .remote import http_client, http_request

READY_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class ServerOptions:
    """Where and how the server listens."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: int = 30
    read_write: bool = False
    union_default_graph: bool = False
    """Queries see the union of the named graphs (a built store keeps its parts apart)."""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine's own address (``localhost``, ``127.0.0.1``, ``::1``),
    which no other machine reaches."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on now (for ``--port 0`` and tests)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def check_port_free(host: str, port: int) -> None:
    """``ServerError`` when another program already listens on ``host``:``port`` (so a
    server answering there is never taken for the one about to start)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServerError(
                f"cannot listen on {host} port {port}: {exc.strerror or exc} "
                "(is another server running there? choose another --port, or --port 0)"
            ) from None


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server program installed beside this Python (or on ``PATH``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = beside if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise MissingExtra(
            "naravard-kg serve needs the oxigraph server, which is not installed: "
            "pip install 'naravard-kg[server]'"
        )
    return Path(found)


def load_database(graph: Graph, location: Path) -> int:
    """Bulk-load ``graph`` into a new Oxigraph database at ``location``; return its size."""
    import pyoxigraph

    if location.exists() and any(location.iterdir()):
        raise ServerError(f"{location} is not empty: give a new folder for the database")
    store = pyoxigraph.Store(str(location))
    store.bulk_load(nt_bytes(graph), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    size = len(store)
    del store  # closes the database, so the server can open it
    return size


def _die_with_parent() -> None:
    """In the child, before it runs the server: ask Linux to send it SIGTERM when this
    process dies, however it dies (SIGKILL included), so no server outlives its owner."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the calling process gets when its parent dies."""


def _tail(log: Path, lines: int = 20) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass(frozen=True)
class RunningServer:
    """A started server: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def check_alive(self) -> None:
        """``ServerError`` with the end of the log if the server has stopped."""
        if self.process.poll() is not None:
            raise ServerError(f"{self.process.args[0]} stopped:\n{_tail(self.log)}")


@contextmanager
def running_process(
    command: list[str], url: str, log: Path, ready: Callable[[], bool], cwd: Path | None = None
) -> Iterator[RunningServer]:
    """Run a server program until the block ends; enter once ``ready()`` holds.

    Its output goes to ``log``; ``ServerError`` with the end of the log if it stops
    before it is ready or is not ready within ``READY_TIMEOUT_S``. On leaving, it gets
    SIGTERM and, if it has not stopped after 10 s, SIGKILL.
    """
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    server = RunningServer(url, process, log)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not ready():
            server.check_alive()
            if time.monotonic() > deadline:
                raise ServerError(f"{command[0]} did not answer within {READY_TIMEOUT_S:.0f} s")
            time.sleep(0.1)
        server.check_alive()  # the answer came from this server, not one that was there
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def answers(url: str) -> bool:
    """Whether the SPARQL endpoint at ``url`` answers an ASK query now."""
    with http_client(timeout=2) as client:
        try:
            http_request(client, "GET", url, params={"query": "ASK{}"})
        except NaravardError:
            return False
    return True


@contextmanager
def running_server(location: Path, options: ServerOptions, log: Path) -> Iterator[RunningServer]:
    """Run the Oxigraph server on the database at ``location`` until the block ends
    (``ServerError`` at once if another program listens on its port)."""
    check_port_free(options.host, options.port)
    mode = "serve" if options.read_write else "serve-read-only"
    command = [
        str(oxigraph_binary()),
        mode,
        "--location",
        str(location),
        "--bind",
        f"{options.host}:{options.port}",
        "--timeout-s",
        str(options.timeout_s),
        *(["--union-default-graph"] if options.union_default_graph else []),
    ]
    with running_process(command, options.url, log, lambda: answers(f"{options.url}/query")) as s:
        yield s


@contextmanager
def stop_signals() -> Iterator[threading.Event]:
    """An event set by Ctrl-C (SIGINT) or SIGTERM while inside the block."""
    stop = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def serve(
    graph: Graph,
    location: Path,
    options: ServerOptions,
    say: Callable[[str], None],
    stop: threading.Event,
) -> None:
    """Load ``graph`` into a new database at ``location`` and serve it until ``stop`` is
    set; set while loading, it stops before the server starts."""
    say(f"loading {len(graph)} triples into an Oxigraph database at {location}")
    load_database(graph, location)
    if stop.is_set():
        say("stopped before serving")
        return
    serve_database(location, options, say, location.parent / "oxigraph.log", stop)


def serve_database(
    location: Path,
    options: ServerOptions,
    say: Callable[[str], None],
    log: Path,
    stop: threading.Event,
) -> None:
    """Serve the Oxigraph database at ``location`` until ``stop`` is set (see
    ``stop_signals``); the server's output goes to ``log``."""
    with running_server(location, options, log) as server:
        print(f"SPARQL endpoint: {server.url}/query", flush=True)
        print(f"web UI:          {server.url}/", flush=True)
        access = (
            "read-write (Graph Store Protocol at /store)" if options.read_write else "read-only"
        )
        print(f"{access}; query timeout {options.timeout_s} s; Ctrl-C stops", flush=True)
        while not stop.wait(0.5):
            server.check_alive()
    say("server stopped")
