"""Plans over time: what changed between two versions of a plan, and an initiative's lifecycle.

Both are read from the query library, so the API and ``naravard-kg query`` give the same
answers by construction:

- ``plan_diff`` runs ``plan-diff`` (priorities and initiatives: tillagd, kvar, ändrad
  status, avslutad, borttagen; "avslutad" is an item the newer version says ended, such
  as a programme wound up, which is not new work) and ``plan-principle-changes``
  (guiding principles and prioritised target groups);
- ``lifecycle`` runs ``initiative-lifecycle`` and groups its rows into events: one per
  plan item (year, status, place, decider, quotes) and one per document that names the
  initiative without a plan item. A plan item the source only places before a year (an
  earlier pilot whose year it does not give) has ``before_year`` instead of ``year`` and
  sorts just before that year; one whose text gives no year has neither and sorts by its
  document's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rdflib import RDF, URIRef

from ..core.labels import label
from ..core.namespaces import NV
from ..core.rows import Rows
from ..core.terms import term_to_text
from ..errors import BadParameter
from ..library.reader import GraphReader
from ..library.select import QueryRunner

ADDED = "tillagd"
KEPT = "kvar"
CHANGED = "ändrad status"
DROPPED = "borttagen"
ENDED = "avslutad"
"""An item the newer version says ended (status avslutat) and the older did not."""
CHANGES = (CHANGED, KEPT, ADDED, ENDED, DROPPED)
"""The kinds of change, in the order tables and pictures show them."""

AREA = "prioriterat område"
"""The ``kind`` of a plan item about a priority area (the others are initiatives)."""
MENTION = "omnämnande"

DIFF_COLUMNS = [
    "change",
    "kind",
    "node",
    "label",
    "oldStatus",
    "newStatus",
    "oldPlace",
    "newPlace",
    "decidedBy",
    "oldQuote",
    "newQuote",
]
LIFECYCLE_COLUMNS = [
    "year",
    "beforeYear",
    "document",
    "documentLabel",
    "documentDate",
    "event",
    "planItem",
    "status",
    "place",
    "decidedBy",
    "quote",
]


@dataclass(frozen=True)
class Change:
    """One item, principle or target group and how it changed between two versions.

    ``kind`` says what it is (prioriterat område, initiativ, vägledande princip,
    prioriterad målgrupp); statuses, places and the decider exist for plan items only.
    """

    change: str
    kind: str
    node: str
    label: str
    old_status: str | None = None
    new_status: str | None = None
    old_place: str | None = None
    new_place: str | None = None
    decided_by: str | None = None
    old_quote: str | None = None
    new_quote: str | None = None

    def as_row(self) -> dict[str, str | None]:
        """The change as a row of ``DIFF_COLUMNS``."""
        values = (
            self.change,
            self.kind,
            self.node,
            self.label,
            self.old_status,
            self.new_status,
            self.old_place,
            self.new_place,
            self.decided_by,
            self.old_quote,
            self.new_quote,
        )
        return dict(zip(DIFF_COLUMNS, values, strict=True))


@dataclass(frozen=True)
class PlanDiff:
    """What a newer version of a plan added, kept, gave another status, ended or dropped."""

    old: str
    old_label: str
    new: str
    new_label: str
    items: tuple[Change, ...]
    concepts: tuple[Change, ...]

    def of(self, change: str) -> tuple[Change, ...]:
        """The plan items with the given kind of change (one of ``CHANGES``)."""
        if change not in CHANGES:
            raise BadParameter(f"unknown change {change!r}; use one of {', '.join(CHANGES)}")
        return tuple(c for c in self.items if c.change == change)

    def to_rows(self) -> Rows:
        """Items first, then principles and target groups, as one table."""
        return Rows(list(DIFF_COLUMNS), [c.as_row() for c in (*self.items, *self.concepts)])


@dataclass(frozen=True)
class Event:
    """What one document says about an initiative for one year.

    ``year`` is None when the source only places the event before a year without naming
    it; ``before_year`` then holds that year. Both are None for a plan item whose text
    gives no year (``document_date`` says when it was stated).
    """

    year: str | None
    before_year: str | None
    document: str
    document_label: str
    document_date: str | None
    event: str
    plan_item: str | None
    status: str | None
    places: tuple[str, ...]
    decided_by: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Lifecycle:
    """Every plan item and mention of one initiative, sorted by year, then document."""

    node: str
    label: str
    events: tuple[Event, ...]

    def to_rows(self) -> Rows:
        """One row per event; several places, deciders or quotes are joined."""
        rows = [
            dict(
                zip(
                    LIFECYCLE_COLUMNS,
                    (
                        e.year,
                        e.before_year,
                        e.document,
                        e.document_label,
                        e.document_date,
                        e.event,
                        e.plan_item,
                        e.status,
                        "; ".join(e.places) or None,
                        "; ".join(e.decided_by) or None,
                        " | ".join(e.quotes) or None,
                    ),
                    strict=True,
                )
            )
            for e in self.events
        ]
        return Rows(list(LIFECYCLE_COLUMNS), rows)


PLAN_ITEM = "SELECT ?item WHERE { ?item nv:plan ?document } LIMIT 1"


def _plan(reader: GraphReader, iri: URIRef, role: str) -> str:
    """The label of ``iri``; ``BadParameter`` unless it is a document with plan items."""
    facts = reader.facts([iri])
    name, title = term_to_text(iri), label(facts, iri)
    if (iri, RDF.type, NV.Document) not in facts:
        raise BadParameter(f"{role} version {name} ({title}) is not a document")
    if not reader.select(PLAN_ITEM, "document", [iri]):
        raise BadParameter(
            f"{role} version {name} ({title}) is not a plan: no nv:PlanItem "
            "names it in nv:plan (plan versions are e.g. "
            "doc:vasternorrland-fardplan-2025 and -2026)"
        )
    return title


def plan_diff(reader: GraphReader, query: QueryRunner, old: URIRef, new: URIRef) -> PlanDiff:
    """Compare two versions of a plan: items, guiding principles and target groups.

    ``old`` and ``new`` are documents with plan items; ``BadParameter`` if either is not,
    or if they are the same document. ``query`` runs the library's queries.
    """
    old_label, new_label = _plan(reader, old, "old"), _plan(reader, new, "new")
    if old == new:
        raise BadParameter(f"old and new are the same document: {term_to_text(old)}")
    items = tuple(
        Change(
            change=r["change"] or "",
            kind=r["kind"] or "",
            node=r["item"] or "",
            label=r["itemLabel"] or "",
            old_status=r["oldStatus"],
            new_status=r["newStatus"],
            old_place=r["oldPlace"],
            new_place=r["newPlace"],
            decided_by=r["decidedBy"],
            old_quote=r["oldQuote"],
            new_quote=r["newQuote"],
        )
        for r in query("plan-diff", old=old, new=new)
    )
    concepts = tuple(
        Change(
            change=r["change"] or "",
            kind=r["kind"] or "",
            node=r["concept"] or "",
            label=r["conceptLabel"] or "",
            old_quote=r["oldQuote"],
            new_quote=r["newQuote"],
        )
        for r in query("plan-principle-changes", old=old, new=new)
    )
    return PlanDiff(
        old=term_to_text(old) or "",
        old_label=old_label,
        new=term_to_text(new) or "",
        new_label=new_label,
        items=items,
        concepts=concepts,
    )


def _values(rows: list[dict[str, str | None]], column: str) -> tuple[str, ...]:
    return tuple(sorted({v for r in rows if (v := r[column]) is not None}))


def _event_key(row: dict[str, str | None]) -> tuple[str, bool, str, str, str, str, str]:
    """Rows of one event share year, document and plan item; the key also sorts events.

    An event placed only before a year sorts just before the events of that year; a plan
    item whose text gives no year sorts by its document's date (when it was stated); events
    with none of these come last.
    """
    return (
        row["year"] or row["beforeYear"] or (row["documentDate"] or "")[:4] or "9999",
        row["beforeYear"] is None,
        row["documentDate"] or "",
        row["document"] or "",
        row["event"] or "",
        row["planItem"] or "",
        row["status"] or "",
    )


def lifecycle(reader: GraphReader, query: QueryRunner, iri: URIRef) -> Lifecycle:
    """Every plan item and mention of an initiative (or priority area) across documents.

    ``BadParameter`` if ``iri`` is neither an initiative nor a priority area.
    """
    facts = reader.facts([iri])
    if not any((iri, RDF.type, kind) in facts for kind in (NV.Initiative, NV.PriorityArea)):
        raise BadParameter(
            f"{term_to_text(iri)} ({label(facts, iri)}) is not an initiative or priority "
            "area; a lifecycle follows one, e.g. init:mod-demensteam"
        )
    rows = sorted(query("initiative-lifecycle", node=iri), key=_event_key)
    events = []
    for _, group in groupby(rows, key=_event_key):
        members = list(group)
        first = members[0]
        events.append(
            Event(
                year=first["year"],
                before_year=first["beforeYear"],
                document=first["document"] or "",
                document_label=first["documentLabel"] or "",
                document_date=first["documentDate"],
                event=first["event"] or "",
                plan_item=first["planItem"],
                status=first["status"],
                places=_values(members, "place"),
                decided_by=_values(members, "decidedBy"),
                quotes=_values(members, "quote"),
            )
        )
    return Lifecycle(term_to_text(iri) or "", label(facts, iri), tuple(events))


def lifecycles_table(lifecycles: list[Lifecycle]) -> Rows:
    """Several lifecycles as one table: the initiative, then the columns of each event."""
    rows = [{"initiative": c.node, **row} for c in lifecycles for row in c.to_rows()]
    return Rows(["initiative", *LIFECYCLE_COLUMNS], rows)
