"""The cache of inferred triples: an entry is served only when its checksum holds, a bad
one is computed again, the key covers the code that reasons, and the folder stays small."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import naravard_kg
from naravard_kg.engines import cache
from naravard_kg.engines.persistent import expected_manifest

DATA = "vasternorrland-fardplan-2026.ttl"


def _load(project: Path) -> naravard_kg.KnowledgeGraph:
    """One graph file of the copy, reasoned with the inference cache (no store)."""
    return naravard_kg.load(project, data=[project / "graph" / DATA])


def _entry(project_copy: Path) -> Path:
    [entry] = (project_copy.parent / "cache" / "inferred").glob("*.nt")
    return entry


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "cut-short": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"\x00\xff not n-triples \n" * 10,
    "forged-triple": lambda data: data + b"<urn:forged> <urn:p> <urn:o> .\n",
    "no-checksum": lambda data: data.partition(b"\n")[2],
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_entry_is_computed_again_never_served(project_copy: Path, damage: str):
    first = _load(project_copy)
    entry = _entry(project_copy)
    good = entry.read_bytes()
    entry.write_bytes(DAMAGES[damage](good))
    again = _load(project_copy)
    assert len(again.inferred) == len(first.inferred) > 0
    assert (URIRef("urn:forged"), None, None) not in again.inferred
    assert entry.read_bytes() == good, "the entry is written again, whole"


def test_an_entry_is_read_back_as_written(tmp_path: Path):
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal('å "citat"\n', lang="sv")))
    cache.write_cached(tmp_path, "k", graph)
    assert set(cache.read_cached(tmp_path, "k") or ()) == set(graph)
    assert cache.read_cached(tmp_path, "other") is None


def test_the_folder_keeps_the_newest_entries_only(tmp_path: Path):
    graph = Graph()
    for n in range(cache.MAX_ENTRIES + 3):
        cache.write_cached(tmp_path, f"key{n:02d}", graph)
    kept = sorted(entry.stem for entry in tmp_path.glob("*.nt"))
    assert kept == [f"key{n:02d}" for n in range(3, cache.MAX_ENTRIES + 3)]


def test_the_key_and_the_store_manifest_cover_the_reasoning_code(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    inputs = sorted((project_copy / "ontology").glob("*.ttl"))
    before = cache.cache_key(inputs, "oxigraph")
    layout_inputs = {path.name: path for path in inputs}
    manifest = expected_manifest(layout_inputs, "oxigraph")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "changed reasoning code")
    assert cache.cache_key(inputs, "oxigraph") != before
    assert manifest["code"] == naravard_kg.engines.fingerprint.code_fingerprint()
