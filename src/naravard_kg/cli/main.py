"""The ``naravard-kg`` command line. Data on stdout, progress and errors on stderr.

Exit codes (as pySHACL's): 0 ok or conforms, 1 does not conform, 2 bad input or usage,
3 internal error; 130 interrupted (Ctrl-C), as a shell reports it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..analytics.measures import DEFAULT_CLUSTERS, MEASURES
from ..core.defaults import (
    DATA_BASE_URL,
    LANGUAGES,
    PLAN_VERSIONS,
    SPARQL_ENDPOINT_URL,
    web_address,
)
from ..core.extras import EXTRAS, extra
from ..core.files import check_output_folder
from ..core.paths import Layout
from ..core.prefixes import PREFIX_SYNTAXES, prefix_lines
from ..core.rows import FORMATS
from ..core.version import __version__
from ..engines import DEFAULT_ENGINE, available_engines
from ..engines.base import RESULT_FORMATS
from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, BadParameter, NaravardError
from ..library.catalogue import Catalogue, Parameter

if TYPE_CHECKING:
    from ..kg import KnowledgeGraph


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


def _int_between(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (no upper bound if None)."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if number < low or (high is not None and number > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"{number} is out of range: give {bounds}")
        return number

    return parse


def _web_url(text: str) -> str:
    """An argparse type: an absolute http(s) URL (``core.defaults.web_address``)."""
    try:
        return web_address(text)
    except BadParameter as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    *examples: str,
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` gives its one-line summary and examples."""
    lines = "\n".join(f"  naravard-kg {example}" for example in examples)
    return commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _lang_option(command: argparse.ArgumentParser) -> None:
    """``--lang`` of a command that prints the SHACL validation report."""
    command.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=LANGUAGES[0],
        help=f"language of the validation messages: {', '.join(LANGUAGES)} "
        f"(default: {LANGUAGES[0]})",
    )


def _format_option(
    command: argparse.ArgumentParser, choices: Sequence[str] = FORMATS, note: str = ""
) -> None:
    """``-f/--format`` of a command that prints a table."""
    command.add_argument(
        "-f",
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format: {', '.join(choices)} (default: {choices[0]}){note}",
    )


