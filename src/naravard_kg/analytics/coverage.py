"""The coverage report: what the graph holds per region and per source document."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from ..core.files import read_text
from ..core.namespaces import NV
from ..core.rows import Rows
from ..core.values import Value
from ..library.reader import GraphReader
from ..library.select import QueryRunner

# The compilation's recurring headings (the first line of each, as the text has them) and
# the lines that continue a heading that was broken across two lines.
SECTION_HEADINGS = {
    "Inriktning, målbild och målområden": "Inriktning, målbild och målområden",
    "Organisation för att styra och leda": (
        "Organisation för att styra och leda omställningsarbetet"
    ),
    "Exempel på prioriterade utvecklingsområden": "Exempel på prioriterade utvecklingsområden",
    "Samverkan mellan region och kommuner": (
        "Samverkan mellan region och kommuner i omställningsarbetet"
    ),
    "Exempel på gemensamma satsningar": (
        "Exempel på gemensamma satsningar i samverkan mellan region och kommuner"
    ),
}
HEADING_CONTINUATIONS = (
    "omställningsarbetet",
    "omställningsarbetet mot en god och nära vård",
    "mellan region och kommuner",
)
CAPTION_WORDS = 12

KINDS = (
    "organ",
    "befattningar",
    "ansvar",
    "initiativ",
    "samverkansorgan",
    "dokument",
    "mål",
    "mätvärden",
    "belägg",
)


@dataclass(frozen=True)
class Coverage:
    """Counts per region and per document, and the region sections with no evidence."""

    by_region: Rows
    by_document: Rows
    sections: Rows
    source_words: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @property
    def empty_sections(self) -> list[tuple[str, str]]:
        """(region, section) pairs of the compilation that the graph quotes nothing from."""
        return [
            (row["regionLabel"] or "", row["sectionLabel"] or "")
            for row in self.sections
            if row["evidence"] == 0
        ]

    @property
    def missed_sections(self) -> list[tuple[str, str]]:
        """Empty sections whose source text has more than a caption: these are gaps."""
        return [key for key in self.empty_sections if self.source_words.get(key, 0) > CAPTION_WORDS]

    def _explain(self, key: tuple[str, str]) -> str:
        if key not in self.source_words:
            return "the source has no such heading for this region"
        words = self.source_words[key]
        if words > CAPTION_WORDS:
            return f"NOT MODELLED: the source has {words} words there"
        return f"the source has {words} word(s) there (a heading or figure caption only)"

    def region_table(self) -> Rows:
        """One row per region, one column per kind of node counted."""
        return _pivot(self.by_region, "regionLabel")

    def document_table(self) -> Rows:
        """One row per document, one column per kind of node counted."""
        return _pivot(self.by_document, "documentLabel")

    def explained_empty_sections(self) -> Rows:
        """The empty sections, each with what the source has there."""
        return Rows(
            ["region", "section", "source"],
            [
                {"region": region, "section": section, "source": self._explain((region, section))}
                for region, section in self.empty_sections
            ],
        )

    def text(self) -> str:
        """The report as plain-text tables, then the flagged sections."""
        parts = [
            "Per region\n" + self.region_table().to_table(),
            "Per document\n" + self.document_table().to_table(),
        ]
        empty = self.empty_sections
        if empty:
            lines = [
                f"  {region}: {section}: {self._explain((region, section))}"
                for region, section in empty
            ]
            parts.append(f"Sections left empty ({len(empty)}):\n" + "\n".join(lines) + "\n")
        else:
            parts.append("Sections left empty: none\n")
        return "\n".join(parts)


def section_words(text: str, regions: list[str]) -> dict[tuple[str, str], int]:
    """Words of text under each (region, section heading) of the compilation's text.

    A region's part starts at a line that is exactly its name; a section runs from its
    heading to the next heading. Continuation lines of broken headings are not counted.
    """
    lines = [line.strip() for line in text.splitlines()]
    starts = sorted((i, name) for i, line in enumerate(lines) for name in regions if line == name)
    words: dict[tuple[str, str], int] = {}
    for (start, region), (end, _) in zip(starts, [*starts[1:], (len(lines), "")], strict=True):
        current: str | None = None
        for line in lines[start + 1 : end]:
            heading = next(
                (full for head, full in SECTION_HEADINGS.items() if line.startswith(head)), None
            )
            if heading is not None:
                current = heading
                words.setdefault((region, current), 0)
            elif current is not None and line not in HEADING_CONTINUATIONS:
                words[(region, current)] += len(re.findall(r"\w+", line))
    return words


def _pivot(rows: Rows, key: str) -> Rows:
    """Long rows (key, kind, count) as one row per key with a column per kind."""
    kinds = [k for k in KINDS if any(r["kind"] == k for r in rows)]
    table: dict[Value, dict[str, Value | None]] = {}
    for row in rows:
        name = row[key] or ""
        table.setdefault(name, {key: name, **dict.fromkeys(kinds, 0)})[str(row["kind"])] = row[
            "count"
        ]
    return Rows([key, *kinds], [table[name] for name in sorted(table)])


def measure_coverage(
    reader: GraphReader,
    query: QueryRunner,
    shared: Path,
    compilation: URIRef,
    region: str | URIRef | None = None,
) -> Coverage:
    """Counts per region and per document, and the empty sections of ``compilation``
    compared with how much text its source (read under ``shared``) has under each; with
    ``region`` (any name the queries take), only what the graph places in that region."""
    only = {} if region is None else {"region": region}
    sections = query("coverage-sections", document=compilation, **only)
    source = reader.facts([compilation]).value(compilation, NV.sourceFile)
    text = read_text(shared / str(source)) if source is not None else ""
    regions = sorted({row["regionLabel"] or "" for row in sections})
    return Coverage(
        query("coverage-by-region", **only),
        query("coverage-by-document", **only),
        sections,
        section_words(text, regions),
    )
