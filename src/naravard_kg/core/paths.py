"""Where the project's files are: the data folders next to the package, and the corpus."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Layout:
    """The folders a knowledge graph is built from; defaults to this checkout."""

    root: Path = PROJECT_ROOT

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def graph(self) -> Path:
        return self.root / "graph"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def shared(self) -> Path:
        """The read-only ``shared/`` folder beside the checkout (``NARAVARD_SHARED`` overrides)."""
        override = os.environ.get("NARAVARD_SHARED")
        return Path(override) if override else self.root.parent / "shared"

    @property
    def store(self) -> Path:
        """Where the built store lives: ``$NARAVARD_STORE``; else, in a checkout, its
        ``.cache/store``; else a folder of the user's cache named after the root."""
        override = os.environ.get("NARAVARD_STORE")
        if override:
            return Path(override)
        if (self.root / "pyproject.toml").is_file():
            return self.root / ".cache" / "store"
        from platformdirs import user_cache_path

        tag = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]
        return user_cache_path("naravard-kg") / "store" / tag

    def inputs(self) -> dict[str, Path]:
        """Every file a build reads, by name: ontology and rules, the graph, shapes and
        queries; names are paths relative to the root."""
        files = [
            *sorted(self.ontology.rglob("*.ttl")),
            *sorted(self.ontology.rglob("*.rq")),
            *sorted(self.graph.rglob("*.ttl")),
            *sorted(self.shapes.rglob("*.ttl")),
            *sorted(self.queries.rglob("*.rq")),
        ]
        return {relative_name(path, self.root): path for path in files}


def relative_name(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` where it lies under it, else as given: how files are
    named in messages and manifests, whatever the working directory."""
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)
