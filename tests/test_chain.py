"""Responsibility chains: the NetworkX view and the SPARQL property paths agree."""

from __future__ import annotations

import pytest

import naravard_kg
from naravard_kg.analytics.chains import (
    ANCHORED_IN,
    DECIDED_BY,
    REPORTS_TO,
    SITS_IN,
    UNDER,
    Step,
)

HTL = "Högsta tjänsteledning (RD/KD)"
POLITICS = "Politiken i kommunerna och Region Västernorrland"


def tops(steps: list[Step]) -> list[str]:
    """Labels of the nodes the chain ends at (targets that are nobody's source)."""
    sources = {s.source for s in steps}
    return sorted({s.target_label for s in steps if s.target not in sources})


def test_mod_chain_goes_through_the_county_leadership_to_the_top(kg: naravard_kg.KnowledgeGraph):
    steps = kg.chain("init:mod-demensteam")
    by_depth = {(s.depth, s.source_label, s.target_label) for s in steps}
    assert (
        0,
        "Organisationsöverskridande multidisciplinärt demensteam (MOD)",
        "Länsledning HälSam",
    ) in by_depth
    assert (1, "Länsledning HälSam", HTL) in by_depth
    assert (2, HTL, POLITICS) in by_depth
    # Decisions are also anchored in each organisation's own management and committees.
    assert tops(steps) == [
        "Ledningsgrupper i respektive organisation",
        POLITICS,
        "Politiska nämnder i respektive organisation",
    ]
    report = [s for s in steps if s.frequency == "två gånger per år"]
    assert len(report) == 1 and report[0].via == "Länsledningens presidium"
    assert (
        "Återrapport till KD/RD två gånger per år från Länsledningens presidium."
        in report[0].quotes
    )
    top = next(s for s in steps if s.target_label == POLITICS and s.kind == REPORTS_TO)
    assert any("ytterst ansvarig" in q for q in top.quotes)


def test_local_mod_teams_branch_through_lsg_and_the_programme(kg: naravard_kg.KnowledgeGraph):
    steps = kg.chain("init:lokalgeografiska-mod-team")
    first = {(s.relation, s.target_label) for s in steps if s.depth == 0}
    assert ("ägs av", "LSG Äldre") in first
    assert ("del av", "Organisationsöverskridande multidisciplinärt demensteam (MOD)") in first
    # The roadmap lists the LSG's goals under the county leadership's priority area but does
    # not say the group answers to it: LSG Äldre is only under the LSG level, and the chain
    # reaches the top through the MOD initiative that the local teams are part of.
    lsg = {(s.kind, s.target_label) for s in steps if s.source_label == "LSG Äldre"}
    assert lsg == {(UNDER, "Lokala samverkansgrupper (LSG) i Västernorrland")}
    assert POLITICS in tops(steps)


def test_a_body_no_one_is_named_above_has_an_empty_chain(kg: naravard_kg.KnowledgeGraph):
    assert kg.chain("body:digitaliseringsradet-vasternorrland") == []


@pytest.mark.parametrize(
    "node",
    [
        "init:mod-demensteam",
        "init:lokalgeografiska-mod-team",
        "init:sip-utbildning",
        "body:lsg-vuxna-vasternorrland",
        "body:lansledning-halsam-presidium",
    ],
)
def test_sparql_property_paths_and_networkx_give_the_same_chain(kg, node: str):
    graph_edges = {(s.source, s.kind, s.target, s.via) for s in kg.chain(node)}
    rows = kg.query("responsibility-chain", node=node)
    sparql_edges = {(r["from"], r["kind"], r["to"], r["via"]) for r in rows}
    assert graph_edges == sparql_edges
    assert graph_edges


def test_the_mod_decision_of_2026_is_a_link_of_its_own(kg: naravard_kg.KnowledgeGraph):
    decided = [s for s in kg.chain("init:mod-demensteam") if s.kind == DECIDED_BY]
    assert [(s.relation, s.target_label) for s in decided] == [
        ("beslutad av (2026, breddinförande)", "Länsledning HälSam")
    ]
    assert (
        "länsledning HälSam fattat ett beslut om breddinförande av Organisationsöverskridande "
        "multidisciplinära demensteam (MOD) efter pilot." in decided[0].quotes
    )


def test_decisions_are_anchored_in_every_organisation(kg: naravard_kg.KnowledgeGraph):
    anchored = {
        (s.source_label, s.target_label)
        for s in kg.chain("body:lansledning-halsam")
        if s.kind == ANCHORED_IN
    }
    assert ("Länsledning HälSam", "Politiska nämnder i respektive organisation") in anchored
    assert ("Länsledning HälSam", "Ledningsgrupper i respektive organisation") in anchored


