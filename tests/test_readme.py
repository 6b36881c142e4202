"""Every command and code block of the README runs as written."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import BUILD_COMMAND

import naravard_kg
from naravard_kg.cli import main

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


COMMANDS = [
    line[2:].strip()
    for block in _blocks("console")
    for line in block.splitlines()
    if line.startswith("$ ")
]


def test_readme_shows_the_two_commands():
    assert "make demo" in COMMANDS and "make test" in COMMANDS


@pytest.mark.parametrize(
    # the build command is the session's build, checked in test_build.py
    "command",
    [c for c in COMMANDS if c.startswith("naravard-kg") and tuple(shlex.split(c)) != BUILD_COMMAND],
)
def test_cli_command_runs(
    command: str, kg: naravard_kg.KnowledgeGraph, tmp_path: Path, monkeypatch, capsys
):
    """Each command as written, in process on the session's graph."""
    monkeypatch.chdir(tmp_path)
    code = main(shlex.split(command)[1:], graph=kg)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip()


@pytest.mark.slow
@pytest.mark.skipif(
    not (PROJECT / ".venv" / ".installed").exists(), reason="needs the venv that make creates"
)
def test_make_demo_runs_and_says_where_the_files_are():
    done = subprocess.run(
        ["make", "demo"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"under {PROJECT / 'out'}" in done.stdout
    assert (PROJECT / "out" / "fig" / "chain-mod-demensteam.png").exists()


def test_python_example_runs(tmp_path: Path, monkeypatch, capsys):
    (code,) = _blocks("python")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert (
        "Länsledning HälSam -> Högsta tjänsteledning (RD/KD) via Länsledningens presidium"
        in printed
    )
    assert (tmp_path / "out" / "naravard.ttl").exists()


def test_sparql_example_answers(kg: naravard_kg.KnowledgeGraph):
    text, _ = _blocks("sparql")
    rows = kg.sparql(text)
    assert ("Länsledningens presidium", "två gånger per år") in {
        (r["holderLabel"], r["frequency"]) for r in rows
    }


def test_endpoint_example_declares_its_prefixes_and_picks_the_swedish_labels(
    kg: naravard_kg.KnowledgeGraph,
):
    """The example of "Asking the endpoint directly" on the built store as ``serve`` serves
    it (no prefix predeclared), and through ``kg.sparql`` with the same rows."""
    _, text = _blocks("sparql")
    served = ox.Store.read_only(str(kg.stored.database))

    def pairs(query: str) -> list[tuple[str, str]]:
        solutions = served.query(query, use_default_graph_as_union=True)
        return [(s["regionLabel"].value, s["initiativeLabel"].value) for s in solutions]

    rows = pairs(text)
    assert ("Region Västernorrland", "SIP på distans") in rows
    assert ("Region Västernorrland", "SIP-utbildning") in rows
    assert ("Region Västerbotten", "SIP – Barnets plan") in rows
    assert len(rows) == len(set(rows))
    assert [(r["regionLabel"], r["initiativeLabel"]) for r in kg.sparql(text)] == rows
    unfiltered = pairs(text.replace('FILTER(lang(?initiativeLabel) = "sv")', ""))
    assert ("Region Västernorrland", "SIP training") in unfiltered  # the English label too
    assert len(unfiltered) == 2 * len(rows)


def test_query_catalogue_is_generated_from_the_headers(kg: naravard_kg.KnowledgeGraph):
    table = README.split("<!-- catalogue:start -->\n")[1].split("<!-- catalogue:end -->")[0]
    assert table == kg.catalogue.markdown()


SHELL = [line.strip() for block in _blocks("shell") for line in block.splitlines() if line.strip()]
_PORT = re.compile(r"(?:--port |--bind [0-9.]+:)([0-9]+)")


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args} stopped at start"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


@pytest.mark.slow
def test_endpoint_commands_run_with_their_servers(tmp_path: Path):
    assert any(line.endswith("&") for line in SHELL), "the endpoint block starts servers"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    servers: list[subprocess.Popen] = []
    try:
        for line in SHELL:
            if line.endswith("&"):
                port = _PORT.search(line)
                assert port, f"{line!r}: a server line names its port"
                command = shlex.split(line[:-1])
                servers.append(
                    subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL)
                )
                _wait_for_port(int(port.group(1)), servers[-1])
                continue
            done = subprocess.run(
                shlex.split(line), cwd=tmp_path, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, f"{line}\n{done.stderr}"
            assert done.stdout.strip(), line
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    assert servers[0].returncode == 0, "naravard-kg serve stops cleanly"
