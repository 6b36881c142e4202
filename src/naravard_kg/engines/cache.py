"""A content-addressed cache of the inferred triples, so the closure is computed once.

The key hashes every input file (ontology, rules, graph), the engine's name and the code
and library versions that reason (``code_fingerprint``): change any of them and the
closure is computed again. Entries are N-Triples files written atomically into a folder
the caller names (``Layout.cache`` / ``inferred``), each opening with a comment that holds
the SHA-256 of the rest: an entry that is empty, cut short or altered is removed and
computed again, never served. The folder keeps the ``MAX_ENTRIES`` newest entries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.exceptions import ParserError

from ..core.files import read_bytes, write_atomic
from ..core.namespaces import new_graph
from ..errors import NaravardError
from .fingerprint import code_fingerprint

FORMAT_VERSION = "2"
MAX_ENTRIES = 8
"""How many entries a cache folder keeps (one per set of inputs); older ones are removed."""
_HEADER = b"# sha256 "


def cache_key(paths: Iterable[Path], engine: str) -> str:
    """Hash of the inputs' names and bytes, the engine, the code and the cache format."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{engine}\0{code_fingerprint()}\0".encode())
    for path in sorted(paths):
        digest.update(f"{path.name}\0".encode())
        digest.update(read_bytes(path))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def read_cached(folder: Path, key: str) -> Graph | None:
    """The cached inferred graph for ``key`` in ``folder``; ``None`` when there is none or
    the entry fails its checksum or does not parse (then it is removed)."""
    path = folder / f"{key}.nt"
    if not path.is_file():
        return None
    try:
        header, _, body = read_bytes(path).partition(b"\n")
        if header != _HEADER + hashlib.sha256(body).hexdigest().encode():
            raise ValueError("checksum")
        return new_graph().parse(data=body.decode("utf-8"), format="nt")
    except (OSError, ValueError, NaravardError, ParserError):
        path.unlink(missing_ok=True)
        return None


def write_cached(folder: Path, key: str, inferred: Graph) -> None:
    """Keep the inferred graph for ``key`` in ``folder``, with its checksum, and remove the
    oldest entries beyond ``MAX_ENTRIES`` (best effort: a read-only folder is skipped)."""
    lines = inferred.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    body = b"".join(sorted(lines))  # the same triples, the same bytes
    try:
        write_atomic(
            folder / f"{key}.nt", _HEADER + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        )
        entries = sorted(folder.glob("*.nt"), key=lambda entry: entry.stat().st_mtime, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
