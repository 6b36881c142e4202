"""Plans over time: the Västernorrland roadmap 2025 → 2026 and initiatives across the years."""

from __future__ import annotations

from pathlib import Path

import pytest

import naravard_kg
from naravard_kg.analytics.plans import (
    ADDED,
    CHANGED,
    DROPPED,
    ENDED,
    KEPT,
    Lifecycle,
    PlanDiff,
)
from naravard_kg.errors import BadParameter, NodeNotFound
from naravard_kg.views.plan_figures import plan_diff_figure, timeline_figure

PLAN_2025 = "doc:vasternorrland-fardplan-2025"
PLAN_2026 = "doc:vasternorrland-fardplan-2026"
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
    }
    added = {c.label: c for c in diff.of(ADDED)}
    assert added["SIP-utbildning"].new_status == "nytt"
    assert added["SIP-utbildning"].new_quote.startswith("SIP-utbildning – Länsgemensam")


def test_the_programme_wound_up_is_ended_not_added(diff: PlanDiff):
    # Not new work: the 2026 text records that the programme was wound up when the plan
    # was approved, so the diff says "avslutad", a change of its own.
    ended = diff.of(ENDED)
    assert [(c.label, c.kind, c.old_status, c.new_status) for c in ended] == [
        ("Program god och nära vård i Västernorrland", "initiativ", None, "avslutat")
    ]
    assert ended[0].new_quote == (
        "I samband med planens godkännande avvecklades Program god och nära vård i Västernorrland"
    )
    assert ENDED == "avslutad"
    assert "Program god och nära vård i Västernorrland" not in _labels(diff, ADDED)


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
    # Read backwards, the programme the 2026 version ends is only in the older version.
    assert _labels(reverse, DROPPED) == _labels(diff, ADDED) | _labels(diff, ENDED)
    assert not reverse.of(ENDED)
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


def test_sip_at_a_distance_piloted_in_kramfors_being_scaled_up_in_2020_in_place_by_2025(
    lifecycles: dict[str, Lifecycle],
):
    events = lifecycles["init:sip-pa-distans"].events
    assert [(e.year, e.before_year, e.document, e.status) for e in events] == [
        # The 2020 compilation names the pilot but not its year: only that it came before.
        (None, "2020", COMPILATION_2020, "pilot"),
        # It says the scale-up is under way but gives no year: none, dated by the document.
        (None, None, COMPILATION_2020, "breddinförande"),
        ("2025", None, PLAN_2025, "breddinfört"),
    ]
    assert events[1].document_date == "2020"
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
        (None, None, "breddinförande", "län 22 (Region Västernorrland)"),
    ]
    position = rows.index(sip[0])
    assert rows[position - 1]["year"] == "2019" and rows[position + 1]["year"] == "2020"
    # Items whose text gives no year are listed too, with an empty year, after the dated ones.
    undated = [i for i, r in enumerate(rows) if r["year"] is None and r["beforeYear"] is None]
    assert rows.index(sip[1]) in undated
    assert undated == list(range(len(rows) - len(undated), len(rows)))
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
        lifecycles[node].events,
        key=lambda e: (
            e.year or e.before_year or (e.document_date or "")[:4],
            e.before_year is None,
        ),
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
        ("doc:vasternorrland-avsiktsforklaring-2021", PLAN_2026, BadParameter, "is not a plan"),
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


# The plan items of the 2020 compilation whose text gives a year, with that year (the words
# that give it in the comment); every other plan item of the compilation has no year at all.
COMPILATION_2020_YEARS = {
    "blekinge-utveckling-vo-nara-vard": {"2019"},  # "Under 2019 har arbetet ..."
    "dalarna-gemensam-malbild-och-strategi": {"2020"},  # "Detta arbete fortsätter under 2020."
    "dalarna-malbild-och-fardplan": {"2020"},  # "Hösten 2020 ska detta arbete utvidgas"
    "dalarna-pilotprojekt": {"2019"},  # "övergick i juli 2019"
    "dalarna-program-god-och-nara-vard": {"2020"},  # "från och med juni 2020 leds ..."
    "gotland-integrerad-missbruks-och-beroendevard": {"2018"},  # "2018 startade"
    "kalmar-halsa-hos-barn-och-unga": {"2020"},  # "Planerad start 2020."
    "kalmar-medverkan-brukare-patienter-narstaende": {"2015"},  # "tog 2015 beslut"
    "kronoberg-barnens-basta-galler": {"2017"},  # "Under 2017 fattades beslut"
    "kronoberg-bbg-gemensam-praxismodell": {"2020"},  # "kommer att testas i länet 2020"
    "rnv2020-uppsala-samverkan-fornyad-vardstruktur": {"2020"},  # "Våren 2020 fattar"
    "rnv2020-varmland-revidering-utvecklingsplanen": {"2019"},  # "under slutet av 2019"
    "rnv2020-varmland-utskrivning-rattspsykiatrin": {"2019"},  # "Under 2019 startade"
    # "initierades detta arbete under 2019", "I Umeå inleds arbetet under våren 2020"
    "rnv2020-vasterbotten-gemensam-malbild-nara-vard": {"2019", "2020"},
    "rnv2020-vasterbotten-omstallning-umea-skelleftea": {"2019"},  # "Hösten 2019 inleddes"
    "rnv2020-vasterbotten-projekt-ny-samverkansstruktur": {"2020"},  # "under våren 2020"
    "rnv2020-vasternorrland-stod-till-preventionssamordnare": {"2020"},  # "införs 2020"
    "skane-halsosamtal": {"2020"},  # "ska inledas under 2020"
    "skane-utvecklingsprojekt-nara-vard": {"2019"},  # "avslutat i december 2019"
    "sormland-gemensam-malbild-nara-vard": {"2020"},  # "fortsätter under våren 2020"
    "sormland-multiprofessionellt-team-eskilstuna": {"2019"},  # "Under 2019 inleddes"
    # Listed under "Exempel på prioriterade utvecklingsområden 2020:"
    "sormland-hembesok-inom-primarvarden": {"2020"},
    "sormland-nya-arbetssatt-och-samarbetsformer": {"2020"},
    "sormland-proaktiva-insatser": {"2020"},
    "sormland-sip-tillsammans-med-patienten": {"2020"},
}


def test_plan_items_of_the_2020_compilation_have_a_year_only_where_the_text_gives_one(
    kg: naravard_kg.KnowledgeGraph,
):
    rows = kg.sparql(
        "SELECT ?item ?year ?before WHERE { ?item a nv:PlanItem ; "
        "nv:plan doc:regionerna-nara-vard-2020 . OPTIONAL { ?item nv:year ?year } "
        "OPTIONAL { ?item nv:beforeYear ?before } }"
    )
    years: dict[str, set[str]] = {}
    before: dict[str, str] = {}
    for row in rows:
        name = row["item"].removeprefix("item:")
        years.setdefault(name, set())
        if row["year"] is not None:
            years[name].add(str(row["year"]))
        if row["before"] is not None:
            before[name] = str(row["before"])
    assert len(years) == 119
    assert {k: v for k, v in years.items() if v} == COMPILATION_2020_YEARS
    # The only item placed before a year: the earlier pilot of SIP på distans in Kramfors.
    assert before == {"rnv2020-vasternorrland-sip-pa-distans-pilot": "2020"}
    # Known case: the text says the measure has been prioritised, not for which year.
    assert years["stockholm-vardcentralerna-koordinerar-samverkan"] == set()
    assert years["halland-lakare-i-hemsjukvarden"] == set()  # "drivits sedan 2015": a start
