"""Plans over time: the Västernorrland roadmap 2025 → 2026 and initiatives across the years."""

from __future__ import annotations

from pathlib import Path

import pytest

import naravard_kg
from naravard_kg.analytics.plans import (
    ADDED,
    CHANGED,
    DROPPED,
    KEPT,
    Lifecycle,
    PlanDiff,
)
from naravard_kg.errors import BadParameter, NodeNotFound
from naravard_kg.views.plan_figures import plan_diff_figure, timeline_figure

PLAN_2025 = "doc:fardplan-nara-vard-vasternorrland-2025"
PLAN_2026 = "doc:fardplan-nara-vard-vasternorrland-2026"
COMPILATION_2020 = "doc:regionerna-nara-vard-2020"
MOD = "Organisationsöverskridande multidisciplinärt demensteam (MOD)"
TRACED = ("init:sip-pa-distans", "init:mod-demensteam", "init:tidiga-samordnade-insatser")


@pytest.fixture(scope="module")
def diff(kg: naravard_kg.KnowledgeGraph) -> PlanDiff:
    return kg.diff(PLAN_2025, PLAN_2026)


@pytest.fixture(scope="module")
def lifecycles(kg: naravard_kg.KnowledgeGraph) -> dict[str, Lifecycle]:
    return {node: kg.lifecycle(node) for node in TRACED}


def _labels(diff: PlanDiff, change: str) -> set[str]:
    return {c.label for c in diff.of(change)}


def test_2026_adds_the_new_priorities_and_continued_work(diff: PlanDiff):
    assert _labels(diff, ADDED) == {
        "Gemensamma rutiner för säkra videomöten",
        "Hemmonitorering inom hemsjukvård och särskilda boenden",
        "Införande av lokalgeografiska MOD-team",
        "LSG Barn och unga: samverkansöverenskommelse och insatser för att alla barn och "
        "unga klarar skolan",
        "LSG Vuxna: förebygga och minska ohälsa och öka inkludering hos särskilt utsatta grupper",
        "Prediktion sköra äldre",
        "SIP-utbildning",
        "Ökad användning av tjänster i 1177 och Sammanhållen planering/vy",
        # Not new work: the 2026 text records that the programme was wound up in 2025.
        "Program god och nära vård i Västernorrland",
    }
    added = {c.label: c for c in diff.of(ADDED)}
    assert added["SIP-utbildning"].new_status == "nytt"
    assert added["Program god och nära vård i Västernorrland"].new_status == "avslutat"
    assert added["SIP-utbildning"].new_quote.startswith("SIP-utbildning – Länsgemensam")


def test_2026_drops_sip_at_a_distance_barnsakert_and_joint_staffing(diff: PlanDiff):
    assert _labels(diff, DROPPED) == {
        "SIP på distans",
        "Samverkansmodellen BarnSäkert 0–6 år",
        "Gemensamma bemanningslösningar nära brukaren",
    }
    dropped = {c.label: (c.old_status, c.new_status) for c in diff.of(DROPPED)}
    assert dropped["SIP på distans"] == ("breddinfört", None)
    assert dropped["Gemensamma bemanningslösningar nära brukaren"] == ("planerat", None)


def test_mod_goes_from_pilot_in_ornskoldsvik_to_scale_up_decided_by_halsam(diff: PlanDiff):
    mod = next(c for c in diff.of(CHANGED) if c.label == MOD)
    assert (mod.old_status, mod.old_place) == ("pilot", "Örnsköldsvik")
    assert (mod.new_status, mod.new_place, mod.decided_by) == (
        "breddinförande",
        None,
        "Länsledning HälSam",
    )
    assert "med pilot i" in mod.old_quote
    assert (
        mod.new_quote == "Breddinförande Organisationsöverskridande multidisciplinärt demensteam."
    )


def test_statuses_that_changed_and_the_one_item_kept_as_it_was(diff: PlanDiff):
    changed = {c.label: (c.old_status, c.new_status) for c in diff.of(CHANGED)}
    assert changed == {
        MOD: ("pilot", "breddinförande"),
        "Tidiga samordnade insatser (TSI) för barn och unga": ("breddinförande", "fortsätter"),
        "Digitalt väntrum": ("planerat", "införande"),
        "Egenvård som en naturlig del av vården och omsorgen": ("planerat", "fortsätter"),
        "Sammanhållen vård- och omsorgsdokumentation (SVOD)": ("nytt", "fortsätter"),
        "Utvecklad distansvård": ("nytt", "fortsätter"),
        "Översyn av hemsjukvårdsavtalet": ("nytt", "fortsätter"),
        "Digitaliseringsomställning": ("nytt", "fortsätter"),
        "Utvecklad lokal samverkan (LSG)": ("nytt", "fortsätter"),
    }
    areas = {c.label for c in diff.items if c.kind == "prioriterat område"}
    assert areas == {"Digitaliseringsomställning", "Utvecklad lokal samverkan (LSG)"}
    assert [(c.label, c.old_status, c.new_status) for c in diff.of(KEPT)] == [
        ("Handlingsplan Beroende och Skadligt bruk", "fortsätter", "fortsätter")
    ]


