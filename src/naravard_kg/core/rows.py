"""Results as a table: what every query, chain, diff and comparison returns."""

from __future__ import annotations

import csv
import io
import json

from ..errors import BadParameter

FORMATS = ("table", "csv", "json")
"""The ways ``Rows.format`` renders a table."""


class Rows(list[dict[str, str | None]]):
    """Query results: a list of dicts (column -> text), with the columns in order."""

    def __init__(self, columns: list[str], rows: list[dict[str, str | None]]) -> None:
        super().__init__(rows)
        self.columns = columns

    def column(self, name: str) -> list[str | None]:
        """All values of one column, in row order."""
        return [row[name] for row in self]

    def to_csv(self) -> str:
        """CSV with a header row."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self)
        return buffer.getvalue()

    def to_json(self) -> str:
        """A JSON array of objects, one per row."""
        return json.dumps(list(self), ensure_ascii=False, indent=2) + "\n"

    def to_table(self, width: int = 60) -> str:
        """Aligned plain-text columns, each cell cut at ``width`` characters."""

        def cell(value: str | None) -> str:
            text = "" if value is None else " ".join(value.split())
            return text if len(text) <= width else text[: width - 1] + "…"

        cells = [[cell(row[c]) for c in self.columns] for row in self]
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
        return "\n".join(line.rstrip() for line in lines) + "\n"

    def format(self, fmt: str) -> str:
        """Render as ``table``, ``csv`` or ``json``."""
        renderers = {"table": self.to_table, "csv": self.to_csv, "json": self.to_json}
        if fmt not in renderers:
            raise BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return renderers[fmt]()
