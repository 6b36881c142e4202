"""Responsibility chains: the NetworkX view and the SPARQL property paths agree."""

from __future__ import annotations

import pytest

import naravard_kg
from naravard_kg.chain import tops

HTL = "Högsta tjänsteledning (RD/KD)"
POLITICS = "Politiken i kommunerna och Region Västernorrland"


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
    assert tops(steps) == [POLITICS]
    report = [s for s in steps if s.frequency == "två gånger per år"]
    assert len(report) == 1 and report[0].via == "Länsledningens presidium"
    assert (
        "Återrapport till KD/RD två gånger per år från Länsledningens presidium."
        in report[0].quotes
    )
    top = next(s for s in steps if s.target_label == POLITICS)
    assert any("ytterst ansvarig" in q for q in top.quotes)


def test_local_mod_teams_branch_through_lsg_and_the_programme(kg: naravard_kg.KnowledgeGraph):
    steps = kg.chain("init:lokalgeografiska-mod-team")
    first = {(s.relation, s.target_label) for s in steps if s.depth == 0}
    assert ("ägs av", "LSG Äldre") in first
    assert ("del av", "Organisationsöverskridande multidisciplinärt demensteam (MOD)") in first
    assert any(
        s.source_label == "LSG Äldre" and s.target_label == "Länsledning HälSam" for s in steps
    )
    assert tops(steps) == [POLITICS]


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
    graph_edges = {(s.source, s.target) for s in kg.chain(node)}
    sparql_edges = {(r["from"], r["to"]) for r in kg.query("responsibility-chain", node=node)}
    assert graph_edges == sparql_edges
    assert graph_edges


def test_chain_accepts_an_exact_label(kg: naravard_kg.KnowledgeGraph):
    assert kg.chain("SIP-utbildning") == kg.chain("init:sip-utbildning")


def test_unknown_node(kg: naravard_kg.KnowledgeGraph):
    with pytest.raises(naravard_kg.NodeNotFound, match="naravard-kg search"):
        kg.chain("init:no-such-thing")