def test_2026_adds_local_collaboration_and_digitalisation_as_principles(diff: PlanDiff):
    principles = {(c.change, c.label) for c in diff.concepts if c.kind == "vägledande princip"}
    assert principles == {
        (KEPT, "Förebyggande/främjande och tidiga insatser"),
        (ADDED, "Lokal samverkan"),
        (ADDED, "Digitalisering"),
    }
    digital = next(c for c in diff.concepts if c.label == "Digitalisering")
    assert digital.old_quote is None
    assert "lokal samverkan respektive digitalisering tre vägledande principer" in (
        digital.new_quote or ""
    )
    groups = {(c.change, c.label) for c in diff.concepts if c.kind == "prioriterad målgrupp"}
    assert groups == {
        (KEPT, "mest sjuka äldre"),
        (KEPT, "mångbesökare"),
        (KEPT, "barn och unga"),
        (KEPT, "personer med komplexa behov"),
    }


def test_reverse_diff_swaps_added_and_dropped(kg: naravard_kg.KnowledgeGraph, diff: PlanDiff):
    reverse = kg.diff(PLAN_2026, PLAN_2025)
    assert _labels(reverse, ADDED) == _labels(diff, DROPPED)
    assert _labels(reverse, DROPPED) == _labels(diff, ADDED)
    assert _labels(reverse, CHANGED) == _labels(diff, CHANGED)
    assert {c.label for c in reverse.concepts if c.change == "borttagen"} == {
        "Lokal samverkan",
        "Digitalisering",
    }


def test_diff_table_is_the_library_queries(kg: naravard_kg.KnowledgeGraph, diff: PlanDiff):
    table = diff.to_rows()
    items = kg.query("plan-diff", old=PLAN_2025, new=PLAN_2026)
    concepts = kg.query("plan-principle-changes", old=PLAN_2025, new=PLAN_2026)
    assert len(table) == len(items) + len(concepts)
    assert [
        (r["change"], r["node"], r["oldStatus"], r["newStatus"]) for r in table[: len(items)]
    ] == [(r["change"], r["item"], r["oldStatus"], r["newStatus"]) for r in items]
    assert [(r["kind"], r["change"], r["node"], r["newQuote"]) for r in table[len(items) :]] == [
        (r["kind"], r["change"], r["concept"], r["newQuote"]) for r in concepts
    ]
    assert table.to_csv().splitlines()[0] == ",".join(table.columns)


def test_mod_lifecycle_pilot_then_scale_up(lifecycles: dict[str, Lifecycle]):
    events = lifecycles["init:mod-demensteam"].events
    assert [(e.year, e.document, e.status, e.places, e.decided_by) for e in events] == [
        ("2025", PLAN_2025, "pilot", ("Örnsköldsvik",), ()),
        ("2026", PLAN_2026, "breddinförande", (), ("Länsledning HälSam",)),
    ]
    assert any("fattat ett beslut om breddinförande" in q for q in events[1].quotes)
    assert events[0].document_date == "2025-01-24"


def test_sip_at_a_distance_piloted_in_kramfors_scaled_up_in_2020_in_place_by_2025(
    lifecycles: dict[str, Lifecycle],
):
    events = lifecycles["init:sip-pa-distans"].events
    assert [(e.year, e.before_year, e.document, e.status) for e in events] == [
        # The 2020 compilation names the pilot but not its year: only that it came before.
        (None, "2020", COMPILATION_2020, "pilot"),
        ("2020", None, COMPILATION_2020, "breddinförande"),
        ("2025", None, PLAN_2025, "breddinfört"),
    ]
    assert {e.event for e in events} == {"planpost"}
    assert events[0].places == ("Kramfors",)
    assert events[0].quotes == (
        "Syftet är att utifrån erfarenheter från en pilot i Kramfors införa den tekniska "
        "lösningen i hela länet och därmed höja kvaliteten på arbetet.",
    )
    assert events[1].quotes == ("SIP på distans – SIP på distans breddinförs i länet.",)
    assert events[1].places == ("län 22 (Region Västernorrland)",)
    row = lifecycles["init:sip-pa-distans"].to_rows()[0]
    assert (row["year"], row["beforeYear"], row["place"]) == (None, "2020", "Kramfors")


