"""A content-addressed cache of the inferred triples, so the closure is computed once.

The key hashes every input file (ontology, rules, graph) and the engine's name: change a
byte of any of them and the closure is computed again. Entries are N-Triples files
written atomically into a folder the caller names (``Layout.cache`` / ``inferred``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from ..core.files import read_bytes, write_atomic
from ..core.namespaces import new_graph

FORMAT_VERSION = "1"


def cache_key(paths: Iterable[Path], engine: str) -> str:
    """Hash of the inputs' names and bytes, the engine and the cache format."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{engine}\0".encode())
    for path in sorted(paths):
        digest.update(f"{path.name}\0".encode())
        digest.update(read_bytes(path))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def read_cached(folder: Path, key: str) -> Graph | None:
    """The cached inferred graph for ``key`` in ``folder``, or ``None`` when there is none."""
    path = folder / f"{key}.nt"
    if not path.is_file():
        return None
    return new_graph().parse(path, format="nt")


def write_cached(folder: Path, key: str, inferred: Graph) -> None:
    """Keep the inferred graph for ``key`` in ``folder`` (best effort: a read-only folder
    is skipped)."""
    try:
        write_atomic(folder / f"{key}.nt", inferred.serialize(format="nt"))
    except OSError:
        return
