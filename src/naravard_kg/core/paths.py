"""Where the project's files are: the data folders next to the package, and the corpus."""

from __future__ import annotations

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
