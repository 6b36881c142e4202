"""Time the commands an analyst runs, each a whole process, against a current built store.

Beside ``naravard-kg query reporting-lines`` runs a bare Python process that opens the same
store read-only with pyoxigraph and runs the same query: the floor the command is measured
against. Every command runs once to make sure the store is current (the first run of
``similar`` also compares the regions and keeps the result beside the store), then
``--runs`` times; the table gives the first, the median and the fastest wall time, and
whether the median meets the target; ``serve`` is timed from its start to the first answer
of its endpoint.

    python benchmarks/bench_commands.py [--runs 5] [--readme README.md]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import naravard_kg
from naravard_kg.engines.binding import bind_values

BIN = Path(sys.executable).parent
CLI = str(BIN / "naravard-kg")
BARE = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
print(sum(1 for _ in store.query(sys.argv[2], use_default_graph_as_union=True)))
"""


BARE_LABEL = "bare pyoxigraph: open the store, run reporting-lines"
QUERY_LABEL = "naravard-kg query reporting-lines"
QUERY_TIMES_BARE = 3.0
"""Target: the query command takes at most this many times the bare process."""
SERVE_TARGET = 1.0


def commands(database: Path, query: str) -> list[tuple[str, list[str], float | None]]:
    """What is timed: (label, argv, target in seconds or ``None``)."""
    bare = [sys.executable, "-c", BARE, str(database), query]
    load = [sys.executable, "-c", "import naravard_kg; naravard_kg.load()"]
    return [
        (BARE_LABEL, bare, None),
        (QUERY_LABEL, [CLI, "-q", "query", "reporting-lines"], 0.3),
        ("naravard-kg queries", [CLI, "queries"], 0.2),
        ("naravard-kg chain init:mod-demensteam", [CLI, "-q", "chain", "init:mod-demensteam"], 0.5),
        ("naravard-kg gaps", [CLI, "-q", "gaps"], None),
        ("naravard-kg similar Gotland", [CLI, "-q", "similar", "Gotland"], 1.5),
        ("python -c 'import naravard_kg'", [sys.executable, "-c", "import naravard_kg"], 0.3),
        ("python -c 'naravard_kg.load()'", load, 0.5),
    ]


def row(label: str, first: float, times: list[float], target: float | None) -> str:
    """One line of the table; a target is met when the median is within it."""
    median = statistics.median(times)
    verdict = "" if target is None else ("met" if median <= target else "missed")
    goal = "" if target is None else f"{target:.1f}"
    return f"| {label} | {first:.2f} | {median:.2f} | {min(times):.2f} | {goal} | {verdict} |"


def wall(argv: list[str]) -> float:
    """Seconds one run of ``argv`` takes, output discarded; it must succeed."""
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def serve_until_answering() -> float:
    """Seconds from starting ``naravard-kg serve`` to its first answer (then it is stopped)."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"
    started = time.perf_counter()
    server = subprocess.Popen([CLI, "-q", "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        while server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.01)
        raise SystemExit("naravard-kg serve stopped before it answered")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--readme", type=Path, help="write the table between the markers")
    args = parser.parse_args(argv)
    kg = naravard_kg.load()
    assert kg.stored is not None, "the default engine keeps a built store"
    query = kg.catalogue.get("reporting-lines")
    text = bind_values(query.text, query.bindings({}))
    lines = [
        "| command | first run s | median s | fastest s | target s | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    medians = {}
    for label, command, target in commands(kg.stored.database, text):
        first = wall(command)  # the store is current (and the comparison kept) after this run
        times = [wall(command) for _ in range(args.runs)]
        medians[label] = statistics.median(times)
        lines.append(row(label, first, times, target))
    serve = [serve_until_answering() for _ in range(args.runs + 1)]
    label = "naravard-kg serve: until the endpoint answers"
    lines.append(row(label, serve[0], serve[1:], SERVE_TARGET))
    ratio = medians[QUERY_LABEL] / medians[BARE_LABEL]
    verdict = "met" if ratio <= QUERY_TIMES_BARE else "missed"
    lines.append(
        f"\n`query reporting-lines` / bare process: {ratio:.1f}x "
        f"(target at most {QUERY_TIMES_BARE:.0f}x: {verdict})"
    )
    table = "\n".join(lines) + "\n"
    print(table, end="")
    if args.readme:
        readme = args.readme.read_text(encoding="utf-8")
        head, rest = readme.split("<!-- commands:start -->\n")
        _, tail = rest.split("<!-- commands:end -->")
        args.readme.write_text(
            f"{head}<!-- commands:start -->\n{table}<!-- commands:end -->{tail}", "utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