def test_an_undated_earlier_pilot_is_listed_before_its_year_but_not_diffed(
    kg: naravard_kg.KnowledgeGraph,
):
    rows = kg.query("priorities-per-year", plan=COMPILATION_2020)
    sip = [r for r in rows if r["item"] == "init:sip-pa-distans"]
    assert [(r["year"], r["beforeYear"], r["status"], r["place"]) for r in sip] == [
        (None, "2020", "pilot", "Kramfors"),
        ("2020", None, "breddinförande", "län 22 (Region Västernorrland)"),
    ]
    position = rows.index(sip[0])
    assert rows[position - 1]["year"] == "2019" and rows[position + 1]["year"] == "2020"
    # The compilation's own state of SIP på distans is the 2020 scale-up, not the pilot.
    diff = kg.diff(COMPILATION_2020, PLAN_2025)
    sip_change = next(c for c in diff.items if c.node == "init:sip-pa-distans")
    assert (sip_change.change, sip_change.old_status, sip_change.old_place) == (
        CHANGED,
        "breddinförande",
        "län 22 (Region Västernorrland)",
    )


def test_tsi_named_in_2020_scaled_up_2025_continued_2026(lifecycles: dict[str, Lifecycle]):
    events = lifecycles["init:tidiga-samordnade-insatser"].events
    assert [(e.year, e.event, e.status) for e in events] == [
        ("2020", "omnämnande", None),
        ("2025", "planpost", "breddinförande"),
        ("2026", "planpost", "fortsätter"),
    ]
    assert any("nationellt initierat samverkansprojekt" in q for q in events[0].quotes)
    assert events[1].quotes == (
        "Breddinföra tidiga samordnade insatser (TSI) för barn och unga i alla kommuner.",
    )


@pytest.mark.parametrize("node", TRACED)
def test_lifecycle_is_the_library_query(
    kg: naravard_kg.KnowledgeGraph, lifecycles: dict[str, Lifecycle], node: str
):
    rows = kg.query("initiative-lifecycle", node=node)
    columns = ("year", "beforeYear", "document", "event", "status", "place", "decidedBy", "quote")
    expected = {tuple(r[c] for c in columns) for r in rows}
    got = {
        (e.year, e.before_year, e.document, e.event, e.status, place, decider, quote)
        for e in lifecycles[node].events
        for place in e.places or (None,)
        for decider in e.decided_by or (None,)
        for quote in e.quotes or (None,)
    }
    assert got == expected
    table = lifecycles[node].to_rows()
    assert table.columns[:5] == ["year", "beforeYear", "document", "documentLabel", "documentDate"]
    assert len(table) == len(lifecycles[node].events)
    assert list(lifecycles[node].events) == sorted(
        lifecycles[node].events, key=lambda e: (e.year or e.before_year or "", e.year is not None)
    )


def test_a_priority_area_planned_for_two_years_then_continued(kg: naravard_kg.KnowledgeGraph):
    events = kg.lifecycle("area:digitaliseringsomstallning").events
    assert [(e.year, e.document, e.status) for e in events] == [
        ("2025", PLAN_2025, "nytt"),
        ("2026", PLAN_2025, "nytt"),
        ("2026", PLAN_2026, "fortsätter"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "error", "words"),
    [
        ("init:mod-demensteam", PLAN_2026, BadParameter, "is not a document"),
        ("doc:avsiktsforklaring-vasternorrland-2021", PLAN_2026, BadParameter, "is not a plan"),
        (PLAN_2025, PLAN_2025, BadParameter, "the same document"),
        ("doc:fardplan-som-inte-finns", PLAN_2026, NodeNotFound, "no node"),
    ],
)
def test_plan_diff_rejects_what_is_not_two_plan_versions(
    kg: naravard_kg.KnowledgeGraph, old: str, new: str, error: type, words: str
):
    with pytest.raises(error, match=words):
        kg.diff(old, new)


def test_lifecycle_rejects_what_is_not_an_initiative(kg: naravard_kg.KnowledgeGraph):
    with pytest.raises(BadParameter, match="not an initiative or priority area"):
        kg.lifecycle("body:lansledning-halsam")
    with pytest.raises(NodeNotFound):
        kg.lifecycle("init:finns-inte")


def test_unknown_change_kind_is_rejected(diff: PlanDiff):
    with pytest.raises(BadParameter, match="unknown change"):
        diff.of("flyttad")


def _write_twice(tmp_path: Path, draw) -> list[bytes]:
    first = draw(tmp_path / "a" / "figure")
    second = draw(tmp_path / "b" / "figure")
    assert [p.suffix for p in first] == [".png", ".svg"]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(first, second, strict=True))
    return [p.read_bytes() for p in first]


def test_plan_diff_figure_is_written_identically_twice(tmp_path: Path, diff: PlanDiff):
    png, svg = _write_twice(tmp_path, lambda stem: plan_diff_figure(diff, stem))
    assert png.startswith(b"\x89PNG") and b"<svg" in svg


def test_timeline_figure_is_written_identically_twice(
    tmp_path: Path, lifecycles: dict[str, Lifecycle]
):
    chosen = [lifecycles[node] for node in TRACED]
    png, svg = _write_twice(
        tmp_path, lambda stem: timeline_figure(chosen, stem, "SIP på distans, MOD och TSI")
    )
    assert png.startswith(b"\x89PNG") and b"<svg" in svg
