"""Generate ``graph/reference/{regions,municipalities}.ttl`` from SCB's code tables.

The tables are ``shared/reference/scb-regioner.tsv`` (länskod, region name) and
``shared/reference/scb-kommuner.tsv`` (kommunkod, name, länskod). Lines starting with ``#``
are comments, then comes a header row. Every generated node cites the exact TSV line it
comes from (an ``nv:Evidence`` with an ``oa:TextQuoteSelector``), and the output is
byte-identical on every run, so the committed files can be checked against a regeneration.

Run ``python -m naravard_kg.reference`` to rewrite the files. Exit codes: 0 written or up
to date; 1 with ``--check`` when a file is missing or out of date; 2 bad input table.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from .core.files import write_atomic
from .core.namespaces import NV, NVID, OA, new_graph
from .core.paths import Layout
from .core.slugs import slugify
from .errors import InputFileError, NaravardError

__all__ = [
    "MUNICIPALITIES_FILE",
    "REGIONS_FILE",
    "ReferenceTableError",
    "build_reference_graphs",
    "main",
    "render_turtle",
    "write_reference_files",
]

REGIONS_TABLE = "scb-regioner.tsv"
MUNICIPALITIES_TABLE = "scb-kommuner.tsv"
REGIONS_FILE = "regions.ttl"
MUNICIPALITIES_FILE = "municipalities.ttl"

# Output file -> the table it is generated from (path relative to the shared/ folder).
SOURCES: dict[str, str] = {
    REGIONS_FILE: f"reference/{REGIONS_TABLE}",
    MUNICIPALITIES_FILE: f"reference/{MUNICIPALITIES_TABLE}",
}

GOTLAND_KOMMUNKOD = "0980"
GOTLAND_LANSKOD = "09"

_LANSKOD = re.compile(r"\d{2}")
_KOMMUNKOD = re.compile(r"\d{4}")


class ReferenceTableError(InputFileError, ValueError):
    """A reference table is missing, malformed, or gives two rows the same code or slug."""


@dataclass(frozen=True)
class Row:
    """One data row of a TSV table: its 1-based line number, exact text and cells."""

    line_no: int
    text: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A parsed TSV table: the first comment line (without ``# ``) and the data rows."""

    path: Path
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class _Document:
    """What the generated graph says about one source table."""

    slug: str
    title: str
    short_title: str
    source_file: str


_REGIONS_DOC = _Document(
    "scb-regioner", "SCB:s länskoder och regionernas namn", "SCB länskoder", SOURCES[REGIONS_FILE]
)
_MUNICIPALITIES_DOC = _Document(
    "scb-kommuner", "SCB:s kommunkoder 2024", "SCB kommunkoder 2024", SOURCES[MUNICIPALITIES_FILE]
)
_PUBLISHER = NVID["org/statistiska-centralbyran"]
"""Statistics Sweden, the publisher of both tables (their title lines say "SCB")."""


def read_table(path: Path, columns: Sequence[str]) -> Table:
    """Read a TSV table whose header row must be exactly ``columns``.

    Blank lines are skipped; every data row must have one cell per column. Raises
    ``ReferenceTableError`` naming the file and line otherwise.
    """
    if not path.is_file():
        raise ReferenceTableError(str(path), "file not found")
    lines = path.read_text(encoding="utf-8").split("\n")
    title: str | None = None
    header_seen = False
    rows: list[Row] = []
    for line_no, raw in enumerate(lines, start=1):
        text = raw.removesuffix("\r")
        if not text.strip():
            continue
        if text.startswith("#"):
            if title is None:
                title = text.removeprefix("#").strip()
            continue
        cells = tuple(text.split("\t"))
        if not header_seen:
            if cells != tuple(columns):
                raise ReferenceTableError(
                    str(path), f"header must be {'/'.join(columns)}, not {'/'.join(cells)}", line_no
                )
            header_seen = True
            continue
        if len(cells) != len(columns) or any(not c.strip() for c in cells):
            raise ReferenceTableError(
                str(path), f"expected {len(columns)} non-empty tab-separated cells", line_no
            )
        rows.append(Row(line_no, text, cells))
    if title is None or not header_seen:
        raise ReferenceTableError(str(path), "expected a '# ' comment line and a header row")
    return Table(path, title, tuple(rows))


def region_iri(name: str) -> URIRef:
    """The organisation node of a region, e.g. ``nvid:org/region-vasternorrland``."""
    return NVID["org/" + slugify(name)]


