"""Shared fixtures: the real knowledge graph is loaded and reasoned once per session, and
the whole build runs once per session, for every test that reads what it writes."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

import naravard_kg
import naravard_kg.core.paths

PROJECT = Path(__file__).resolve().parents[1]
BUILD_COMMAND = ("naravard-kg", "build", "--out", "out")
"""The README's build command, run as written by the session's one build."""


@pytest.fixture(scope="session")
def kg() -> naravard_kg.KnowledgeGraph:
    """The knowledge graph of this checkout, with its inferences."""
    return naravard_kg.load()


@dataclass(frozen=True)
class Build:
    """The session's build: the folder it wrote and what it printed."""

    out: Path
    stdout: str


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``naravard-kg build --out out`` run once, as the README has it: through the console
    script, in a fresh process with hash seed 1, in a folder of its own."""
    folder = tmp_path_factory.mktemp("build")
    script = Path(sys.executable).parent / BUILD_COMMAND[0]
    done = subprocess.run(
        [str(script), *BUILD_COMMAND[1:]],
        cwd=folder,
        env={**os.environ, "PYTHONHASHSEED": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return Build(folder / "out", done.stdout)


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` imported by path (registered first: dataclasses need it)."""
    folder = str(PROJECT / "benchmarks")
    if folder not in sys.path:  # the scripts import each other, as when run from there
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, PROJECT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's data folders in a temporary folder, safe to break; its built
    store and caches go to the temporary folder too (``NARAVARD_STORE``, ``NARAVARD_CACHE``)."""
    monkeypatch.setenv("NARAVARD_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("NARAVARD_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "project"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(PROJECT / folder, root / folder)
    (tmp_path / "shared").symlink_to(naravard_kg.core.paths.Layout().shared)
    return root


@pytest.fixture
def edit_graph_file(project_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace the first ``old`` by ``new`` in a file of the copy's ``graph/``."""

    def edit(name: str, old: str, new: str) -> Path:
        path = project_copy / "graph" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return edit
