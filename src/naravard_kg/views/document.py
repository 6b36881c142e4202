"""A small document model for reports: sections of paragraphs, links, tables and figures,
rendered to Markdown and to one HTML page from the same content."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..core.rows import Rows
from ..core.values import Value, display


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class Link:
    """A paragraph of plain text ``lead`` ending in a link ``text`` to a file written beside
    the report (``path`` relative to the report's folder)."""

    lead: str
    text: str
    path: PurePosixPath


@dataclass(frozen=True)
class Table:
    """A table of rows, shown with at most ``limit`` rows (the CSV beside it has all)."""

    rows: Rows
    caption: str
    limit: int = 40


@dataclass(frozen=True)
class Figure:
    """A picture written beside the report (``path`` relative to the report's folder)."""

    path: PurePosixPath
    caption: str


Block = Paragraph | Link | Table | Figure


@dataclass
class Section:
    """A titled section; ``level`` 2 for a chapter, 3 for a part of one."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2


def _cell_md(value: Value | None) -> str:
    return display(value).replace("|", "\\|").replace("\n", " ")


def _table_md(table: Table) -> str:
    columns = table.rows.columns
    shown = list(table.rows)[: table.limit]
    lines = [
        f"*{table.caption}*",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(_cell_md(row[c]) for c in columns) + " |" for row in shown]
    if len(table.rows) > len(shown):
        lines += ["", f"({len(shown)} av {len(table.rows)} rader visas.)"]
    return "\n".join(lines)


def to_markdown(title: str, sections: list[Section]) -> str:
    """The report as Markdown."""
    parts = [f"# {title}"]
    for section in sections:
        parts.append(f"{'#' * section.level} {section.title}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Link):
                parts.append(f"{block.lead} [{block.text}]({block.path})")
            elif isinstance(block, Table):
                parts.append(_table_md(block))
            else:
                parts.append(f"![{block.caption}]({block.path})\n\n*{block.caption}*")
    return "\n\n".join(parts) + "\n"


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #eef3fb; }
caption { caption-side: top; font-style: italic; text-align: left; padding-bottom: 0.3rem; }
figure { margin: 1rem 0 2rem; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-style: italic; }
nav li { margin: 0.1rem 0; }
"""


def _anchor(index: int) -> str:
    return f"s{index}"


def _table_html(table: Table) -> str:
    columns = table.rows.columns
    shown = list(table.rows)[: table.limit]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(display(row[c]))}</td>" for c in columns) + "</tr>"
        for row in shown
    )
    more = (
        f"<p>({len(shown)} av {len(table.rows)} rader visas.)</p>"
        if len(table.rows) > len(shown)
        else ""
    )
    return (
        f"<table><caption>{html.escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def _block_html(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{html.escape(block.text)}</p>"
    if isinstance(block, Link):
        return (
            f'<p>{html.escape(block.lead)} <a href="{html.escape(str(block.path))}">'
            f"{html.escape(block.text)}</a></p>"
        )
    if isinstance(block, Table):
        return _table_html(block)
    caption = html.escape(block.caption)
    return (
        f'<figure><img src="{html.escape(str(block.path))}" alt="{caption}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def to_html(title: str, sections: list[Section]) -> str:
    """The report as one HTML page (pictures linked relative to it; no external requests)."""
    contents = "".join(
        f'<li><a href="#{_anchor(i)}">{html.escape(s.title)}</a></li>'
        for i, s in enumerate(sections)
        if s.level == 2
    )
    body = []
    for i, section in enumerate(sections):
        level = section.level
        body.append(f'<h{level} id="{_anchor(i)}">{html.escape(section.title)}</h{level}>')
        body += [_block_html(block) for block in section.blocks]
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<nav><ol>{contents}</ol></nav>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
