"""Shared fixtures: the real knowledge graph is loaded and reasoned once per session."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import naravard_kg
import naravard_kg.paths

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def kg() -> naravard_kg.KnowledgeGraph:
    """The knowledge graph of this checkout, with its inferences."""
    return naravard_kg.load()


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
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's data folders in a temporary folder, safe to break."""
    root = tmp_path / "project"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(PROJECT / folder, root / folder)
    (tmp_path / "shared").symlink_to(naravard_kg.paths.Layout().shared)
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
