"""Pictures of plans over time: a two-column diff of two versions and a timeline of lifecycles.

Pure functions from ``plans`` dataclasses to reproducible PNG and SVG files (``save_figure``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from ..analytics.plans import (
    ADDED,
    AREA,
    CHANGED,
    CHANGES,
    DROPPED,
    ENDED,
    KEPT,
    MENTION,
    Change,
    Event,
    Lifecycle,
    PlanDiff,
)
from .figures import legend_line, new_figure, save_figure

CHANGE_COLOURS = {
    CHANGED: "#dd8452",
    KEPT: "#4c72b0",
    ADDED: "#2ca02c",
    ENDED: "#8c564b",
    DROPPED: "#c44e52",
}
_CHANGE_TITLES = {
    CHANGED: "Ändrad status",
    KEPT: "Kvar med samma status",
    ADDED: "Tillagda",
    ENDED: "Avslutade",
    DROPPED: "Borttagna",
}
_CONCEPT_TITLES = {
    "vägledande princip": "Vägledande principer",
    "prioriterad målgrupp": "Prioriterade målgrupper",
}
_STATUS_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
)
_LEFT, _RIGHT = 0.44, 0.56


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def _detail(status: str | None, place: str | None, decided_by: str | None = None) -> str:
    """Status, place and decider of one side of a change, as one small line."""
    parts = [status or ""]
    if place:
        parts.append(place)
    if decided_by:
        parts.append(f"beslut: {decided_by}")
    return " · ".join(p for p in parts if p)


def _diff_side(axes: Axes, x: float, y: float, change: Change, detail: str, colour: str) -> None:
    """One version's side of a row: marker at ``x``, label and detail beside it."""
    left = x < 0.5
    text_x, align = (x - 0.015, "right") if left else (x + 0.015, "left")
    weight = "bold" if change.kind == AREA else "normal"
    name = _short(change.label, 70)
    axes.text(text_x, y + 0.12, name, ha=align, va="center", fontsize=8.5, weight=weight)
    axes.text(
        text_x,
        y - 0.2,
        detail,
        ha=align,
        va="center",
        fontsize=7.5,
        color="#555555",
        style="italic",
    )
    axes.plot([x], [y], "o", color=colour, ms=6)


def _diff_row(axes: Axes, y: float, change: Change) -> None:
    colour = CHANGE_COLOURS[change.change]
    in_old = change.change != ADDED and (
        change.change != ENDED or change.old_status is not None or change.old_quote is not None
    )
    if in_old:
        _diff_side(axes, _LEFT, y, change, _detail(change.old_status, change.old_place), colour)
    if change.change != DROPPED:
        new = _detail(change.new_status, change.new_place, change.decided_by)
        _diff_side(axes, _RIGHT, y, change, new, colour)
    start = _LEFT if in_old else 0.5
    end = 0.5 if change.change == DROPPED else _RIGHT
    style = "solid" if change.change in (KEPT, CHANGED) else "dashed"
    axes.plot([start, end], [y, y], color=colour, lw=2.2, linestyle=style)
    if change.change == DROPPED:
        axes.plot([0.5], [y], "x", color=colour, ms=8, mew=2)


def _diff_sections(diff: PlanDiff) -> list[tuple[str, str | None, list[Change]]]:
    """(heading, colour of the heading, rows) in drawing order; empty sections left out."""
    sections: list[tuple[str, str | None, list[Change]]] = []
    for change in CHANGES:
        rows = sorted(diff.of(change), key=lambda c: (c.kind, c.label))
        if rows:
            title = f"{_CHANGE_TITLES[change]} ({len(rows)})"
            sections.append((title, CHANGE_COLOURS[change], rows))
    for kind in sorted({c.kind for c in diff.concepts}, reverse=True):
        rows = sorted(
            (c for c in diff.concepts if c.kind == kind),
            key=lambda c: (CHANGES.index(c.change), c.label),
        )
        sections.append((_CONCEPT_TITLES.get(kind, kind.capitalize()), None, rows))
    return sections