def municipality_iri(name: str, kommunkod: str | None = None) -> URIRef:
    """The organisation node of a municipality, e.g. ``nvid:org/kommun-sundsvall``.

    With ``kommunkod`` the code is appended (``nvid:org/kommun-habo-0643``): the generator
    does so for every name whose slug another municipality shares (Håbo and Habo).
    """
    suffix = f"-{kommunkod}" if kommunkod is not None else ""
    return NVID["org/kommun-" + slugify(name) + suffix]


def county_iri(lanskod: str) -> URIRef:
    """The place node of a county, e.g. ``nvid:county/lan-22``."""
    return NVID["county/lan-" + lanskod]


def _add_evidence(graph: Graph, evidence: URIRef, doc: _Document, table: Table, quote: str) -> None:
    """Add an ``nv:Evidence`` citing ``quote`` in ``table`` with a text-quote selector."""
    selector = URIRef(str(evidence) + "/selector")
    graph.add((evidence, RDF.type, NV.Evidence))
    graph.add((evidence, OA.hasSource, NVID["document/" + doc.slug]))
    graph.add((evidence, NV.section, Literal(table.path.name)))
    graph.add((evidence, OA.hasSelector, selector))
    graph.add((selector, RDF.type, OA.TextQuoteSelector))
    graph.add((selector, OA.exact, Literal(quote)))


def _add_document(graph: Graph, doc: _Document, table: Table) -> None:
    """Add the source table as an ``nv:Document``, derived from its title comment line."""
    document = NVID["document/" + doc.slug]
    evidence = NVID[f"evidence/{doc.slug}-header"]
    graph.add((document, RDF.type, NV.Document))
    graph.add((document, DCTERMS.title, Literal(doc.title, lang="sv")))
    graph.add((document, DCTERMS.alternative, Literal(doc.short_title, lang="sv")))
    graph.add((document, RDFS.label, Literal(doc.title, lang="sv")))
    graph.add((document, NV.sourceFile, Literal(doc.source_file)))
    graph.add((document, DCTERMS.publisher, _PUBLISHER))
    graph.add((document, PROV.wasDerivedFrom, evidence))
    graph.add((_PUBLISHER, RDF.type, ORG.FormalOrganization))
    graph.add((_PUBLISHER, RDF.type, NV.Actor))
    graph.add((_PUBLISHER, RDFS.label, Literal("Statistiska centralbyrån", lang="sv")))
    graph.add((_PUBLISHER, SKOS.altLabel, Literal("SCB", lang="sv")))
    graph.add((_PUBLISHER, PROV.wasDerivedFrom, evidence))
    _add_evidence(graph, evidence, doc, table, table.title)


def _check_unique(table: Table, row: Row, kind: str, key: str, seen: dict[str, int]) -> None:
    """Record ``key`` for ``row``; raise ``ReferenceTableError`` if an earlier row had it."""
    if not key:
        raise ReferenceTableError(str(table.path), f"{kind} is empty", row.line_no)
    if key in seen:
        raise ReferenceTableError(
            str(table.path), f"{kind} {key!r} also on line {seen[key]}", row.line_no
        )
    seen[key] = row.line_no


def _regions_graph(table: Table, slugs: dict[str, int]) -> tuple[Graph, dict[str, URIRef]]:
    """The regions graph and the region node of each länskod."""
    graph = new_graph()
    _add_document(graph, _REGIONS_DOC, table)
    codes: dict[str, int] = {}
    regions: dict[str, URIRef] = {}
    for row in table.rows:
        lanskod, name = row.cells
        if not _LANSKOD.fullmatch(lanskod):
            raise ReferenceTableError(str(table.path), f"bad länskod {lanskod!r}", row.line_no)
        _check_unique(table, row, "länskod", lanskod, codes)
        _check_unique(table, row, "slug", "org/" + slugify(name), slugs)
        region, county = region_iri(name), county_iri(lanskod)
        evidence = NVID["evidence/scb-lan-" + lanskod]
        notation = Literal(lanskod, datatype=NV.Lanskod)
        graph.add((region, RDF.type, NV.Region))
        graph.add((region, RDFS.label, Literal(name, lang="sv")))
        graph.add((region, SKOS.notation, notation))
        graph.add((region, DCTERMS.spatial, county))
        graph.add((region, PROV.wasDerivedFrom, evidence))
        graph.add((county, RDF.type, NV.County))
        graph.add((county, RDFS.label, Literal(f"län {lanskod} ({name})", lang="sv")))
        graph.add((county, SKOS.notation, notation))
        graph.add((county, PROV.wasDerivedFrom, evidence))
        _add_evidence(graph, evidence, _REGIONS_DOC, table, row.text)
        regions[lanskod] = region
    return graph, regions