def _figure_stem(text: str) -> Path:
    """The value of ``--figure``: a file name without its format, not a folder."""
    if not text or text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"{text!r} names a folder; name the picture's file")
    return Path(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naravard-kg",
        description="Knowledge graph and query library on the governance of god och nära vård.",
        epilog="Exit codes: 0 ok, 1 does not conform, 2 bad input or usage, 3 internal error, "
        "130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="project folder with ontology/ and graph/ (default: $NARAVARD_ROOT, else this "
        "checkout, else the data the package carries)",
    )
    parser.add_argument(
        "--engine",
        choices=available_engines(),
        default=DEFAULT_ENGINE,
        help=f"oxigraph (pyoxigraph, reasonable, pyrudof) or rdflib (rdflib, owlrl, pyshacl: "
        f"the reference); same answers (default: {DEFAULT_ENGINE})",
    )
    parser.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="folder of the built store (default: $NARAVARD_STORE, else store/ in the cache: "
        ".cache/ of a checkout, else the user's cache folder)",
    )
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

    build = _command(
        commands,
        "build",
        "reason, validate, run all queries and write every output to one folder",
        "build --out out",
    )
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    _lang_option(build)
    build.add_argument(
        "--base-url",
        type=_web_url,
        default=DATA_BASE_URL,
        metavar="URL",
        help="where you publish the files of --out, for dataset.ttl and void.ttl "
        "(default: %(default)s)",
    )
    build.add_argument(
        "--endpoint-url",
        type=_web_url,
        default=SPARQL_ENDPOINT_URL,
        metavar="URL",
        help="where you serve the graph over SPARQL (default: %(default)s)",
    )

    validate = _command(
        commands,
        "validate",
        "validate the graph against the SHACL shapes",
        "validate -f json",
        "validate --report validation.ttl",
        "validate --lang sv",
    )
    _format_option(validate, ("text", "json"))
    validate.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="also write the SHACL validation report graph (.ttl, .jsonld or .nt)",
    )
    _lang_option(validate)

    queries = _command(
        commands, "queries", "list the query library with descriptions", "queries --markdown"
    )
    queries.add_argument(
        "--markdown", action="store_true", help="print the catalogue as a Markdown table"
    )
    prefixes = _command(
        commands,
        "prefixes",
        "print the project's prefixes as PREFIX lines to paste before a SPARQL query",
        "prefixes",
        "prefixes -f turtle",
    )
    _format_option(prefixes, tuple(PREFIX_SYNTAXES), "; turtle gives @prefix lines")
    _command(commands, "check", "run the quality checks and check every quote", "check")
    coverage = _command(
        commands,
        "coverage",
        "count facts per region and document; flag empty region sections",
        "coverage",
        "coverage --region Gotland",
    )
    coverage.add_argument(
        "--region",
        metavar="REGION",
        help="only this region (a prefixed name, an IRI or a name such as Gotland)",
    )

    query = _command(
        commands,
        "query",
        "run a query of the library, its parameters bound as RDF terms",
        "query reporting-lines",
        "query responsibility-chain -p node=init:mod-demensteam -f csv",
        "query members-of -p body=body:vasternorrland-hogsta-tjansteledning -f json",
        "query transition-leaders --region Gotland",
    )
    query.add_argument("name", help="query name, see: naravard-kg queries")
    query.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (repeatable); a node by its prefixed name (init:x), its IRI "
        "or its name (-p 'body=Länsledning HälSam')",
    )
    query.add_argument(
        "--region",
        metavar="REGION",
        help="only this region, for the queries with a region parameter (same as -p region=...)",
    )
    _format_option(
        query,
        ("table", *RESULT_FORMATS),
        "; all but table are the W3C SPARQL 1.1 query results formats",
    )
    _endpoint_options(query, required=False, what="run the query at this SPARQL endpoint")

    chain = _command(
        commands,
        "chain",
        "responsibility chain of a node up to the political level",
        "chain init:mod-demensteam",
        "chain body:lansledning-halsam --reverse",
    )
    chain.add_argument("node", help="prefixed name, IRI or exact label, e.g. init:mod-demensteam")
    chain.add_argument(
        "--reverse", action="store_true", help="list what the node is ultimately accountable for"
    )
    chain.add_argument(
        "--figure", type=_figure_stem, metavar="STEM", help="also draw the chain to STEM.png/.svg"
    )
    _format_option(chain)

    gaps = _command(
        commands,
        "gaps",
        "initiatives without owner, bodies answering to no one, no follow-up, in a region",
        "gaps",
        "gaps orgid:region-gotland",
        "gaps --region Gotland",
    )
    gaps.add_argument(
        "region",
        nargs="?",
        help="region, by prefixed name or name (default: orgid:region-vasternorrland)",
    )
    gaps.add_argument(
        "--region", dest="region_option", metavar="REGION", help="the same, as an option"
    )
    _format_option(gaps)

    similar = _command(
        commands,
        "similar",
        "a region's closest peers with the reasons (themes, text, governance)",
        "similar Västernorrland",
        "similar orgid:region-gotland -n 5 --measure themes",
    )
    similar.add_argument("region", help="region: prefixed name or name, e.g. Västernorrland")
    similar.add_argument("-n", type=int, default=3, help="how many peers (default: 3)")
    similar.add_argument(
        "--measure",
        choices=MEASURES,
        default="combined",
        help="rank by one measure (default: combined)",
    )
    _format_option(similar)

    clusters = _command(
        commands, "clusters", "clusters of regions and their characteristic themes", "clusters -k 5"
    )
    clusters.add_argument(
        "-k", type=int, default=DEFAULT_CLUSTERS, help="number of clusters (default: %(default)s)"
    )
    _format_option(clusters)

    diff = _command(
        commands,
        "diff",
        "what changed between two versions of a plan",
        "diff",
        f"diff {PLAN_VERSIONS[0]} {PLAN_VERSIONS[1]} -f csv",
    )
    diff.add_argument(
        "old", nargs="?", default=PLAN_VERSIONS[0], help="older plan (default: %(default)s)"
    )
    diff.add_argument(
        "new", nargs="?", default=PLAN_VERSIONS[1], help="newer plan (default: %(default)s)"
    )
    diff.add_argument("--figure", type=_figure_stem, metavar="STEM", help="also draw STEM.png/.svg")
    _format_option(diff)

    lifecycle = _command(
        commands,
        "lifecycle",
        "an initiative across documents and years (pilot, roll-out ...)",
        "lifecycle init:sip-pa-distans init:mod-demensteam",
    )
    lifecycle.add_argument(
        "nodes", nargs="+", metavar="NODE", help="initiatives, e.g. init:sip-pa-distans"
    )
    lifecycle.add_argument(
        "--figure", type=_figure_stem, metavar="STEM", help="also draw a timeline to STEM.png/.svg"
    )
    _format_option(lifecycle)

    export = _command(
        commands,
        "export",
        "Turtle, JSON-LD, GraphML, GEXF, CSV per query and an offline interactive HTML view",
        "export --out out",
        "export --out out --region orgid:region-gotland",
    )
    export.add_argument("--out", type=Path, default=Path("out"), help="folder (default: out)")
    part = export.add_mutually_exclusive_group()
    part.add_argument("--region", help="only this region's network and view")
    part.add_argument("--chain", metavar="NODE", help="only the network and view of this chain")

    report = _command(
        commands,
        "report",
        "one HTML and Markdown report with the key tables and all pictures",
        "report --out out",
    )
    report.add_argument("--out", type=Path, default=Path("out"), help="folder (default: out)")

    serve = _command(
        commands,
        "serve",
        "serve the graph at a SPARQL endpoint with a web UI (Oxigraph's server)",
        "serve",
        "serve --port 0 --timeout 10",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address (default: %(default)s); another than this machine's own needs "
        "--allow-service",
    )
    serve.add_argument(
        "--allow-service",
        action="store_true",
        help="serve on an address others reach although the server answers SERVICE, "
        "sending HTTP requests from this machine wherever a query asks",
    )
    serve.add_argument(
        "--port",
        type=_int_between(0, 65535),
        default=7878,
        help="port, 0 for any free one (default: %(default)s)",
    )
    serve.add_argument(
        "--timeout",
        type=_int_between(1),
        default=30,
        help="query timeout in seconds, at least 1 (default: %(default)s)",
    )
    serve.add_argument(
        "--read-write",
        action="store_true",
        help="also accept updates and Graph Store Protocol writes (default: read-only)",
    )
    serve.add_argument(
        "--location",
        type=Path,
        help="copy the graph into a new database in this folder and serve that (default: "
        "the built store, read-only; with --read-write a temporary copy)",
    )

    push = _command(
        commands,
        "push",
        "load the graph into a SPARQL Graph Store Protocol server",
        "push --endpoint http://127.0.0.1:7878/store --graph https://example.org/naravard",
    )
    _endpoint_options(
        push, required=True, what="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"
    )

    search = _command(
        commands,
        "search",
        "find nodes by name: every word in a label, alternative label, abbreviation, title "
        "or year (ignores case and å/ä/ö)",
        "search demens",
        "search 'Länsledning HälSam' --limit 5",
        "search färdplan 2026",
    )
    search.add_argument("text", nargs="+", help="words to find in the names of nodes")
    search.add_argument(
        "--limit", type=int, default=20, help="show at most this many (default: %(default)s)"
    )
    return parser