def plan_diff_figure(diff: PlanDiff, stem: Path) -> list[Path]:
    """Draw the old version's items left, the new version's right, joined by change.

    Lines are coloured by the kind of change (legend), each side shows the status (and
    place or decider) the version gives; principles and target groups follow the items.
    Writes ``stem``.png and ``stem``.svg.
    """
    sections = _diff_sections(diff)
    rows = sum(len(r) + 1.7 for _, _, r in sections)
    figure = new_figure(15, 1.6 + 0.42 * rows)
    axes = figure.subplots()
    y = 0.0
    for heading, colour, changes in sections:
        y -= 1.2
        axes.text(
            0.5,
            y,
            heading,
            ha="center",
            va="center",
            fontsize=10,
            weight="bold",
            color=colour or "#222222",
        )
        axes.plot([0.02, 0.98], [y - 0.45, y - 0.45], color="#dddddd", lw=0.8)
        y -= 0.5
        for change in changes:
            y -= 1.0
            _diff_row(axes, y, change)
    axes.text(
        _LEFT - 0.015,
        0.6,
        _short(diff.old_label, 60),
        ha="right",
        va="center",
        fontsize=11,
        weight="bold",
    )
    axes.text(
        _RIGHT + 0.015,
        0.6,
        _short(diff.new_label, 60),
        ha="left",
        va="center",
        fontsize=11,
        weight="bold",
    )
    axes.set_xlim(0, 1)
    axes.set_ylim(y - 0.8, 1.2)
    axes.axis("off")
    axes.set_title("Vad ändrades mellan planversionerna?", fontsize=13)
    axes.text(
        0.02,
        y - 0.6,
        "Fetstil: prioriterat område; övriga poster är initiativ.",
        fontsize=8,
        color="#555555",
    )
    counts = {c: len(diff.of(c)) for c in CHANGES}
    handles = [
        legend_line(
            color=CHANGE_COLOURS[c],
            lw=2.2,
            linestyle="solid" if c in (KEPT, CHANGED) else "dashed",
            label=f"{c} ({counts[c]} poster)",
        )
        for c in CHANGES
    ]
    axes.legend(
        handles=handles,
        loc="upper right",
        fontsize=8.5,
        frameon=True,
        title="förändring",
        title_fontsize=8.5,
    )
    figure.tight_layout()
    return save_figure(figure, stem)


def _status_colours(lifecycles: Sequence[Lifecycle]) -> dict[str, str]:
    statuses = sorted({e.status for lc in lifecycles for e in lc.events if e.status})
    return {s: _STATUS_PALETTE[i % len(_STATUS_PALETTE)] for i, s in enumerate(statuses)}


def _event_text(event: Event, width: int) -> str:
    """Status, place, decider, document and the longest quote of one event, wrapped."""
    head = event.status or "omnämnt"
    lines = [_detail(head, "; ".join(event.places), "; ".join(event.decided_by))]
    lines.append(f"({event.document_label})")
    if event.quotes:
        quote = max(event.quotes, key=lambda q: (len(q), q))
        more = f" (+{len(event.quotes) - 1} citat)" if len(event.quotes) > 1 else ""
        lines.append(f"”{_short(quote, 110)}”{more}")
    return "\n".join(textwrap.fill(line, width, break_long_words=False) for line in lines)


def _slot(event: Event) -> tuple[int, bool] | None:
    """The column of an event: (year, dated); ``(2020, False)`` is "före 2020", just left of
    2020. None for an event with neither a year nor a year it came before."""
    year = event.year or event.before_year
    return (int(year), event.year is not None) if year else None


def _slot_label(slot: tuple[int, bool]) -> str:
    year, dated = slot
    return str(year) if dated else f"före {year}"


def _skipped(left: tuple[int, bool], right: tuple[int, bool]) -> str | None:
    """The years between two columns that have no column, as ``2021–2024``; None when there
    are none or when the right column is undated (its events may lie in the gap)."""
    last = left[0] if left[1] else left[0] - 1
    if not right[1] or right[0] - last <= 1:
        return None
    return f"{last + 1}–{right[0] - 1}" if right[0] - last > 2 else str(last + 1)


