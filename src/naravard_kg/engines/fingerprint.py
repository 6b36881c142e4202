"""What the graph a build makes depends on besides its input files: the code that parses
and reasons (this package's ``engines``) and the versions of the libraries it calls.

Caches and built stores record this fingerprint, so a change of that code or an upgraded
reasoner makes them compute again instead of serving a result the new code would not give.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

ENGINE_LIBRARIES = ("rdflib", "owlrl", "pyoxigraph", "pyshacl", "reasonable")
"""The libraries whose versions can change what is parsed and inferred."""


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 (32 hex digits) of this package's engine modules and the engine libraries'
    versions (a library that is not installed counts as such)."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(f"{module.name}\0".encode())
        digest.update(module.read_bytes())
    for library in ENGINE_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    return digest.hexdigest()[:32]
