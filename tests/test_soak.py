"""200 command-line queries in a row in one process, as a program that runs many commands
on one graph does: no thread or child process left, no temporary file, no open file
or memory that grows with the count."""

from __future__ import annotations

import gc
import itertools
import os
import tempfile
import threading
from pathlib import Path

import pytest

import naravard_kg
from naravard_kg.cli import main

RUNS = 200


def _children() -> list[str]:
    """The process ids of this process's children (Linux)."""
    found = []
    for task in Path("/proc/self/task").iterdir():
        found += (task / "children").read_text().split()
    return found


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_two_hundred_queries_leak_nothing(
    kg: naravard_kg.KnowledgeGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    calls = itertools.cycle(
        [["-q", "query", q.name, *_params(q.example_params())] for q in kg.catalogue]
        + [["-q", "chain", "init:mod-demensteam"], ["-q", "search", "demens"]]
    )
    for args in itertools.islice(calls, 20):  # warm up: caches and imports fill once
        assert main(args, graph=kg) == 0, args
    capsys.readouterr()
    gc.collect()
    threads, files, memory = threading.active_count(), _open_files(), _resident_mb()
    for args in itertools.islice(calls, RUNS):
        assert main(args, graph=kg) == 0, args
        capsys.readouterr()
    gc.collect()
    assert threading.active_count() == threads
    assert _children() == []
    assert list(tmp_path.iterdir()) == []
    assert _open_files() == files
    assert _resident_mb() - memory < 25, f"{_resident_mb() - memory:.0f} MB more after {RUNS}"


def _params(params: dict[str, str]) -> list[str]:
    return [arg for name, value in params.items() for arg in ("-p", f"{name}={value}")]
