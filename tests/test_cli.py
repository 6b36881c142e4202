"""The command line, called in-process, and one smoke test of the console script."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.cli.main import _parser
from naravard_kg.core.namespaces import SH

PROJECT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


def test_queries_lists_the_catalogue(kg, capsys):
    assert main(["queries"], graph=kg) == 0
    out = capsys.readouterr().out
    assert "responsibility-chain  node=<iri>" in out
    assert "plan-diff  old=doc:vasternorrland-fardplan-2025" in out


def test_query_formats(kg, capsys):
    assert main(["-q", "query", "plan-principle-changes", "-f", "csv"], graph=kg) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"tillagd"} == {r["change"] for r in rows if r["conceptLabel"] == "Lokal samverkan"}
    assert (
        main(
            ["-q", "query", "source-quotes", "-p", "node=init:sip-utbildning", "-f", "json"],
            graph=kg,
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)  # the W3C SPARQL 1.1 JSON results format
    first = data["results"]["bindings"][0]["documentLabel"]
    assert first["value"] == "Färdplan Nära vård i Västernorrland 2026"
    assert first["xml:lang"] == "sv"  # the term keeps its language, as the table cannot
    assert main(["-q", "query", "members-of", "-p", "body=body:lansledning-halsam"], graph=kg) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == [
        "member",
        "memberLabel",
        "role",
        "count",
        "note",
        "quote",
        "source",
    ]


def test_chain_and_search(kg, capsys):
    assert main(["-q", "chain", "init:mod-demensteam", "-f", "csv"], graph=kg) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert ("Länsledning HälSam", "Högsta tjänsteledning (RD/KD)") in {
        (r["source_label"], r["target_label"]) for r in rows
    }
    decided = next(r for r in rows if r["kind"] == "beslutad av")
    assert decided["relation"] == "beslutad av (2026, breddinförande)"
    assert "Region Västernorrland" in decided["shared_by"]
    assert main(["-q", "search", "Harnosand"], graph=kg) == 0
    assert capsys.readouterr().out.startswith("orgid:kommun-harnosand\tHärnösand")


def test_chain_reverse_figure_and_gaps(kg, capsys, tmp_path: Path):
    top = "body:vasternorrland-hogsta-tjansteledning"
    assert main(["-q", "chain", top, "--reverse", "-f", "csv"], graph=kg) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"depth": "2", "node": "init:mod-demensteam"}.items() <= next(
        r for r in rows if r["node"] == "init:mod-demensteam"
    ).items()
    stem = tmp_path / "mod"
    assert main(["-q", "chain", "init:mod-demensteam", "--figure", str(stem)], graph=kg) == 0
    assert "wrote" in capsys.readouterr().err
    assert (tmp_path / "mod.png").stat().st_size > 10_000
    assert "<svg" in (tmp_path / "mod.svg").read_text(encoding="utf-8")
    assert main(["-q", "gaps", "orgid:region-skane", "-f", "csv"], graph=kg) == 0
    gaps = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert ("2 organ som inte står till svars inför någon", "body:skane-central-samverkan") in {
        (r["gap"], r["node"]) for r in gaps
    }


def test_similar_and_clusters(kg, capsys):
    assert main(["-q", "similar", "Gotland", "-n", "1", "-f", "json"], graph=kg) == 0
    [peer] = json.loads(capsys.readouterr().out)
    assert peer["peerLabel"] == "Region Kronoberg"
    assert (peer["initiativeA"], peer["initiativeB"]) == (
        "Barnahus, Region Gotland",
        "Barnahus Kronoberg",
    )
    assert main(["-q", "clusters", "-k", "6", "-f", "csv"], graph=kg) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 21 and len({r["cluster"] for r in rows}) == 6
    assert main(["-q", "similar", "Atlantis"], graph=kg) == 2
    assert "no region 'Atlantis'" in capsys.readouterr().err


def test_diff_and_lifecycle(kg, capsys, tmp_path: Path):
    assert main(["-q", "diff", "-f", "csv", "--figure", str(tmp_path / "diff")], graph=kg) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    mod = next(r for r in rows if r["node"] == "init:mod-demensteam")
    assert (mod["change"], mod["oldStatus"], mod["newStatus"]) == (
        "ändrad status",
        "pilot",
        "breddinförande",
    )
    assert (tmp_path / "diff.svg").exists()
    assert (
        main(
            ["-q", "lifecycle", "init:mod-demensteam", "init:sip-pa-distans", "-f", "csv"], graph=kg
        )
        == 0
    )
    events = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    mod_years = [
        (r["year"], r["status"]) for r in events if r["initiative"] == "init:mod-demensteam"
    ]
    assert mod_years == [("2025", "pilot"), ("2026", "breddinförande")]
    assert main(["-q", "lifecycle", "body:lansledning-halsam"], graph=kg) == 2
    assert "is not an initiative" in capsys.readouterr().err


def test_export_of_one_region(kg, capsys, tmp_path: Path):
    assert (
        main(["-q", "export", "--out", str(tmp_path), "--region", "orgid:region-skane"], graph=kg)
        == 0
    )
    written = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in written) == [
        "naravard-region-skane.gexf",
        "naravard-region-skane.graphml",
        "naravard-region-skane.html",
    ]
    assert "Hälsostaden Ängelholm" in (tmp_path / "naravard-region-skane.html").read_text("utf-8")
    assert main(["-q", "export", "--region", "R", "--chain", "C"], graph=kg) == 2


def test_progress_goes_to_stderr_unless_quiet(capsys):
    # A small file instead of graph/: the load (and its progress) is real, and quick.
    small = ["--data", str(DATA / "valid" / "bodies-posts-memberships.ttl")]
    assert main(["-v", *small, "search", "Västernorrland"]) == 0
    captured = capsys.readouterr()
    assert "loading" in captured.err and "s] " in captured.err
    assert "loading" not in captured.out
    assert "Region Västernorrland" in captured.out
    assert main(["-q", *small, "search", "Västernorrland"]) == 0
    assert capsys.readouterr().err == ""


DECLARED = re.compile(r"^@prefix (\S+): <([^>]*)> \.$", re.MULTILINE)
"""A prefix declaration of the ontology and graph files."""


SWEDISH = "Initiativet har inget nv:theme"
ENGLISH = "Initiative has no nv:theme"


def test_validate_speaks_english_unless_told_swedish(capsys, tmp_path: Path):
    """``--lang`` picks the one language of the messages in text, JSON, the report graph
    and the build's validation.txt."""
    data = ["-q", "--data", str(DATA / "invalid" / "initiative-without-theme.ttl")]
    assert main([*data, "validate"]) == 1
    out = capsys.readouterr().out
    assert ENGLISH in out and SWEDISH not in out
    assert main([*data, "validate", "--lang", "sv"]) == 1
    out = capsys.readouterr().out
    assert SWEDISH in out and ENGLISH not in out
    report = tmp_path / "report.ttl"
    assert main([*data, "validate", "--lang", "sv", "-f", "json", "--report", str(report)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert result["message"].startswith(SWEDISH)
    (message,) = Graph().parse(report).objects(None, SH.resultMessage)
    assert str(message) == result["message"]
    assert main([*data, "build", "--lang", "sv", "--out", str(tmp_path / "out")]) == 1
    validation = (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
    assert SWEDISH in validation and ENGLISH not in validation


def test_prefixes_prints_a_prologue_to_paste_before_a_query(kg, capsys):
    assert main(["prefixes"]) == 0  # answered without loading the graph
    prologue = capsys.readouterr().out
    lines = prologue.splitlines()
    assert all(line.startswith("PREFIX ") for line in lines)
    assert lines[0] == "PREFIX nv: <https://w3id.org/naravard/ontology#>"
    for line in (
        "PREFIX init: <https://w3id.org/naravard/id/initiative/>",
        "PREFIX body: <https://w3id.org/naravard/id/body/>",
        "PREFIX doc: <https://w3id.org/naravard/id/document/>",
        "PREFIX orgid: <https://w3id.org/naravard/id/org/>",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>",
    ):
        assert line in lines
    files = [*(PROJECT / "ontology").glob("*.ttl"), *(PROJECT / "graph").rglob("*.ttl")]
    declared = {pair for path in files for pair in DECLARED.findall(path.read_text("utf-8"))}
    assert len(declared) > 30
    assert {f"PREFIX {p}: <{iri}>" for p, iri in declared} <= set(lines)  # the files' IRIs
    assert main(["prefixes"]) == 0 and capsys.readouterr().out == prologue

    # Pasted above a query, it runs as the endpoint runs it: Oxigraph predeclares nothing.
    served = ox.Store.read_only(str(kg.stored.database))
    query = (
        "SELECT ?label WHERE { init:sip-pa-distans a nv:Initiative ; "
        "nv:inRegion orgid:region-vasternorrland ; rdfs:label ?label . "
        'FILTER(lang(?label) = "sv") }'
    )
    with pytest.raises(SyntaxError):
        served.query(query)
    solutions = served.query(prologue + query, use_default_graph_as_union=True)
    assert [s["label"] for s in solutions] == [ox.Literal("SIP på distans", language="sv")]
    for path in sorted((PROJECT / "queries").glob("*.rq")):  # the library without its PREFIXes
        text = path.read_text("utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("PREFIX "))
        with pytest.raises(SyntaxError):
            ox.Store().query(body)
        ox.Store().query(prologue + body)


def test_prefixes_as_turtle(capsys):
    assert main(["prefixes", "-f", "turtle"]) == 0
    turtle = capsys.readouterr().out
    assert main(["prefixes", "-f", "sparql"]) == 0
    sparql = capsys.readouterr().out
    assert turtle.splitlines() == [
        f"@prefix {line.removeprefix('PREFIX ')} ." for line in sparql.splitlines()
    ]
    graph = Graph().parse(
        data=turtle + "init:sip-pa-distans nv:inRegion orgid:region-vasternorrland .",
        format="turtle",
    )
    assert set(graph) == {
        (
            URIRef("https://w3id.org/naravard/id/initiative/sip-pa-distans"),
            URIRef("https://w3id.org/naravard/ontology#inRegion"),
            URIRef("https://w3id.org/naravard/id/org/region-vasternorrland"),
        )
    }


def test_check_passes_on_the_real_graph(kg, capsys):
    assert main(["-q", "check"], graph=kg) == 0
    assert "ok    quotes found in the corpus" in capsys.readouterr().out


def test_console_script_runs(tmp_path: Path):
    script = Path(sys.executable).parent / "naravard-kg"
    assert script.exists(), "the console script is not installed beside this Python"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "naravard-kg" in done.stdout


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


# Examples that write files or start a server are run by the tests of those commands.
NOT_RUN_HERE = ("build", "export", "report", "serve", "push")


def test_every_subcommand_has_a_description_an_example_and_helped_options():
    for name, command in _subcommands().items():
        assert command.description, name
        assert command.epilog and command.epilog.startswith("example"), name
        for action in command._actions:
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"


def test_the_examples_in_the_help_run(kg, capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the examples that write a file write it
    examples = [
        shlex.split(line)[1:]
        for name, command in _subcommands().items()
        if name not in NOT_RUN_HERE
        for line in (command.epilog or "").splitlines()[1:]
    ]
    assert len(examples) >= 15
    for argv in examples:
        assert main(["-q", *argv], graph=kg) == 0, argv
        assert capsys.readouterr().out.strip(), argv


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"naravard-kg {naravard_kg.__version__}"
