"""The build: byte-identical outputs, round-trips, atomic writes, the demo's files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_COMMAND, PROJECT, Build
from rdflib import Graph
from rdflib.compare import isomorphic

import naravard_kg
from naravard_kg.core.files import write_atomic
from naravard_kg.views.rdf_export import skolemize


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(built: Build, tmp_path: Path):
    """A second build, through ``python -m naravard_kg`` with another hash seed, writes the
    same bytes as the session's build."""
    second = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "naravard_kg", "-q", "build", "--out", str(second)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
    )
    files_a, files_b = _files(built.out), _files(second)
    assert sorted(files_a) == sorted(files_b)
    different = [name for name in files_a if files_a[name] != files_b[name]]
    assert different == []


def test_build_writes_graphs_queries_and_pictures(built: Build):
    first = built.out
    names = set(_files(first))
    assert {
        "naravard.ttl",
        "naravard.jsonld",
        "naravard-asserted.ttl",
        "naravard-inferred.ttl",
        "naravard.graphml",
        "naravard.gexf",
        "naravard.html",
        "ontology.html",
        "validation.txt",
        "dataset.ttl",
        "void.ttl",
        "report.html",
        "report.md",
        "fig/chain-mod-demensteam.png",
        "fig/chain-mod-demensteam.svg",
        "fig/chain-lokalgeografiska-mod-team.svg",
        "fig/region-similarity-heatmap.svg",
        "fig/region-similarity-dendrogram.svg",
        "fig/region-themes-matrix.svg",
        "fig/region-similarity-network.svg",
        "fig/plan-diff.svg",
        "fig/lifecycles.svg",
    } <= names
    queries = {p.stem for p in (Path(__file__).resolve().parents[1] / "queries").glob("*.rq")}
    assert {
        n.removeprefix("queries/").removesuffix(".csv") for n in names if n.startswith("queries/")
    } == queries
    assert not [n for n in names if n.endswith(".tmp") or "/." in n]


def test_report_shows_every_picture_and_the_key_answers(built: Build):
    first = built.out
    page = (first / "report.html").read_text(encoding="utf-8")
    markdown = (first / "report.md").read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', page)
    assert sorted(pictures) == sorted(re.findall(r"!\[[^]]*\]\(([^)]+)\)", markdown))
    assert {p.removeprefix("fig/") for p in pictures} == {
        p.name for p in (first / "fig").glob("*.svg")
    }
    assert not re.search(r'(src|href)="https?:', page)
    for text in (page, markdown):
        assert "Återrapport till KD/RD två gånger per år från Länsledningens presidium." in text
        assert "Barnahus Kronoberg" in text
        assert "beslutad av (2026, breddinförande)" in text
    gotland = next(line for line in markdown.splitlines() if line.startswith("| Region Gotland |"))
    assert "| Region Kronoberg |" in gotland


def test_serialized_graph_round_trips(built: Build, kg: naravard_kg.KnowledgeGraph):
    first = built.out
    turtle = Graph().parse(first / "naravard-asserted.ttl")
    assert isomorphic(turtle, skolemize(kg.asserted))
    jsonld = Graph().parse(first / "naravard.jsonld", format="json-ld")
    assert isomorphic(jsonld, Graph().parse(first / "naravard.ttl"))


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "file.txt"
    write_atomic(target, "old")

    def failing_replace(_source, _destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_the_readme_build_command_is_the_session_build(built: Build):
    """The README's ``naravard-kg build --out out`` is what the session's build ran, as
    written, in a process of its own (``conftest.built``); the tests that read ``out/``
    read what it wrote, so they stay in this file (one worker of ``pytest -n``)."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"$ {' '.join(BUILD_COMMAND)}\n" in readme
    assert f"under {built.out.resolve()}" in built.stdout


def test_summary_says_what_was_done_and_where(built: Build, kg: naravard_kg.KnowledgeGraph):
    text = built.stdout
    assert f"{len(kg.asserted)} asserted, {len(kg.inferred)} inferred" in text
    assert "validation: conforms; 0 check(s) failed, 0 quote(s) not found" in text
    assert f"queries run: {len(kg.catalogue)}" in text
    files = sorted(str(p.relative_to(built.out)) for p in built.out.rglob("*") if p.is_file())
    assert f"files written: {len(files)} under {built.out.resolve()}" in text
    assert {line.strip() for line in text.splitlines()[4:]} == set(files)


def test_a_build_replaces_its_folder_whole_and_keeps_the_users_files(tmp_path: Path):
    from naravard_kg.core.files import replacing_folder

    out = tmp_path / "out"
    (out / "fig").mkdir(parents=True)
    (out / "fig" / "gone.svg").write_text("old picture", encoding="utf-8")
    (out / "naravard.ttl").write_text("old build", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with replacing_folder(out) as staging:
        (staging / "fig").mkdir()
        (staging / "naravard.ttl").write_text("new build", encoding="utf-8")
        assert (out / "naravard.ttl").read_text(encoding="utf-8") == "old build"
    assert _files(out) == {"naravard.ttl": b"new build", "notes.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_figure_path_is_used_as_given(kg: naravard_kg.KnowledgeGraph, tmp_path: Path):
    """The suffix is added to the name as given; the pictures are rendered through
    temporary files of unique names (a folder in the way of a fixed one stops nothing)."""
    stale = tmp_path / "stale"
    for name in (".chain.v2.svg.tmp.svg", ".chain.v2.png.tmp.png"):
        (stale / name).mkdir(parents=True)
    written = kg.draw_chain("init:mod-demensteam", stale / "chain.v2")
    assert sorted(p.name for p in stale.iterdir()) == [
        ".chain.v2.png.tmp.png",
        ".chain.v2.svg.tmp.svg",
        "chain.v2.png",
        "chain.v2.svg",
    ]
    shutil.rmtree(stale)
    written = kg.draw_chain("init:mod-demensteam", tmp_path / "chain.v2")
    assert sorted(p.name for p in written) == ["chain.v2.png", "chain.v2.svg"]
    written = kg.draw_chain("init:mod-demensteam", tmp_path / "other.svg")
    assert sorted(p.name for p in written) == ["other.png", "other.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "chain.v2.png",
        "chain.v2.svg",
        "other.png",
        "other.svg",
    ]