def test_a_municipal_director_sits_in_the_joint_highest_officials(
    kg: naravard_kg.KnowledgeGraph,
):
    steps = kg.chain("post:kommundirektor-kramfors")
    first = steps[0]
    assert (first.kind, first.relation, first.target_label) == (
        SITS_IN,
        "sitter i (kommundirektör)",
        HTL,
    )
    # The joint body is shown as shared by the region and the seven municipalities.
    assert len(first.shared_by) == 8
    assert {"Region Västernorrland", "Kramfors", "Örnsköldsvik"} <= set(first.shared_by)
    assert tops(steps) == [POLITICS]


def test_the_presidium_is_under_the_county_leadership(kg: naravard_kg.KnowledgeGraph):
    steps = kg.chain("body:lansledning-halsam-presidium")
    assert (0, UNDER, "Länsledning HälSam") in {(s.depth, s.kind, s.target_label) for s in steps}


def test_reverse_view_of_the_highest_officials(kg: naravard_kg.KnowledgeGraph):
    below = kg.accountable_for("body:vasternorrland-hogsta-tjansteledning")
    by_node = {d.node: d for d in below}
    assert by_node["body:lansledning-halsam"].depth == 1
    assert by_node["post:kommundirektor-kramfors"].depth == 1
    assert by_node["init:mod-demensteam"].depth == 2
    assert by_node["init:lokalgeografiska-mod-team"].depth == 3
    assert by_node["init:mod-demensteam"].types == ("initiativ",)
    # Digitaliseringsrådet answers to no one the roadmaps name.
    assert "body:digitaliseringsradet-vasternorrland" not in by_node


def test_reverse_view_agrees_with_sparql(kg: naravard_kg.KnowledgeGraph):
    top = "body:vasternorrland-hogsta-tjansteledning"
    python = {(d.node, t) for d in kg.accountable_for(top) for t in d.types}
    sparql = {(r["node"], r["type"]) for r in kg.query("accountable-for", body=top)}
    assert python == sparql


@pytest.mark.parametrize("region", ["orgid:region-vasternorrland", "orgid:region-skane"])
def test_bodies_that_answer_to_no_one_agree_with_the_upward_graph(kg, region: str):
    upward = kg.to_networkx()
    in_region = {
        r["node"]
        for r in kg.sparql(
            f"SELECT ?node WHERE {{ ?node a nv:Body ; nv:inRegion {region} . "
            "FILTER NOT EXISTS { ?node a nv:PoliticalBody } }"
        )
    }
    expected = {
        node
        for node in in_region
        if kg.resolve(node) not in upward or upward.out_degree(kg.resolve(node)) == 0
    }
    gaps = {r["node"] for r in kg.gaps(region) if r["gap"].startswith("2 ")}
    assert gaps == expected
    assert gaps


def test_gaps_in_vasternorrland(kg: naravard_kg.KnowledgeGraph):
    rows = kg.gaps("orgid:region-vasternorrland")
    assert rows == kg.query("accountability-gaps", region="orgid:region-vasternorrland")
    by_gap: dict[str, set[str]] = {}
    for row in rows:
        by_gap.setdefault(row["gap"], set()).add(row["node"])
    assert (
        "body:digitaliseringsradet-vasternorrland"
        in by_gap["2 organ som inte står till svars inför någon"]
    )
    assert "body:lansledning-halsam" not in by_gap["2 organ som inte står till svars inför någon"]
    assert "init:vasternorrland-framtidens-halsorum" in by_gap["1 initiativ utan namngiven ägare"]
    assert all(row["quote"] for row in rows)


def test_chain_accepts_an_exact_label(kg: naravard_kg.KnowledgeGraph):
    assert kg.chain("SIP-utbildning") == kg.chain("init:sip-utbildning")


def test_unknown_node(kg: naravard_kg.KnowledgeGraph):
    with pytest.raises(naravard_kg.NodeNotFound, match="naravard-kg search"):
        kg.chain("init:no-such-thing")


@pytest.mark.parametrize("text", ["init:foo bar", "init:x>y", 'init:a"b', "http://[::1"])
def test_a_malformed_iri_is_an_unknown_node_not_a_crash(kg: naravard_kg.KnowledgeGraph, text):
    """An IRI that Oxigraph's IRI parser rejects is never sent to the store: it is looked
    up as a label, and then is an unknown node (exit 2 from the command line)."""
    with pytest.raises(naravard_kg.NodeNotFound):
        kg.chain(text)
