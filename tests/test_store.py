"""The built store: opened when current, rebuilt when an input changed or the store is
damaged, never read half-written, and giving the answers the graph gives."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.engines.persistent import CURRENT, DATABASE, MANIFEST
from naravard_kg.views.rdf_export import skolemize

PRESIDIUM = "Länsledningens presidium"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with its store built once; each test works on a copy of both."""
    base = tmp_path_factory.mktemp("template")
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(Path(__file__).resolve().parents[1] / folder, base / "project" / folder)
    naravard_kg.load(base / "project", store=base / "store")
    return base


@pytest.fixture
def copy(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(template, tmp_path / "t", symlinks=True)
    return tmp_path / "t" / "project", tmp_path / "t" / "store"


def _holders(kg: naravard_kg.KnowledgeGraph) -> set[str | None]:
    return set(kg.query("reporting-lines").column("holderLabel"))


def test_a_current_store_is_opened_not_rebuilt(copy: tuple[Path, Path]):
    root, store = copy
    before = (store / CURRENT).resolve()
    kg = naravard_kg.load(root, store=store)
    assert kg.stored is not None and kg.stored.folder == before
    assert PRESIDIUM in _holders(kg)


def test_an_edited_label_is_answered_after_the_rebuild(copy: tuple[Path, Path]):
    root, store = copy
    path = root / "graph" / "vasternorrland-fardplan-2025.ttl"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'"{PRESIDIUM}"@sv', '"Presidiet, omdöpt"@sv'), "utf-8")
    before = (store / CURRENT).resolve()
    kg = naravard_kg.load(root, store=store)
    assert kg.stored is not None and kg.stored.folder != before
    holders = _holders(kg)
    assert "Presidiet, omdöpt" in holders and PRESIDIUM not in holders
    assert not before.exists() or before in {p.resolve() for p in store.glob("store-*")}


@pytest.mark.parametrize(
    "damage",
    ["garbage manifest", "truncated manifest", "no manifest", "other version", "other engine",
     "database emptied", "database removed"],
)  # fmt: skip
def test_a_damaged_or_foreign_store_is_rebuilt_and_answers_rightly(
    copy: tuple[Path, Path], damage: str
):
    root, store = copy
    folder = (store / CURRENT).resolve()
    manifest = folder / MANIFEST
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    if damage == "garbage manifest":
        manifest.write_bytes(b"\x00\xff not json")
    elif damage == "truncated manifest":
        manifest.write_text(manifest.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif damage == "no manifest":
        manifest.unlink()
    elif damage in ("other version", "other engine"):
        key = "version" if damage == "other version" else "engine"
        recorded["built_from"][key] = "something else"
        manifest.write_text(json.dumps(recorded), encoding="utf-8")
    elif damage == "database emptied":
        for file in (folder / DATABASE).iterdir():
            if file.is_file():
                file.write_bytes(b"")
    else:
        shutil.rmtree(folder / DATABASE)
    kg = naravard_kg.load(root, store=store)
    assert kg.stored is not None and kg.stored.folder != folder
    assert PRESIDIUM in _holders(kg)
    assert len(kg.asserted) == recorded["triples"]["asserted"]


def test_the_store_holds_exactly_the_parts_that_were_built(copy: tuple[Path, Path]):
    root, store = copy
    fresh = naravard_kg.load(root, cache=False)  # parsed and reasoned in memory
    stored = naravard_kg.load(root, store=store)
    for part in ("ontology", "asserted", "inferred"):  # blank nodes named by their content
        assert set(skolemize(getattr(fresh, part))) == set(skolemize(getattr(stored, part))), part
    assert stored.source_files == fresh.source_files


def test_two_builds_at_once_leave_one_complete_store(copy: tuple[Path, Path]):
    root, store = copy
    shutil.rmtree(store)
    probe = (
        "import sys, naravard_kg\n"
        "kg = naravard_kg.load(sys.argv[1], store=sys.argv[2])\n"
        "print(kg.stored.folder, len(kg.query('reporting-lines')))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", probe, str(root), str(store)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0].split() for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs[0] == outputs[1]  # the second waited for the first and opened its store
    assert [p.name for p in store.glob("store-*")] == [Path(outputs[0][0]).name]


def test_a_store_folder_that_cannot_be_written_is_a_clear_error(
    copy: tuple[Path, Path], tmp_path: Path, capsys
):
    root, _ = copy
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(
        naravard_kg.NaravardError, match=f"cannot write the built store under {blocker}"
    ):
        naravard_kg.load(root, store=blocker / "store")

    assert main(["--root", str(root), "--store", str(blocker / "store"), "-q", "queries"]) == 0
    assert main(["--root", str(root), "--store", str(blocker / "store"), "-q", "gaps"]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the built store under {blocker / 'store'}" in err
    assert "Traceback" not in err


def test_the_region_comparison_is_kept_beside_the_store(copy: tuple[Path, Path]):
    """Compared once, then read back by the next process: the same comparison; a damaged
    file is compared again, never read."""
    root, store = copy
    first = naravard_kg.load(root, store=store)
    computed = first.similarity
    kept = (store / CURRENT).resolve() / "derived" / "region-similarity.npz"
    assert kept.is_file()
    again = naravard_kg.load(root, store=store).similarity
    assert again.peers("Gotland", 5) == computed.peers("Gotland", 5)
    assert again.cluster_rows() == computed.cluster_rows()
    for measure, matrix in computed.matrices.items():
        assert (again.matrices[measure] == matrix).all(), measure
    kept.write_bytes(kept.read_bytes()[:100])
    damaged = naravard_kg.load(root, store=store).similarity
    assert damaged.peers("Gotland", 5) == computed.peers("Gotland", 5)
    assert len(kept.read_bytes()) > 100, "the damaged file is replaced"
