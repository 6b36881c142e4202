"""Label search ignores case and å, ä, ö."""

from __future__ import annotations

import pytest

import naravard_kg
from naravard_kg.cli import main


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


def test_every_word_must_occur_somewhere_in_a_nodes_names(kg: naravard_kg.KnowledgeGraph):
    hits = kg.search("presidium återrapporterar")
    assert [h.node for h in hits] == ["resp:presidium-aterrapport"]
    assert kg.search("presidium återrapporterar zebra") == []


def test_a_document_is_found_by_its_title_and_year(kg: naravard_kg.KnowledgeGraph):
    assert [h.node for h in kg.search("färdplan 2026")] == ["doc:vasternorrland-fardplan-2026"]


def test_the_swedish_label_is_shown_with_the_name_that_matched(kg: naravard_kg.KnowledgeGraph):
    hit = kg.search("MOD")[0]
    assert hit.node == "init:mod-demensteam"
    assert hit.label == "Organisationsöverskridande multidisciplinärt demensteam (MOD)"
    assert hit.matched == "MOD"
    assert hit.types == ("nv:Initiative",)


def test_a_cut_list_says_how_many_matched(kg: naravard_kg.KnowledgeGraph, capsys):
    hits = kg.search("Västernorrland", limit=3)
    assert len(hits) == 3 and hits.total > 3
    assert hits[0].node == "orgid:region-vasternorrland"
    assert hits.summary() == f"3 of {hits.total} shown (more with --limit)"
    assert main(["search", "Västernorrland", "--limit", "3"], graph=kg) == 0
    assert f"3 of {hits.total} shown" in capsys.readouterr().err


def test_a_limit_below_one_is_refused(kg: naravard_kg.KnowledgeGraph):
    with pytest.raises(naravard_kg.BadParameter, match="limit must be a positive"):
        kg.search("MOD", limit=-1)
