"""The national compilation, the Västerbotten documents and the theme taxonomy: real answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rdflib import RDF
from rdflib.namespace import PROV

import naravard_kg
from naravard_kg.core.namespaces import NV, NVID, OA

REGIONS = 21
SECTION_KINDS = 5


@pytest.fixture(scope="module")
def coverage(kg: naravard_kg.KnowledgeGraph):
    return kg.coverage()


def test_every_region_section_with_text_in_the_source_is_in_the_graph(coverage):
    assert len(coverage.sections) == REGIONS * SECTION_KINDS
    assert coverage.missed_sections == []
    # The sections left empty have no text in the source: a heading, or a figure caption.
    assert sorted(coverage.empty_sections) == [
        ("Region Norrbotten", "Exempel på prioriterade utvecklingsområden"),
        ("Region Västerbotten", "Exempel på prioriterade utvecklingsområden"),
        ("Region Östergötland", "Exempel på prioriterade utvecklingsområden"),
    ]


def test_all_regions_have_each_kind_of_fact(coverage):
    counts: dict[str, dict[str, int]] = {}
    for row in coverage.by_region:
        counts.setdefault(row["regionLabel"], {})[row["kind"]] = int(row["count"])
    assert len(counts) == REGIONS
    for region, kinds in counts.items():
        for kind in ("organ", "samverkansorgan", "initiativ", "dokument", "belägg"):
            assert kinds.get(kind, 0) > 0, f"{region} has no {kind}"


def test_counts_for_regions_counted_by_hand(coverage):
    counts = {(r["regionLabel"], r["kind"]): int(r["count"]) for r in coverage.by_region}
    # Blekinge: LSVO, regionalt samverkansråd, regionchefsgrupp, operativa samverkansgrupper;
    # the one post is the hälso- och sjukvårdsdirektör who leads the work.
    assert counts[("Region Blekinge", "samverkansorgan")] == 4
    assert counts[("Region Blekinge", "befattningar")] == 1
    # Västerbotten's report gives nine figures; no other document gives any.
    assert counts[("Region Västerbotten", "mätvärden")] == 9
    assert sum(n for (_, kind), n in counts.items() if kind == "mätvärden") == 9


def test_coverage_command_prints_the_report(kg, capsys):
    from naravard_kg.cli import main

    assert main(["-q", "coverage"], graph=kg) == 0
    out = capsys.readouterr().out
    assert "Region Östergötland: Exempel på prioriterade utvecklingsområden" in out
    assert "figure caption only" in out


def test_every_initiative_has_a_theme(kg: naravard_kg.KnowledgeGraph):
    rows = kg.run_checks()["initiative-without-theme-violation"]
    assert rows == [], rows.to_table()
    assert len(set(kg.graph.subjects(RDF.type, NV.Initiative))) > 400


def test_regions_running_mobile_teams(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("regions-with-theme", theme="theme:mobila-team")
    by_region = {}
    for row in rows:
        by_region.setdefault(row["regionLabel"], set()).add(row["initiativeLabel"])
    assert "Mobil närsjukvård" in by_region["Region Blekinge"]
    assert "Mobila närsjukvårdsteam" in by_region["Region Värmland"]
    assert "Mobilt vårdteam Malmö" in by_region["Region Skåne"]
    assert "Mobila hemsjukvårdsläkarverksamheten" in by_region["Västra Götalandsregionen"]


def test_goal_pictures_agreed_with_the_municipalities(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("goal-pictures")
    agreed = {(r["regionLabel"], r["date"]) for r in rows if r["withMunicipalities"] == "true"}
    assert ("Region Västernorrland", date(2021, 5, 14)) in agreed
    assert ("Region Blekinge", "2019") in agreed
    assert "Region Västerbotten" in {region for region, _ in agreed}


def test_who_leads_the_transition(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("transition-leaders")
    leaders = {(r["regionLabel"], r["holderLabel"]) for r in rows}
    assert ("Region Blekinge", "Hälso- och sjukvårdsdirektör, Region Blekinge") in leaders
    assert ("Region Dalarna", "Programchef för god och nära vård, Region Dalarna") in leaders
    assert (
        "Västra Götalandsregionen",
        "Programchef, programkontoret för omställningen, Västra Götalandsregionen",
    ) in leaders


def test_political_collaboration_bodies(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("political-collaboration-bodies")
    bodies = {(r["regionLabel"], r["bodyLabel"]) for r in rows}
    assert ("Region Östergötland", "Samrådet för vård och omsorg (SVO)") in bodies
    assert ("Region Jämtland Härjedalen", "Sociala vård- och omsorgsgruppen (SVOM)") in bodies
    assert ("Region Västerbotten", "Samråd vård och omsorg") in bodies


def test_fast_lakarkontakt_figures_with_their_dates(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("reported-figures", theme="theme:kontinuitet")
    figures = {(r["value"], r["unit"], r["date"]) for r in rows}
    assert (Decimal("10"), "procent", "2024-01") in figures
    assert (Decimal("20"), "procent", "2026-04") in figures
    assert (Decimal("56470"), "antal invånare", "2026-04") in figures
    all_rows = kg.query("reported-figures")
    nurses = [r for r in all_rows if "sjuksköterskor" in (r["label"] or "")]
    assert [(r["value"], r["unit"], r["date"]) for r in nurses] == [
        (Decimal("-4.5"), "miljoner kronor", "2025")
    ]


def test_region_profile_of_vasterbotten_spans_its_three_documents(kg: naravard_kg.KnowledgeGraph):
    rows = kg.query("region-profile", region="orgid:region-vasterbotten")
    documents = {r["document"] for r in rows}
    assert {
        "Regionernas arbete 2020",
        "Färdplan Västerbotten 2030",
        "Nära vård i Västerbotten 2025",
    } <= documents


def _sources(kg: naravard_kg.KnowledgeGraph, node: str) -> set[str]:
    iri = NVID[node]
    return {
        str(kg.graph.value(evidence, OA.hasSource)).rsplit("/", 1)[-1]
        for evidence in kg.graph.objects(iri, PROV.wasDerivedFrom)
    }


@pytest.mark.parametrize(
    "node",
    [
        "initiative/sip-pa-distans",
        "initiative/tidiga-samordnade-insatser",
        "body/vasternorrland-lokala-samverkansgrupper",
    ],
)
def test_one_node_across_the_compilation_and_the_roadmaps(kg, node: str):
    assert {"regionerna-nara-vard-2020", "vasternorrland-fardplan-2025"} <= _sources(kg, node)


def test_region_vasterbotten_is_one_node_across_its_documents(kg: naravard_kg.KnowledgeGraph):
    region = NVID["org/region-vasterbotten"]
    documents = {
        str(kg.graph.value(evidence, OA.hasSource)).rsplit("/", 1)[-1]
        for node, _, _ in kg.graph.triples((None, NV.inRegion, region))
        for evidence in kg.graph.objects(node, PROV.wasDerivedFrom)
    }
    assert {
        "regionerna-nara-vard-2020",
        "vasterbotten-fardplan-2030",
        "vasterbotten-rapport-2025",
    } <= documents


def test_coverage_queries_by_name(kg: naravard_kg.KnowledgeGraph):
    by_document = {
        (r["documentLabel"], r["kind"]): int(r["count"]) for r in kg.query("coverage-by-document")
    }
    assert by_document[("Arbetet med nära vård i Region Västerbotten 2025", "mätvärden")] == 9
    by_region = {(r["regionLabel"], r["kind"]) for r in kg.query("coverage-by-region")}
    assert ("Region Gotland", "samverkansorgan") in by_region
    sections = kg.query("coverage-sections")
    assert {r["number"] for r in sections} == {"1", "2", "3", "4", "5"}
