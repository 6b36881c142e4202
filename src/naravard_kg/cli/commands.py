"""What each ``naravard-kg`` command does, one function per command.

Each handler gets the loaded knowledge graph, the parsed arguments and a progress
callback, prints its data to stdout and returns the exit code. A handler imports what only
it needs (the build, the server, the analytics' tables) itself, so a query answered from
the built store loads none of it, nor rdflib.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from ..core.defaults import Publication
from ..core.progress import Progress
from ..core.rows import Rows
from ..errors import EXIT_NONCONFORMANT, EXIT_OK, BadParameter, InputFileError
from ..kg import KnowledgeGraph

Handler = Callable[[KnowledgeGraph, argparse.Namespace, Progress], int]


def _print(rows: Rows, fmt: str) -> int:
    print(rows.format(fmt), end="")
    return EXIT_OK


def _wrote(paths: list[Path]) -> None:
    for path in paths:
        print(f"naravard-kg: wrote {path}", file=sys.stderr)


def _print_paths(paths: list[Path]) -> int:
    print("\n".join(str(path) for path in paths))
    return EXIT_OK


def query(kg: KnowledgeGraph, args: argparse.Namespace, _progress: Progress) -> int:
    """Run one query of the library with its parameters: a table, or a W3C SPARQL results
    format as the engine writes it."""
    if args.format == "table":
        return _print(kg.query(args.name, **args.params), args.format)
    print(kg.query_results(args.name, args.format, **args.params).decode("utf-8"), end="")
    return EXIT_OK


def build(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Validate and publish everything under ``--out`` at once; print the summary."""
    from ..publish import build as publish

    result = publish(
        kg, args.out, progress, args.lang, Publication(args.base_url, args.endpoint_url)
    )
    print(result.summary(), end="")
    if not result.ok:
        print(result.quality_text(), file=sys.stderr, end="")
    return EXIT_OK if result.ok else EXIT_NONCONFORMANT