def timeline_figure(
    lifecycles: Sequence[Lifecycle],
    stem: Path,
    title: str = "Initiativens livscykel över dokument och år",
) -> list[Path]:
    """Draw one row per initiative along the years, one marker per event.

    Only years with events get a column (a ``⋯`` marks skipped years). Filled circles are
    plan items coloured by status; hollow diamonds are mentions in a document without a
    plan item. A plan item the source only places before a year gets a column "före
    <year>" just left of that year, a hollow circle with a dashed edge and a dashed line
    to the next event. Each marker is annotated with status, place, decider, document and
    the longest quote. Events with no year at all are left out (a note says how many).
    Writes ``stem``.png and ``stem``.svg.
    """
    placed_events = [[e for e in lc.events if _slot(e)] for lc in lifecycles]
    undated = sum(len(lc.events) for lc in lifecycles) - sum(map(len, placed_events))
    slots = sorted({slot for events in placed_events for e in events if (slot := _slot(e))})
    column = {slot: i for i, slot in enumerate(slots)}
    colours = _status_colours(lifecycles)
    figure = new_figure(4.0 + 4.2 * max(len(slots), 1), 0.8 + 2.6 * max(len(lifecycles), 1))
    axes = figure.subplots()
    for row, events in enumerate(placed_events):
        y = -row
        cells: dict[int, list[Event]] = {}
        for event in events:
            slot = _slot(event)
            if slot:
                cells.setdefault(column[slot], []).append(event)
        placed = [
            (x0 + (j - (len(group) - 1) / 2) / len(group), 1 / len(group), event)
            for x0, group in sorted(cells.items())
            for j, event in enumerate(group)
        ]
        for (x1, _, first), (x2, _, second) in pairwise(placed):
            vague = first.year is None or second.year is None
            style = "dashed" if vague else "solid"
            axes.plot([x1, x2], [y, y], color="#bbbbbb", lw=1.5, linestyle=style, zorder=1)
        for x, share, event in placed:
            colour = colours.get(event.status or "", "#7f7f7f")
            if event.event == MENTION:
                axes.plot([x], [y], "D", ms=9, mfc="white", mec="#666666", mew=1.5, zorder=3)
            elif event.year is None:
                axes.scatter(
                    [x],
                    [y],
                    s=144,
                    marker="o",
                    facecolors="white",
                    edgecolors=colour,
                    linewidths=2.2,
                    linestyles="--",
                    zorder=3,
                )
            else:
                axes.plot([x], [y], "o", ms=12, color=colour, mec="#333333", zorder=3)
            text = _event_text(event, int(44 * share))
            axes.text(x, y - 0.1, text, ha="center", va="top", fontsize=7.5, linespacing=1.2)
    for left, right in pairwise(slots):
        skipped = _skipped(left, right)
        if skipped:
            axes.text(
                column[left] + 0.5,
                -len(lifecycles) + 0.16,
                f"⋯ {skipped} ⋯",
                ha="center",
                va="center",
                fontsize=8,
                color="#888888",
            )
    axes.set_yticks([-i for i in range(len(lifecycles))])
    axes.set_yticklabels([textwrap.fill(lc.label, 28) for lc in lifecycles], fontsize=9.5)
    axes.set_xticks(range(len(slots)))
    axes.set_xticklabels([_slot_label(slot) for slot in slots], fontsize=10)
    for tick, slot in zip(axes.get_xticklabels(), slots, strict=True):
        tick.set_style("normal" if slot[1] else "italic")
    axes.set_xlim(-0.55, len(slots) - 0.45)
    axes.set_ylim(-len(lifecycles) + 0.1, 0.45)
    axes.grid(axis="x", color="#eeeeee")
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.set_xlabel(
        "år (planpostens år; för omnämnanden dokumentets år; "
        "”före år”: källan anger bara att det var tidigare)"
    )
    axes.set_title(title, fontsize=12)
    handles = [
        legend_line(marker="o", ls="", ms=9, color=c, mec="#333333", label=f"planpost: {s}")
        for s, c in colours.items()
    ]
    handles.append(
        legend_line(
            marker="o",
            ls="",
            ms=9,
            mfc="white",
            mec="#666666",
            mew=1.8,
            label="planpost utan år (före ett år)",
        )
    )
    handles.append(
        legend_line(
            marker="D",
            ls="",
            ms=7,
            mfc="white",
            mec="#666666",
            label="omnämnande utan planpost",
        )
    )
    axes.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8.5,
        frameon=False,
        title="status",
        title_fontsize=9,
    )
    if undated:
        figure.text(0.01, 0.01, f"{undated} händelse(r) helt utan år visas inte.", fontsize=8)
    figure.tight_layout()
    return save_figure(figure, stem)
