"""Load on a SPARQL endpoint: concurrent clients run the whole query library and every
answer is compared with the embedded engine's.

Serves the built store read-only as ``naravard-kg serve`` does (Oxigraph's server on a
free loopback port), runs one client, then ``--clients`` threads, that each go
``--rounds`` times through every query of the library with its example parameters, and
prints the latency percentiles and the number of wrong answers (which must be 0), beside
the same queries run in-process on the store.

    python benchmarks/bench_endpoint.py --clients 8 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import naravard_kg
from naravard_kg.core.rows import Rows
from naravard_kg.endpoint.server import ServerOptions, free_port, running_server

Ask = Callable[[str, dict[str, str]], Rows]


def p95_ms(latencies: list[float]) -> float:
    """The 95th percentile of latencies in seconds, in milliseconds."""
    return 1000 * statistics.quantiles(latencies, n=20, method="inclusive")[-1]


@dataclass
class LoadResult:
    """Latencies (seconds) of every request, and the queries that came back wrong."""

    latencies: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.latencies)} requests in {self.seconds:.1f} s "
            f"({len(self.latencies) / self.seconds:.0f}/s); latency ms: "
            f"median {1000 * statistics.median(self.latencies):.1f}, "
            f"p95 {p95_ms(self.latencies):.1f}, max {1000 * max(self.latencies):.1f}; "
            f"wrong answers: {len(self.wrong)}"
        )


def run_load(
    ask: Ask,
    expected: dict[str, Rows],
    params: dict[str, dict[str, str]],
    clients: int,
    rounds: int,
    seconds: float = 0.0,
) -> LoadResult:
    """``clients`` threads each ask every query ``rounds`` times, and go on asking until
    ``seconds`` have passed, checking every answer (an error stops the run and is raised)."""
    result = LoadResult()
    until = time.perf_counter() + seconds

    def client(offset: int) -> None:
        names = list(expected)
        index = 0
        while index < rounds * len(names) or time.perf_counter() < until:
            name = names[(index + offset) % len(names)]
            index += 1
            start = time.perf_counter()
            rows = ask(name, params[name])
            result.latencies.append(time.perf_counter() - start)
            if rows != expected[name] or rows.columns != expected[name].columns:
                result.wrong.append(name)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    kg = naravard_kg.load()
    if kg.stored is None:
        parser.error("no built store: run `naravard-kg build` first")
    params = {q.name: q.example_params() for q in kg.catalogue}
    expected = {name: kg.query(name, **p) for name, p in params.items()}
    embedded = run_load(lambda n, p: kg.query(n, **p), expected, params, 1, args.rounds)
    options = ServerOptions(port=free_port(), union_default_graph=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        running_server(kg.stored.database, options, Path(folder) / "log") as server,
    ):
        endpoint = naravard_kg.connect(f"{server.url}/query")
        runs = {
            clients: run_load(
                lambda n, p: endpoint.query(n, **p), expected, params, clients, args.rounds
            )
            for clients in sorted({1, args.clients})
        }
    print(f"the built store, {args.rounds} rounds x {len(expected)} queries per client:")
    print(f"  in-process (pyoxigraph, 1 client): {embedded.summary()}")
    for clients, result in runs.items():
        print(f"  endpoint, {clients} client(s):        {result.summary()}")
    return 1 if any(result.wrong for result in runs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
