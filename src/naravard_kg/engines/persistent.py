"""The built graph on disk: one Oxigraph store, opened read-only by every later command.

A store folder holds the database (``db/``) with the ontology, the asserted and the
inferred triples in three named graphs (``GRAPHS``), where each subject was stated
(``source-files.json``, for validation messages) and, written last, ``manifest.json``: what
the store was built from (the SHA-256 of every input file, the package version, the
fingerprint of the engine code and libraries, the engine, the store format) and how many
triples each graph holds.

The store root holds any number of store folders and a symbolic link ``current`` to the one
in use. A build writes a new folder beside the others and, once it is complete, points
``current`` at it with one atomic rename, so a reader sees the old store or the new one,
never half of one. Builds take a lock on the root: a second build waits, then finds the
store the first one wrote. A store is used only when its manifest equals the one expected
for today's inputs (content hashes, never time stamps) and it holds the number of triples
its manifest says; anything else (another version or engine, an edited input, a missing,
truncated or corrupt manifest or database) is rebuilt, never read.

Results computed from a store (the region comparison) are kept in its ``derived/``
folder, so they go when the store goes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.files import read_bytes, write_atomic
from ..core.version import __version__
from ..errors import NaravardError
from .base import GRAPHS, nt_bytes
from .fingerprint import code_fingerprint
from .oxigraph_engine import OxigraphStore

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph
    from rdflib.term import Node

FORMAT = 1
"""The layout of a store folder; a store of another format is rebuilt."""
CURRENT = "current"
MANIFEST = "manifest.json"
SOURCE_FILES = "source-files.json"
DATABASE = "db"
DERIVED = "derived"
_LOCK = ".build.lock"


def expected_manifest(inputs: Mapping[str, Path], engine: str) -> dict[str, Any]:
    """What a store built now from ``inputs`` (name -> file) with ``engine`` would record."""
    hashes = {
        name: hashlib.sha256(read_bytes(path)).hexdigest() for name, path in sorted(inputs.items())
    }
    return {
        "format": FORMAT,
        "version": __version__,
        "code": code_fingerprint(),
        "engine": engine,
        "inputs": hashes,
    }


class StoredGraph:
    """A built store opened read-only: SPARQL over the union of its parts, and each part
    as an rdflib graph when asked for."""

    def __init__(self, folder: Path, store: pyoxigraph.Store, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.store = store
        self.manifest = manifest

    @property
    def database(self) -> Path:
        """The Oxigraph database folder (what ``oxigraph serve-read-only`` opens)."""
        return self.folder / DATABASE

    def sparql(self, part: str | None = None) -> OxigraphStore:
        """The store for queries, its default graph the union of the three parts (or only
        ``part``: ``ontology``, ``asserted`` or ``inferred``)."""
        if part is not None:
            return OxigraphStore(self.store, graphs=[GRAPHS[part]])
        return OxigraphStore(self.store, union=True)

    def parts(self) -> dict[str, Graph]:
        """The three parts as rdflib graphs, as they were parsed. Oxigraph names each blank
        node once for the whole store, so one label map for the three dumps keeps a node
        that two parts share one node; decimals get back the project's form."""
        import pyoxigraph as ox

        from ..core.namespaces import new_graph
        from ..core.terms import with_decimal_forms

        labels: dict[str, Node] = {}
        parts = {}
        for name, iri in GRAPHS.items():
            data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
            graph = new_graph().parse(data=data.decode("utf-8"), format="nt", bnode_context=labels)
            parts[name] = with_decimal_forms(graph)
        return parts

    def derived(self, name: str) -> bytes | None:
        """A result computed from this store and kept beside it (``keep``), if any."""
        try:
            return (self.folder / DERIVED / name).read_bytes()
        except OSError:
            return None

    def keep(self, name: str, data: bytes) -> None:
        """Keep a result computed from this store beside it, for the next process; a store
        folder that cannot be written to (another user's) just keeps nothing."""
        try:
            (self.folder / DERIVED).mkdir(exist_ok=True)
            write_atomic(self.folder / DERIVED / name, data)
        except (OSError, NaravardError):
            return

    def source_files(self) -> dict[Node, tuple[str, ...]]:
        """Which files state each subject, as recorded when the store was built."""
        from rdflib import URIRef

        recorded = json.loads((self.folder / SOURCE_FILES).read_text(encoding="utf-8"))
        return {URIRef(subject): tuple(files) for subject, files in recorded.items()}


def open_current(root: Path, expected: Mapping[str, Any]) -> StoredGraph | None:
    """The current store under ``root`` opened read-only if it was built from exactly
    ``expected`` and holds the triples its manifest counts; ``None`` otherwise."""
    import pyoxigraph as ox

    try:
        folder = (root / CURRENT).resolve(strict=True)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("built_from") != dict(expected):
            return None
        store = ox.Store.read_only(str(folder / DATABASE))
        if len(store) != sum(manifest["triples"].values()):
            return None
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, AttributeError):
        return None  # pyoxigraph reports a corrupt database as RuntimeError
    return StoredGraph(folder, store, manifest)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold the build lock of ``root`` (a second build waits here)."""
    with (root / _LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_store(
    root: Path,
    expected: Mapping[str, Any],
    parts: Mapping[str, Graph],
    source_files: Mapping[Node, tuple[str, ...]],
) -> StoredGraph:
    """Write ``parts`` as a new store under ``root``, make it current, and open it.

    If another process made a store from the same inputs current while this one waited
    for the lock, that store is opened instead of writing another.
    """
    import pyoxigraph as ox

    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        if (ready := open_current(root, expected)) is not None:
            return ready
        folder = Path(tempfile.mkdtemp(dir=root, prefix="store-"))
        try:
            store = ox.Store(str(folder / DATABASE))
            store.bulk_load(_nquads(parts), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store  # closes the database before it is opened read-only
            recorded = {str(s): list(files) for s, files in source_files.items()}
            write_atomic(folder / SOURCE_FILES, json.dumps(recorded, sort_keys=True))
            manifest = {
                "built_from": dict(expected),
                "triples": {name: len(part) for name, part in parts.items()},
            }
            write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            previous = _point_current_at(root, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _remove_old_stores(root, keep={folder, previous})
    opened = open_current(root, expected)
    if opened is None:  # pragma: no cover - the store just written did not open
        raise OSError(f"the store written to {folder} cannot be opened")
    return opened


def _nquads(parts: Mapping[str, Graph]) -> bytes:
    """The parts as one N-Quads document, each in its named graph (one document, so a blank
    node two parts share stays one node)."""
    lines = []
    for name, part in parts.items():
        graph = f" <{GRAPHS[name]}> .\n".encode()
        lines += [line[:-2] + graph for line in nt_bytes(part).splitlines() if line]
    return b"".join(lines)


def _point_current_at(root: Path, folder: Path) -> Path | None:
    """Make ``root/current`` a link to ``folder`` in one atomic rename; return the folder
    it pointed at before, if any."""
    try:
        previous: Path | None = (root / CURRENT).resolve(strict=True)
    except OSError:
        previous = None
    link = root / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(folder.name, link)
    os.replace(link, root / CURRENT)
    return previous


def _remove_old_stores(root: Path, keep: set[Path | None]) -> None:
    """Remove the store folders other than those in ``keep`` (the new one, and the one
    before it, which a reader that started earlier may still have open)."""
    for folder in root.glob("store-*"):
        if folder.resolve() not in keep:
            shutil.rmtree(folder, ignore_errors=True)