def coverage(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Counts per region and document; exit 1 when a section with text is missing."""
    progress("counting per region and per document")
    report = kg.coverage(region=args.region)
    print(report.text(), end="")
    return EXIT_NONCONFORMANT if report.missed_sections else EXIT_OK


def check(kg: KnowledgeGraph, _args: argparse.Namespace, progress: Progress) -> int:
    """The quality checks and the quotes; exit 1 when any fails."""
    progress("running quality checks and checking quotes against the corpus")
    failed = 0
    for name, rows in kg.run_checks().items():
        print(f"{'FAIL' if rows else 'ok  '}  {name} ({len(rows)} row(s))")
        if rows:
            print(rows.to_table(), end="")
        failed += bool(rows)
    try:
        problems = kg.quote_problems()
    except InputFileError as exc:  # no corpus: said once, the checks above still count
        print(f"skip  quotes: {exc}")
        return EXIT_NONCONFORMANT if failed else EXIT_OK
    print(f"{'FAIL' if problems else 'ok  '}  quotes found in the corpus")
    for problem in problems:
        print(f"      {problem}")
    return EXIT_NONCONFORMANT if failed or problems else EXIT_OK


def validate(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """SHACL validation as text or JSON; exit 1 when the graph does not conform."""
    progress("validating (SHACL)")
    report = kg.validate(lang=args.lang)
    if args.report:
        _wrote([kg.export_report(report, args.report)])
    if args.format == "json":
        print(json.dumps([asdict(r) for r in report.results], ensure_ascii=False, indent=2))
    else:
        print(report.text(), end="")
    return EXIT_OK if report.conforms else EXIT_NONCONFORMANT


def chain(kg: KnowledgeGraph, args: argparse.Namespace, _progress: Progress) -> int:
    """The chain of a node (drawn with ``--figure``), or with ``--reverse`` what it answers for."""
    from ..analytics.chains import dependants_table, steps_table

    if args.reverse:
        return _print(dependants_table(kg.accountable_for(args.node)), args.format)
    steps = kg.chain(args.node)
    _wrote(kg.draw_chain(args.node, args.figure) if args.figure else [])
    return _print(steps_table(steps), args.format)


def gaps(kg: KnowledgeGraph, args: argparse.Namespace, _progress: Progress) -> int:
    """Accountability gaps of a region."""
    if args.region and args.region_option:
        raise BadParameter("give the region once: as an argument or with --region, not both")
    region = args.region_option or args.region
    return _print(kg.gaps(region) if region else kg.gaps(), args.format)


def similar(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """A region's closest peers with the reasons."""
    progress("comparing regions (themes, text, governance)")
    return _print(kg.similarity.peer_rows(args.region, args.n, args.measure), args.format)


def clusters(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Clusters of regions with their characteristic themes."""
    progress("comparing regions (themes, text, governance)")
    return _print(kg.similarity.cluster_rows(args.k), args.format)


def diff(kg: KnowledgeGraph, args: argparse.Namespace, _progress: Progress) -> int:
    """What changed between two plan versions (drawn with ``--figure``)."""
    changes = kg.diff(args.old, args.new)
    _wrote(kg.draw_diff(changes, args.figure) if args.figure else [])
    return _print(changes.to_rows(), args.format)


def lifecycles(kg: KnowledgeGraph, args: argparse.Namespace, _progress: Progress) -> int:
    """Initiatives across documents and years (one timeline with ``--figure``)."""
    from ..analytics.plans import lifecycles_table

    cycles = [kg.lifecycle(node) for node in args.nodes]
    _wrote(kg.draw_lifecycles(cycles, args.figure) if args.figure else [])
    return _print(lifecycles_table(cycles), args.format)


def export(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Graphs, networks, the interactive view and query tables (or one region or chain)."""
    from ..publish import write_exports

    return _print_paths(write_exports(kg, args.out, progress, args.region, args.chain))


def report(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """The pictures and the HTML and Markdown report."""
    from ..publish import write_pictures_and_report

    return _print_paths(write_pictures_and_report(kg, args.out, progress))


def serve(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Serve the graph with Oxigraph's SPARQL server until Ctrl-C or SIGTERM.

    Read-only, the built store itself is served (its parts' union as the default graph);
    with ``--read-write`` the graph is copied into a database of its own first, so writes
    never touch the built store.
    """
    from ..endpoint.server import (
        ServerOptions,
        free_port,
        is_loopback,
        serve_database,
        stop_signals,
    )
    from ..endpoint.server import serve as serve_graph

    if not args.allow_service and not is_loopback(args.host):
        raise BadParameter(
            f"--host {args.host}: the server answers SERVICE, so anyone who reaches it could "
            "make this machine send HTTP requests; add --allow-service to serve there anyway"
        )
    port = args.port or free_port(args.host)
    read_only_store = kg.stored is not None and not args.read_write and args.location is None
    options = ServerOptions(
        args.host, port, args.timeout, args.read_write, union_default_graph=read_only_store
    )
    # The signal handlers come first: Ctrl-C or SIGTERM while the graph loads or the server
    # starts must stop the server and remove the temporary folder too.
    with (
        stop_signals() as stop,
        tempfile.TemporaryDirectory(prefix="naravard-oxigraph-") as folder,
    ):
        log = Path(folder) / "oxigraph.log"
        if read_only_store:
            assert kg.stored is not None
            progress(f"serving the built store {kg.stored.folder}")
            serve_database(kg.stored.database, options, progress, log, stop)
        else:
            serve_graph(kg.graph, args.location or Path(folder) / "db", options, progress, stop)
    return EXIT_OK


def push(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Replace a graph of a Graph Store Protocol server by the built graph."""
    from ..endpoint.remote import push as push_graph
    from ..endpoint.remote import split_url

    graph = f"graph <{args.graph}>" if args.graph else "the default graph"
    where = f"{graph} of {split_url(args.endpoint)[0]}"
    progress(f"pushing {len(kg.graph)} triples to {where}")
    count = push_graph(kg.graph, args.endpoint, args.graph, args.user, password(args))
    print(f"pushed {count} triples to {where}")
    return EXIT_OK


def password(args: argparse.Namespace) -> str | None:
    """``--password``, else ``$NARAVARD_PASSWORD``, for the ``--user`` of a store."""
    return args.password if args.password is not None else os.environ.get("NARAVARD_PASSWORD")


def search(kg: KnowledgeGraph, args: argparse.Namespace, progress: Progress) -> int:
    """Nodes whose names hold every word; the name that matched where it is not the label."""
    hits = kg.search(" ".join(args.text), args.limit)
    for hit in hits:
        matched = f"\t(matched: {hit.matched})" if hit.matched else ""
        print(f"{hit.node}\t{hit.label}\t{', '.join(hit.types)}{matched}")
    progress(hits.summary())
    return EXIT_OK


HANDLERS: dict[str, Handler] = {
    "build": build,
    "validate": validate,
    "check": check,
    "coverage": coverage,
    "query": query,
    "chain": chain,
    "gaps": gaps,
    "similar": similar,
    "clusters": clusters,
    "diff": diff,
    "lifecycle": lifecycles,
    "export": export,
    "report": report,
    "search": search,
    "serve": serve,
    "push": push,
}
"""The commands that work on the loaded graph, by name."""
