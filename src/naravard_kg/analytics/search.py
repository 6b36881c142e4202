"""Search over every name of the graph's nodes, ignoring case and å/ä/ö.

Each word must occur in some name of a node (its labels in any language, alternative
labels and abbreviations, a document's title and year); a node is shown by its Swedish
preferred label, with the name that matched beside it where that is another one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.prefixes import compact_iri
from ..core.slugs import fold
from ..errors import BadParameter
from ..library.nodes import Name, NodeFinder, words_of


@dataclass(frozen=True, order=True)
class Hit:
    """A node whose names match. ``rank`` (doubled, plus one for a name in another
    language than Swedish): 0 a name is the text, 1 a name starts with its words, 2 one
    name has every word, 3 one name holds every word inside its words, 4 the node's names
    hold them together. Within a rank the node with the shorter name comes first."""

    rank: int
    label: str
    node: str
    types: tuple[str, ...]
    matched: str = ""
    """The name that matched, where it is not ``label``."""


class Hits(list[Hit]):
    """The best hits, and how many nodes matched in all (``total``)."""

    def __init__(self, hits: list[Hit], total: int) -> None:
        super().__init__(hits)
        self.total = total

    def summary(self) -> str:
        """``57 nodes match`` or ``20 of 57 shown``."""
        if len(self) < self.total:
            return f"{len(self)} of {self.total} shown (more with --limit)"
        return f"{self.total} node{'s match' if self.total != 1 else ' matches'}"


def search(finder: NodeFinder, text: str, limit: int | None = None) -> Hits:
    """The nodes whose names hold every word of ``text``, best first, ``limit`` of them.

    ``search(finder, "Vasternorrland")`` finds "Region Västernorrland"; "fardplan 2026"
    finds the 2026 roadmap by its title and year."""
    if limit is not None and limit < 1:
        raise BadParameter(f"limit must be a positive number of hits, not {limit}")
    needle = fold(text.strip())
    words = sorted(words_of(needle))
    if not words:
        return Hits([], 0)
    ranked = []
    for iri, names in finder.by_node.items():
        best = _best_match(needle, words, names)
        if best is not None:
            ranked.append((best[0], len(best[1]), finder.label(iri), iri, best[1]))
    ranked.sort()
    shown = ranked[:limit] if limit else ranked
    hits = [
        Hit(rank, label, compact_iri(iri), finder.kinds(iri), matched if matched != label else "")
        for rank, _, label, iri, matched in shown
    ]
    return Hits(hits, len(ranked))


def _best_match(needle: str, words: list[str], names: list[Name]) -> tuple[int, str] | None:
    """The best (rank, name) of a node's ``names`` for the text, or ``None``."""
    if not all(any(word in name.folded for name in names) for word in words):
        return None
    wanted = set(words)  # whole words, against each name's words
    scored = []
    for name in names:
        if name.folded == needle:
            rank = 0
        elif name.folded.startswith(needle) and wanted <= name.words:
            rank = 1
        elif wanted <= name.words:
            rank = 2
        elif all(word in name.folded for word in words):
            rank = 3
        elif any(word in name.folded for word in words):
            rank = 4
        else:
            continue
        scored.append((2 * rank + (name.language not in ("sv", "")), len(name.text), name.text))
    rank, _, text = min(scored)
    return rank, text
