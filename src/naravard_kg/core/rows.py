"""Results as a table: what every query, chain, diff and comparison returns."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from ..errors import BadParameter
from .extras import extra
from .values import IRI, Value, display, json_value

if TYPE_CHECKING:
    import pandas

FORMATS = ("table", "csv", "json")
"""The ways ``Rows.format`` renders a table."""


class Rows(list[dict[str, "Value | None"]]):
    """Query results: a list of dicts (column -> value), with the columns in order.

    A value is an ``IRI`` (text: its prefixed name; ``.iri``: the full IRI), an ``int``,
    ``Decimal``, ``float``, ``bool``, ``date`` or ``datetime`` where the literal has that
    datatype, else text; ``None`` where a variable is unbound (``core.values``)."""

    def __init__(self, columns: list[str], rows: list[dict[str, Value | None]]) -> None:
        super().__init__(rows)
        self.columns = columns

    def column(self, name: str) -> list[Value | None]:
        """All values of one column, in row order."""
        return [row[name] for row in self]

    def to_csv(self) -> str:
        """CSV with a header row, every value as a table shows it."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([display(row[c]) for c in self.columns] for row in self)
        return buffer.getvalue()

    def to_json(self) -> str:
        """A JSON array of objects, one per row: numbers as numbers, unbound as null."""
        return json.dumps(list(self), ensure_ascii=False, indent=2, default=json_value) + "\n"

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas ``DataFrame`` with these columns, in this order. A column
        of whole numbers has pandas' nullable ``Int64`` type; a column of IRIs keeps its
        ``IRI`` values (``object``), decimals and dates stay the Python values they are.
        Needs pandas (``pip install 'naravard-kg[pandas]'``)."""
        with extra("pandas"):
            import pandas

        def series(name: str) -> pandas.Series:
            values = self.column(name)
            present = [v for v in values if v is not None]
            if present and all(type(v) is int for v in present):
                return pandas.Series(values, dtype="Int64")
            if any(isinstance(v, IRI) for v in present):
                return pandas.Series(values, dtype=object)
            return pandas.Series(values)

        return pandas.DataFrame({name: series(name) for name in self.columns}, columns=self.columns)

    def to_table(self, width: int = 60) -> str:
        """Aligned plain-text columns, each cell cut at ``width`` characters."""

        def cell(value: Value | None) -> str:
            text = " ".join(display(value).split())
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