def _endpoint_options(command: argparse.ArgumentParser, required: bool, what: str) -> None:
    """``--endpoint``, ``--graph``, ``--user`` and ``--password`` of a remote store."""
    command.add_argument("--endpoint", metavar="URL", required=required, help=what)
    command.add_argument(
        "--graph", metavar="IRI", help="named graph holding the data (default: the default graph)"
    )
    command.add_argument("--user", help="user for HTTP digest or basic authentication")
    command.add_argument("--password", help="password for --user (default: $NARAVARD_PASSWORD)")


def _param_usage(param: Parameter) -> str:
    """``name=<kind>`` for a required parameter, ``[name=<kind>]`` for an optional one,
    ``name=default`` else."""
    if param.optional:
        return f"[{param.name}=<{param.kind}>]"
    return f"{param.name}={'<' + param.kind + '>' if param.required else param.default}"


def _list_queries(args: argparse.Namespace) -> int:
    catalogue = Catalogue((Layout(args.root) if args.root else Layout()).queries)
    if args.markdown:
        print(catalogue.markdown(), end="")
        return EXIT_OK
    for q in catalogue:
        params = " ".join(_param_usage(p) for p in q.params)
        print(f"{q.name}  {params}".rstrip())
        print(f"    {q.title}: {q.question}")
        print(f"    e.g. {q.example}")
    return EXIT_OK


