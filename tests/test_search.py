"""Label search ignores case and å, ä, ö."""

from __future__ import annotations

import naravard_kg


def test_search_finds_vasternorrland_without_accents(kg: naravard_kg.KnowledgeGraph):
    assert "orgid:region-vasternorrland" in [h.node for h in kg.search("Vasternorrland")]
    assert next(h.node for h in kg.search("region västernorrland")) == "orgid:region-vasternorrland"


def test_search_ranks_exact_label_first(kg: naravard_kg.KnowledgeGraph):
    hits = kg.search("ornskoldsvik")
    assert hits[0].node == "orgid:kommun-ornskoldsvik"
    assert hits[0].label == "Örnsköldsvik"
    assert "nv:Municipality" in hits[0].types


def test_search_finds_alternative_labels(kg: naravard_kg.KnowledgeGraph):
    assert "init:mod-demensteam" in [h.node for h in kg.search("MOD-team")]
    assert "body:vasternorrland-hogsta-tjansteledning" in [h.node for h in kg.search("KD/RD")]


def test_blank_search_finds_nothing(kg: naravard_kg.KnowledgeGraph):
    assert kg.search("   ") == []