def _municipalities_graph(table: Table, regions: dict[str, URIRef], slugs: dict[str, int]) -> Graph:
    """The municipalities graph; Gotland's municipality facts go on the Region Gotland node."""
    graph = new_graph()
    _add_document(graph, _MUNICIPALITIES_DOC, table)
    codes: dict[str, int] = {}
    shared_slugs = Counter(slugify(row.cells[1]) for row in table.rows)
    for row in table.rows:
        kommunkod, name, lanskod = row.cells
        if not _KOMMUNKOD.fullmatch(kommunkod) or not kommunkod.startswith(lanskod):
            raise ReferenceTableError(
                str(table.path), f"bad kommunkod {kommunkod!r} for länskod {lanskod!r}", row.line_no
            )
        if lanskod not in regions:
            raise ReferenceTableError(
                str(table.path), f"länskod {lanskod!r} is not in {REGIONS_TABLE}", row.line_no
            )
        _check_unique(table, row, "kommunkod", kommunkod, codes)
        if kommunkod == GOTLAND_KOMMUNKOD:
            if lanskod != GOTLAND_LANSKOD:
                raise ReferenceTableError(
                    str(table.path), f"kommunkod {kommunkod} must be in län 09", row.line_no
                )
            node = regions[lanskod]
        else:
            node = municipality_iri(name, kommunkod if shared_slugs[slugify(name)] > 1 else None)
            _check_unique(table, row, "slug", str(node).removeprefix(str(NVID)), slugs)
            graph.add((node, RDFS.label, Literal(name, lang="sv")))
        evidence = NVID["evidence/scb-kommun-" + kommunkod]
        graph.add((node, RDF.type, NV.Municipality))
        graph.add((node, SKOS.notation, Literal(kommunkod, datatype=NV.Kommunkod)))
        graph.add((node, NV.inCounty, county_iri(lanskod)))
        graph.add((node, PROV.wasDerivedFrom, evidence))
        _add_evidence(graph, evidence, _MUNICIPALITIES_DOC, table, row.text)
    if GOTLAND_KOMMUNKOD not in codes:
        raise ReferenceTableError(str(table.path), f"kommunkod {GOTLAND_KOMMUNKOD} is missing")
    return graph


def build_reference_graphs(shared: Path) -> dict[str, Graph]:
    """Build the reference graphs from the tables under ``shared/reference/``.

    Returns ``{"regions.ttl": ..., "municipalities.ttl": ...}``. Municipality names that
    share a slug get their kommunkod appended, so Håbo and Habo stay apart. Raises
    ``ReferenceTableError`` (a ``ValueError``) on a malformed table, a repeated code or two
    names with the same slug.
    """
    regions_table = read_table(shared / SOURCES[REGIONS_FILE], ("lanskod", "region"))
    municipalities_table = read_table(
        shared / SOURCES[MUNICIPALITIES_FILE], ("kommunkod", "namn", "lanskod")
    )
    slugs: dict[str, int] = {}
    regions_graph, regions = _regions_graph(regions_table, slugs)
    municipalities_graph = _municipalities_graph(municipalities_table, regions, slugs)
    return {REGIONS_FILE: regions_graph, MUNICIPALITIES_FILE: municipalities_graph}


def render_turtle(file_name: str, graph: Graph) -> str:
    """The exact text of a generated file: a do-not-edit comment, then sorted Turtle."""
    header = (
        f"# Generated by `python -m naravard_kg.reference` from shared/{SOURCES[file_name]}."
        " Do not edit by hand: change the table and regenerate.\n"
    )
    return header + graph.serialize(format="turtle")


def write_reference_files(shared: Path, out_dir: Path, check: bool = False) -> list[Path]:
    """Regenerate the reference files into ``out_dir``; return those that were out of date.

    Files already byte-identical are left untouched. With ``check``, nothing is written.
    """
    stale: list[Path] = []
    for file_name, graph in build_reference_graphs(shared).items():
        path = out_dir / file_name
        text = render_turtle(file_name, graph)
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            continue
        stale.append(path)
        if not check:
            write_atomic(path, text)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate (or with ``--check`` verify) the reference Turtle files."""
    layout = Layout()
    parser = argparse.ArgumentParser(
        prog="python -m naravard_kg.reference",
        description="Generate graph/reference/regions.ttl and municipalities.ttl from SCB tables.",
    )
    parser.add_argument(
        "--shared", type=Path, default=None, help=f"shared folder (default: {layout.shared})"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=layout.graph / "reference",
        help="output folder (default: graph/reference/ of this checkout)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is out of date"
    )
    args = parser.parse_args(argv)
    shared = args.shared if args.shared is not None else layout.shared
    try:
        stale = write_reference_files(shared, args.out, check=args.check)
    except NaravardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    if not stale:
        print(f"up to date: {args.out}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
