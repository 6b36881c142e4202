"""The ``naravard-kg`` command line. Data on stdout, progress and errors on stderr.

Exit codes (as pySHACL's): 0 ok or conforms, 1 does not conform, 2 bad input or usage,
3 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from .build import write_outputs
from .errors import BadParameter, NaravardError
from .kg import KnowledgeGraph, load
from .paths import Layout
from .queries import Catalogue, Rows

EXIT_OK, EXIT_NONCONFORMANT, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Console:
    """Progress to stderr, unless quiet; timing details when verbose."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.started = time.monotonic()

    def progress(self, message: str) -> None:
        if self.quiet:
            return
        elapsed = f"[{time.monotonic() - self.started:6.1f}s] " if self.verbose else ""
        print(f"naravard-kg: {elapsed}{message}", file=sys.stderr, flush=True)


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadParameter(f"parameter {pair!r} is not of the form NAME=VALUE")
        params[key.strip()] = value
    return params


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naravard-kg",
        description="Knowledge graph and query library on the governance of god och nära vård.",
        epilog="Exit codes: 0 ok, 1 does not conform, 2 bad input or usage, 3 internal error.",
    )
    parser.add_argument("--root", type=Path, help="project folder (default: this checkout)")
    parser.add_argument("--engine", default="reference", help="engine bundle (default: reference)")
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        metavar="FILE",
        help="Turtle file to use instead of graph/ (repeatable), e.g. to check a new file",
    )
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    noise.add_argument("-v", "--verbose", action="store_true", help="progress with timings")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="reason, validate, run all queries, write out/")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")

    validate = commands.add_parser("validate", help="validate the graph against the shapes")
    validate.add_argument("-f", "--format", choices=("text", "json"), default="text")

    queries = commands.add_parser("queries", help="list the query library with descriptions")
    queries.add_argument(
        "--markdown", action="store_true", help="print the catalogue as a Markdown table"
    )
    commands.add_parser("check", help="run the quality checks and check every quote")
    commands.add_parser(
        "coverage", help="counts per region and document; flags empty region sections"
    )

    query = commands.add_parser("query", help="run a query of the library")
    query.add_argument("name", help="query name, see: naravard-kg queries")
    query.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE")
    query.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")

    chain = commands.add_parser("chain", help="responsibility chain of a node up to the top")
    chain.add_argument("node", help="prefixed name, IRI or exact label, e.g. init:mod-demensteam")
    chain.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")

    search = commands.add_parser("search", help="find nodes by label (ignores case and å/ä/ö)")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20)
    return parser


def _run(args: argparse.Namespace, console: _Console) -> int:
    if args.command == "queries":
        catalogue = Catalogue((Layout(args.root) if args.root else Layout()).queries)
        if args.markdown:
            print(catalogue.markdown(), end="")
            return EXIT_OK
        for q in catalogue:
            params = " ".join(
                f"{p.name}={'<' + p.type + '>' if p.required else p.default}" for p in q.params
            )
            print(f"{q.name}  {params}".rstrip())
            print(f"    {q.title}: {q.question}")
            print(f"    e.g. {q.example}")
        return EXIT_OK
    if args.command == "query":
        params = _parse_params(args.param)
        kg = _load(args, console, reason=True)
        print(kg.query(args.name, **params).format(args.format), end="")
        return EXIT_OK
    kg = _load(args, console, reason=True)
    if args.command == "build":
        result = write_outputs(kg, args.out, console.progress)
        print(result.summary(), end="")
        if not result.ok:
            print(result.quality_text(), file=sys.stderr, end="")
        return EXIT_OK if result.ok else EXIT_NONCONFORMANT
    if args.command == "coverage":
        console.progress("counting per region and per document")
        report = kg.coverage()
        print(report.text(), end="")
        return EXIT_NONCONFORMANT if report.missed_sections else EXIT_OK
    if args.command == "check":
        console.progress("running quality checks and checking quotes against the corpus")
        failed = 0
        for name, rows in kg.run_checks().items():
            print(f"{'FAIL' if rows else 'ok  '}  {name} ({len(rows)} row(s))")
            if rows:
                print(rows.to_table(), end="")
            failed += bool(rows)
        problems = kg.quote_problems()
        print(f"{'FAIL' if problems else 'ok  '}  quotes found in the corpus")
        for problem in problems:
            print(f"      {problem}")
        return EXIT_NONCONFORMANT if failed or problems else EXIT_OK
    if args.command == "validate":
        console.progress("validating (SHACL)")
        report = kg.validate()
        if args.format == "json":
            print(json.dumps([asdict(r) for r in report.results], ensure_ascii=False, indent=2))
        else:
            print(report.text(), end="")
        return EXIT_OK if report.conforms else EXIT_NONCONFORMANT
    if args.command == "chain":
        steps = kg.chain(args.node)
        columns = ["depth", "source_label", "relation", "target_label", "frequency", "via", "quote"]
        rows = [
            {
                **{k: str(v) if v is not None else None for k, v in asdict(s).items()},
                "quote": " | ".join(s.quotes),
            }
            for s in steps
        ]
        print(Rows(columns, [{c: r[c] for c in columns} for r in rows]).format(args.format), end="")
        return EXIT_OK
    if args.command == "search":
        for hit in kg.search(args.text, args.limit):
            print(f"{hit.node}\t{hit.label}\t{', '.join(hit.types)}")
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command}")


def _load(args: argparse.Namespace, console: _Console, reason: bool) -> KnowledgeGraph:
    return load(
        args.root, engine=args.engine, reason=reason, progress=console.progress, data=args.data
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, usage errors exit 2
        return int(exc.code or 0)
    console = _Console(args.quiet, args.verbose)
    try:
        return _run(args, console)
    except NaravardError as exc:
        print(f"naravard-kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # an internal error: say so, with the traceback for a bug report
        print("naravard-kg: internal error (please report):", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return EXIT_INTERNAL
