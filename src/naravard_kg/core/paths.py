"""Where the project's files are: the data a build reads, the caches it writes, the corpus.

The data (ontology, graph, shapes, queries) is read from a root folder: ``$NARAVARD_ROOT``
or the one given; else this checkout when the package runs from one; else the copy the
installed package carries (``naravard_kg/data``, read with ``importlib.resources``). A
root of one's own needs an ontology and a graph; without ``shapes/`` or ``queries/`` it
takes the package's. Nothing is written into the root unless it is a checkout: caches
and built stores go to the user's cache folder (``platformdirs``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..errors import RootError

CHECKOUT = Path(__file__).resolve().parents[3]
"""The project folder, when the package runs from its checkout (``src/`` layout)."""
PARTS = ("ontology", "graph", "shapes", "queries")
"""The folders of a root."""


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is a checkout of the project (its ``pyproject.toml`` beside the data)."""
    return (folder / "pyproject.toml").is_file() and (folder / "ontology").is_dir()


def packaged_root() -> Path:
    """The data the package carries: ``ontology/``, ``graph/``, ``shapes/``, ``queries/``."""
    return Path(str(files("naravard_kg") / "data"))


def default_root() -> Path:
    """``$NARAVARD_ROOT``; else this checkout, when the package runs from one; else the
    data the package carries."""
    override = os.environ.get("NARAVARD_ROOT")
    if override:
        return Path(override)
    return CHECKOUT if is_checkout(CHECKOUT) else packaged_root()


@dataclass(frozen=True)
class Layout:
    """The folders a knowledge graph is built from and the caches it writes."""

    root: Path = field(default_factory=default_root)

    def _own_or_packaged(self, part: str) -> Path:
        """``root/part``, or the package's when the root has none."""
        own = self.root / part
        return own if own.is_dir() else packaged_root() / part

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def graph(self) -> Path:
        return self.root / "graph"

    @property
    def shapes(self) -> Path:
        return self._own_or_packaged("shapes")

    @property
    def queries(self) -> Path:
        return self._own_or_packaged("queries")

    def check(self, graph: bool = True) -> Layout:
        """This layout, once its root has an ontology and (unless not ``graph``) a graph
        to build from; ``RootError`` naming what is missing otherwise."""
        if not self.root.is_dir():
            raise RootError(f"{self.root}: no such folder (give a project folder with --root)")
        for part in ("ontology", "graph") if graph else ("ontology",):
            if not turtle_files(self.root / part):
                raise RootError(
                    f"{self.root / part}: no Turtle files; a project folder holds "
                    "ontology/*.ttl and graph/*.ttl (shapes/ and queries/ are optional)"
                )
        return self

    @property
    def shared(self) -> Path:
        """The read-only ``shared/`` folder beside the checkout (``NARAVARD_SHARED`` overrides)."""
        override = os.environ.get("NARAVARD_SHARED")
        return Path(override) if override else self.root.parent / "shared"

    @property
    def cache(self) -> Path:
        """Where caches and built stores are written: ``$NARAVARD_CACHE``; else, in a
        checkout, its ``.cache``; else a folder of the user's cache named after the root."""
        override = os.environ.get("NARAVARD_CACHE")
        if override:
            return Path(override)
        if is_checkout(self.root):
            return self.root / ".cache"
        from platformdirs import user_cache_path

        tag = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]
        return user_cache_path("naravard-kg") / tag

    @property
    def store(self) -> Path:
        """Where the built store lives: ``$NARAVARD_STORE``, else ``store`` in ``cache``."""
        override = os.environ.get("NARAVARD_STORE")
        return Path(override) if override else self.cache / "store"

    def inputs(self) -> dict[str, Path]:
        """Every file a build reads, by name: ontology and rules, the graph, shapes and
        queries; names are paths relative to the root."""
        files = [
            *turtle_files(self.ontology),
            *sorted(self.ontology.rglob("*.rq")),
            *turtle_files(self.graph),
            *turtle_files(self.shapes),
            *sorted(self.queries.rglob("*.rq")),
        ]
        return {relative_name(path, self.root): path for path in files}


TURTLE_SUFFIXES = (".ttl", ".turtle")
"""The names of Turtle files end so, in any case (``.TTL`` too)."""


def turtle_files(folder: Path) -> list[Path]:
    """Every Turtle file under ``folder`` (``TURTLE_SUFFIXES``), sorted so the loading order
    is stable; subfolders that are symbolic links are followed, each real folder once, so
    a link to a folder above ends."""
    found: list[Path] = []
    seen: set[str] = set()
    for top, folders, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            folders.clear()
            continue
        seen.add(real)
        found.extend(Path(top, name) for name in names if name.lower().endswith(TURTLE_SUFFIXES))
    return sorted(found)


def relative_name(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` where it lies under it, else as given: how files are
    named in messages and manifests, whatever the working directory."""
    if base is not None:
        for inside, root in ((path.absolute(), base.absolute()), (path.resolve(), base.resolve())):
            if inside.is_relative_to(root):
                return str(inside.relative_to(root))
    return str(path)
