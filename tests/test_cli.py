"""The command line, called in-process, and one smoke test of the console script."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from naravard_kg.cli import main


def test_queries_lists_the_catalogue(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert "responsibility-chain  node=<iri>" in out
    assert "plan-diff  old=doc:fardplan-nara-vard-vasternorrland-2025" in out


def test_query_formats(capsys):
    assert main(["-q", "query", "plan-principle-changes", "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"tillagd"} == {r["change"] for r in rows if r["conceptLabel"] == "Lokal samverkan"}
    assert (
        main(["-q", "query", "source-quotes", "-p", "node=init:sip-utbildning", "-f", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data[0]["documentLabel"] == "Färdplan Nära vård i Västernorrland 2026"
    assert main(["-q", "query", "members-of", "-p", "body=body:lansledning-halsam"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["member", "memberLabel", "role", "quote"]


def test_chain_and_search(capsys):
    assert main(["-q", "chain", "init:mod-demensteam", "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert ("Länsledning HälSam", "Högsta tjänsteledning (RD/KD)") in {
        (r["source_label"], r["target_label"]) for r in rows
    }
    assert main(["-q", "search", "Harnosand"]) == 0
    assert capsys.readouterr().out.startswith("orgid:kommun-harnosand\tHärnösand")


def test_progress_goes_to_stderr_unless_quiet(capsys):
    assert main(["-v", "search", "MOD"]) == 0
    captured = capsys.readouterr()
    assert "loading" in captured.err and "s] " in captured.err
    assert "loading" not in captured.out
    assert main(["-q", "search", "MOD"]) == 0
    assert capsys.readouterr().err == ""


def test_check_passes_on_the_real_graph(capsys):
    assert main(["-q", "check"]) == 0
    assert "ok    quotes found in the corpus" in capsys.readouterr().out


def test_console_script_runs(tmp_path: Path):
    script = Path(sys.executable).parent / "naravard-kg"
    assert script.exists(), "the console script is not installed beside this Python"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "naravard-kg" in done.stdout
