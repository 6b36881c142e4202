"""One row per answer: every query of the library, run with its example, gives no row
twice, and labels in more languages do not multiply its rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

import naravard_kg

ROOT = Path(__file__).resolve().parents[1]


def _repeated(rows: naravard_kg.Rows) -> list[dict]:
    seen: set[tuple] = set()
    repeated = []
    for row in rows:
        key = tuple(row.values())
        if key in seen:
            repeated.append(row)
        seen.add(key)
    return repeated


def test_no_query_example_gives_a_row_twice(kg: naravard_kg.KnowledgeGraph) -> None:
    for query in kg.catalogue:
        rows = kg.query(query.name, **query.example_params())
        assert _repeated(rows) == [], query.name


@pytest.fixture(scope="module")
def more_languages(
    kg: naravard_kg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
) -> naravard_kg.KnowledgeGraph:
    """A copy of the project whose graph has an English and a German label beside each
    Swedish one that has none (a region, say, that today has only its Swedish name)."""
    extra = Graph()
    for node, label in kg.asserted.subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language == "sv":
            languages = {other.language for other in kg.asserted.objects(node, RDFS.label)}
            for language in {"en", "de"} - languages:
                extra.add((node, RDFS.label, Literal(f"{label} [{language}]", lang=language)))
    assert len(extra) > 1000, "most nodes have only a Swedish label"
    base = tmp_path_factory.mktemp("languages")
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / folder, base / "project" / folder)
    extra.serialize(base / "project" / "graph" / "more-labels.ttl", format="turtle")
    return naravard_kg.load(base / "project", store=base / "store")


def test_labels_in_more_languages_change_no_answer(
    kg: naravard_kg.KnowledgeGraph, more_languages: naravard_kg.KnowledgeGraph
) -> None:
    for query in kg.catalogue:
        params = query.example_params()
        assert more_languages.query(query.name, **params) == kg.query(query.name, **params), (
            query.name
        )
