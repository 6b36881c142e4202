"""Cross-region similarity: the inputs agree with the graph, and the peers with the corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rdflib import RDF
from rdflib.namespace import SKOS

import naravard_kg
from naravard_kg.analytics.similarity import (
    MEASURES,
    Initiative,
    RegionSimilarity,
    cosine_similarity,
    text_cosines,
    weighted_jaccard,
)
from naravard_kg.core.namespaces import NV
from naravard_kg.core.prefixes import expand_curie
from naravard_kg.core.rows import Rows
from naravard_kg.core.terms import term_to_text
from naravard_kg.errors import BadParameter, NodeNotFound
from naravard_kg.views.similarity_figures import similarity_figures

REGIONS = 21


@pytest.fixture(scope="module")
def result(kg: naravard_kg.KnowledgeGraph) -> RegionSimilarity:
    return kg.similarity


def _peer_labels(result: RegionSimilarity, region: str, measure: str, n: int = 3) -> list[str]:
    return [peer.label for peer in result.peers(region, n, measure)]


# ---------------------------------------------------------------- inputs agree with the graph


def test_region_themes_query_equals_the_vectors_and_a_walk_up_the_taxonomy(kg, result):
    rows = kg.query("region-themes")
    from_query = {(r["region"], r["theme"]): int(r["initiatives"] or 0) for r in rows}
    vectors = {
        (region, theme): int(result.theme_counts[i, j])
        for i, region in enumerate(result.regions)
        for j, theme in enumerate(result.themes)
        if result.theme_counts[i, j]
    }
    assert vectors == from_query
    # The same counts found without SPARQL: each initiative's themes and all broader ones.
    graph = kg.graph
    tops = set(graph.subjects(SKOS.topConceptOf, None))
    walked: dict[tuple[str, str], set] = {}
    for initiative in graph.subjects(RDF.type, NV.Initiative):
        themes = {
            broader
            for stated in graph.objects(initiative, NV.theme)
            for broader in graph.transitive_objects(stated, SKOS.broader)
        } - tops
        for region in graph.objects(initiative, NV.inRegion):
            for theme in themes:
                key = (term_to_text(region), term_to_text(theme))
                walked.setdefault(key, set()).add(initiative)
    assert {key: len(found) for key, found in walked.items()} == vectors


def test_governance_features_query_equals_the_feature_matrix(kg, result):
    rows = kg.query("governance-features")
    from_query = {(r["region"], r["feature"]) for r in rows}
    matrix = {
        (region, feature)
        for i, region in enumerate(result.regions)
        for j, feature in enumerate(result.features)
        if result.feature_matrix[i, j]
    }
    assert matrix == from_query
    shown = {(r["regionLabel"], r["feature"], r["nodeLabel"]) for r in rows}
    # Västernorrland: LSG Barn och unga, Vuxna, Äldre and the presidium of Länsledning HälSam.
    assert ("Region Västernorrland", "lokal-samverkan", "LSG Äldre") in shown
    assert ("Region Västernorrland", "presidium", "Länsledningens presidium") in shown
    # Blekinge "nyligen etablerat programkontor"; VGR: "Det finns ett programkontor".
    assert (
        "Region Blekinge",
        "stodkontor",
        "Programkontor för utvecklingsarbetet i verksamhetsområde Nära vård, Region Blekinge",
    ) in shown
    assert (
        "Västra Götalandsregionen",
        "stodkontor",
        "Programkontoret för omställningen, Västra Götalandsregionen",
    ) in shown
    # Kalmar: "Länsgemensamma ledningsgruppen leder arbetet".
    assert ("Region Kalmar län", "leds-av-samverkansorgan") in {
        (label, feature) for label, feature, _ in shown
    }


def test_shared_themes_query_equals_the_shared_themes_of_the_peer(kg, result):
    rows = kg.query("shared-themes", a="orgid:region-gotland", b="orgid:region-kronoberg")
    assert set(rows.column("themeLabel")) == set(
        result.shared_themes("orgid:region-gotland", "orgid:region-kronoberg")
    )
    counts = {r["themeLabel"]: (r["initiativesA"], r["initiativesB"]) for r in rows}
    assert counts["Barns och ungas psykiska hälsa"] == (4, 4)


def test_regions_that_run_mobile_teams_share_the_theme(kg, result):
    with_theme = set(kg.query("regions-with-theme", theme="theme:mobila-team").column("region"))
    column = result.themes.index("theme:mobila-team")
    in_vectors = {r for i, r in enumerate(result.regions) if result.theme_counts[i, column]}
    assert in_vectors == with_theme
    # "Uppbyggnad och utveckling av mobila team" (Dalarna), "Mobila team" (Jämtland
    # Härjedalen), "Mobila vårdteam och arbetssätt" (Kronoberg), "Mobilt vårdteam Malmö"
    # (Skåne), "Mobila närsjukvårdsteam" (Värmland).
    for region in ("dalarna", "jamtland-harjedalen", "kronoberg", "skane", "varmland"):
        assert f"orgid:region-{region}" in in_vectors
    assert "Mobila team" in result.shared_themes("Dalarna", "Jämtland Härjedalen")
    assert "Mobila team" in result.shared_themes("Skåne", "Kronoberg")


# ---------------------------------------------------------------- properties of the scores


def test_every_measure_is_symmetric_in_range_and_one_on_the_diagonal(result):
    assert len(result.regions) == REGIONS
    for measure in MEASURES:
        matrix = result.matrices[measure]
        assert matrix.shape == (REGIONS, REGIONS)
        assert np.array_equal(matrix, matrix.T), measure
        assert matrix.min() >= 0 and matrix.max() <= 1, measure
        assert np.all(np.diag(matrix) == 1), measure
    assert result.weights == {"themes": 0.4, "text": 0.3, "governance": 0.3}


def test_no_region_is_its_own_peer_and_peers_come_best_first(result):
    for region in result.regions:
        for measure in MEASURES:
            peers = result.peers(region, REGIONS - 1, measure)
            assert region not in [p.region for p in peers]
            assert len(peers) == REGIONS - 1
            scores = [p.scores[measure] for p in peers]
            assert scores == sorted(scores, reverse=True)


def test_regions_are_found_by_prefixed_name_iri_label_or_short_label(result):
    iri = expand_curie("orgid:region-vasternorrland")
    for name in ("orgid:region-vasternorrland", iri, "Region Västernorrland", "vasternorrland"):
        assert result.region(name) == "orgid:region-vasternorrland"
    with pytest.raises(NodeNotFound, match="Västernorrland"):
        result.region("Region Atlantis")
    with pytest.raises(BadParameter, match="measure"):
        result.peers("Gotland", 3, "colour")
    with pytest.raises(BadParameter):
        result.clusters(k=0)


# ---------------------------------------------------------------- peers the corpus explains


def test_gotland_and_kronoberg_both_run_a_barnahus(result):
    # Gotland: "Barnahus – Målet är att ge barn som misstänks vara utsatta för brott hjälp ...";
    # Kronoberg: "Barnahus Kronoberg – Ge barn som misstänks vara utsatta för brott, ...".
    assert _peer_labels(result, "Gotland", "combined")[0] == "Region Kronoberg"
    assert "Region Kronoberg" in _peer_labels(result, "Gotland", "themes")
    peer = result.peers("Gotland", 1)[0]
    assert "Barns och ungas psykiska hälsa" in peer.shared_themes
    # BarnSam/VuxenSam on Gotland; tvärgrupper barn, vuxna, äldre in Kronoberg.
    assert "Samverkansgrupper per målgrupp" in peer.shared_features
    pair = peer.best_pair
    assert pair is not None
    assert (pair.a.label, pair.b.label) == ("Barnahus, Region Gotland", "Barnahus Kronoberg")
    assert any("misstänks vara utsatta för brott" in q for q in pair.a.quotes)
    assert any(q.startswith("Barnahus Kronoberg – Ge barn") for q in pair.b.quotes)
    assert pair.score > 0.8


def test_kalmar_and_ostergotland_are_governed_by_a_joint_officials_group(result):
    # Kalmar: "Länsgemensamma ledningsgruppen leder arbetet med utgångspunkt i
    # presidiekonferensernas uppdrag"; Östergötland: "Styrgrupp för det gemensamma arbetet
    # utgörs av ledningsgruppen för vård och omsorg, LGVO", beside the political SVO.
    assert _peer_labels(result, "Kalmar län", "governance")[0] == "Region Östergötland"
    assert "Region Kalmar län" in _peer_labels(result, "Östergötland", "governance", 2)
    shared = result.shared_features("Kalmar län", "Östergötland")
    for feature in (
        "Ett samverkansorgan leder",
        "Politiskt samverkansorgan",
        "Samverkan på strategisk tjänstemannanivå",
    ):
        assert feature in shared


def test_dalarna_and_jamtland_both_set_out_to_draw_a_joint_goal_picture(result):
    # Dalarna: "har under hösten 2019 inlett ett arbete för att ta fram en gemensam målbild";
    # Jämtland Härjedalen: "har ambition att ta fram en gemensam målbild för nära vård".
    assert _peer_labels(result, "Dalarna", "combined")[0] == "Region Jämtland Härjedalen"
    assert _peer_labels(result, "Jämtland Härjedalen", "combined")[0] == "Region Dalarna"
    assert _peer_labels(result, "Dalarna", "governance")[0] == "Region Jämtland Härjedalen"
    peer = result.peers("Dalarna", 1)[0]
    assert "Lokal eller operativ samverkan" in peer.shared_features
    assert peer.best_pair is not None
    assert peer.best_pair.b.label == "Gemensam målbild för nära vård (Jämtlands län)"
    assert any("ta fram en gemensam målbild" in q for q in peer.best_pair.b.quotes)


def test_vasterbotten_and_vasternorrland_steer_by_roadmaps_adopted_with_the_municipalities(result):
    # Färdplan Nära vård 2030 i Västerbotten (with the 15 municipalities) and Färdplan Nära
    # vård i Västernorrland; Målbild ... 2030 "Antagen av regionen och alla länets kommuner".
    assert _peer_labels(result, "Västernorrland", "combined")[0] == "Region Västerbotten"
    assert "Region Västernorrland" in _peer_labels(result, "Västerbotten", "combined", 2)
    shared = result.shared_features("Västerbotten", "Västernorrland")
    # Their own roadmaps, rarest of the features they share (national ones do not count).
    assert shared[0] == "Färdplan"
    assert "Målbild antagen med kommunerna" in shared
    assert "Utveckling av primärvården i landsbygd och glesbygd" in result.shared_themes(
        "Västerbotten", "Västernorrland"
    )


# ---------------------------------------------------------------- clusters and tables


def test_clusters_partition_the_regions_and_name_their_themes(kg, result):
    clusters = result.clusters()
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == sorted(result.regions)
    assert list(result.leaf_order) == members
    # The inland north: Dalarna, Jämtland Härjedalen, Norrbotten and Värmland; all four
    # run mobile teams, and access to primary care is what sets them apart most.
    north = next(c for c in clusters if "orgid:region-dalarna" in c.members)
    assert set(north.members) == {
        "orgid:region-dalarna",
        "orgid:region-jamtland-harjedalen",
        "orgid:region-norrbotten",
        "orgid:region-varmland",
    }
    mobile = {r["region"] for r in kg.query("region-themes") if r["theme"] == "theme:mobila-team"}
    assert set(north.members) <= mobile
    assert north.themes[0] == "Tillgänglighet i primärvården"
    assert len(result.clusters(k=1)) == 1
    assert len(result.clusters(threshold=0.0)) == REGIONS


def test_tables_for_the_command_line(result):
    pairs = result.to_rows()
    assert len(pairs) == REGIONS * (REGIONS - 1) // 2
    peers = result.peer_rows("Gotland", 2)
    assert peers.column("peerLabel")[0] == "Region Kronoberg"
    assert peers.column("initiativeB")[0] == "Barnahus Kronoberg"
    assert "Barnahus Kronoberg" in peers.format("csv")
    clusters = result.cluster_rows()
    assert sorted(clusters.column("region")) == sorted(result.regions)


# ---------------------------------------------------------------- empty input


def test_a_region_without_initiatives_or_features_scores_zero_and_does_not_crash():
    theme_rows = Rows(
        ["region", "theme", "themeLabel", "initiatives"],
        [{"region": "orgid:a", "theme": "theme:x", "themeLabel": "X", "initiatives": "2"}],
    )
    feature_rows = Rows(
        ["region", "feature", "featureLabel", "node", "nodeLabel"],
        [{"region": "orgid:a", "feature": "f", "featureLabel": "F", "node": "n", "nodeLabel": "N"}],
    )
    initiative = Initiative("init:a", "Mobila team", ("Mobila team",))
    result = RegionSimilarity(
        [("orgid:a", "Region A"), ("orgid:b", "Region B"), ("orgid:c", "Region C")],
        theme_rows,
        feature_rows,
        {"orgid:a": [(initiative, "Mobila team i hemmet")]},
    )
    for measure in MEASURES:
        assert result.score("A", "B", measure) == 0
    assert result.best_pair("A", "B") is None
    assert result.peers("B", 2)[0].shared_themes == ()
    assert sorted(m for c in result.clusters(k=2) for m in c.members) == [
        "orgid:a",
        "orgid:b",
        "orgid:c",
    ]


def test_pure_measures_give_zero_for_zero_vectors():
    assert cosine_similarity(np.array([[1.0, 0.0], [0.0, 0.0]]))[0, 1] == 0
    present = np.array([[True, False], [False, False]])
    assert weighted_jaccard(present, np.ones(2))[0, 1] == 0
    assert np.array_equal(text_cosines(["", ""]), np.zeros((2, 2)))


# ---------------------------------------------------------------- pictures


def test_figures_are_written_and_identical_on_a_second_run(result, tmp_path: Path):
    first = similarity_figures(result, tmp_path / "one")
    second = similarity_figures(result, tmp_path / "two")
    assert sorted(p.suffix for p in first) == [".png"] * 4 + [".svg"] * 4
    for one, two in zip(first, second, strict=True):
        assert one.stat().st_size > 20_000, one
        assert one.read_bytes() == two.read_bytes(), one.name
    heatmap = next(p for p in first if p.name == "region-similarity-heatmap.svg")
    assert "Västernorrland" in heatmap.read_text(encoding="utf-8")