def _print_prefixes(args: argparse.Namespace) -> int:
    """Every prefix of the project with its IRI, one declaration a line, in the table's order."""
    print(prefix_lines(syntax=args.format), end="")
    return EXIT_OK


def _query_endpoint(args: argparse.Namespace) -> int:
    """Run a query of the library at a SPARQL endpoint instead of the local graph."""
    from ..endpoint.remote import connect
    from .commands import password

    with connect(args.endpoint, args.graph, args.user, password(args), root=args.root) as endpoint:
        if args.format == "table":
            print(endpoint.query(args.name, **args.params).to_table(), end="")
        else:
            results = endpoint.query_results(args.name, args.format, **args.params)
            print(results.decode("utf-8"), end="")
    return EXIT_OK


def _run(args: argparse.Namespace, console: _Console, graph: KnowledgeGraph | None) -> int:
    """Run the command; the graph and the handlers (rdflib, the engines) are imported only
    by the commands that need them, so listing the queries or the prefixes, or asking for
    help, is quick."""
    if args.command == "queries":
        return _list_queries(args)
    if args.command == "build":  # a folder the build cannot write is named before the work
        check_output_folder(args.out)
    if args.command == "prefixes":
        return _print_prefixes(args)
    if args.command == "query":  # parameters are checked before the graph is loaded
        args.params = _parse_params(args.param)
        if args.region is not None:
            if "region" in args.params:
                raise BadParameter("give the region once: --region or -p region=..., not both")
            args.params["region"] = args.region
        if args.endpoint:
            return _query_endpoint(args)
    from ..kg import load
    from .commands import HANDLERS

    if graph is None:
        graph = load(
            args.root,
            engine=args.engine,
            progress=console.progress,
            data=args.data,
            store=args.store,
        )
    with extra(*EXTRAS):  # a command that needs a missing extra names it
        return HANDLERS[args.command](graph, args, console.progress)


def main(argv: Sequence[str] | None = None, *, graph: KnowledgeGraph | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    ``graph`` is a loaded knowledge graph to answer from instead of loading one (for a
    program that runs many commands on one graph, and for tests); ``--root``, ``--engine``
    and ``--data`` then do not apply.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, usage errors exit 2
        return int(exc.code or 0)
    console = _Console(args.quiet, args.verbose)
    try:
        return _run(args, console, graph)
    except NaravardError as exc:
        print(f"naravard-kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("naravard-kg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # an internal error: say so, with the traceback for a bug report
        print("naravard-kg: internal error (please report):", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return EXIT_INTERNAL
