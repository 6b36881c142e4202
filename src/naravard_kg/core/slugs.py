"""ASCII slugs for instance IRIs, and accent-insensitive folding for search.

``slugify`` makes the readable ASCII part of an ``nvid:`` IRI from a Swedish name
(``"Region Västernorrland"`` → ``"region-vasternorrland"``); ``fold`` makes a search key
that ignores case and diacritics, so ``"Västernorrland"`` matches ``"VASTERNORRLAND"``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "slugify"]

# Swedish letters spelled out, so the mapping does not depend on Unicode decomposition alone.
_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _strip_marks(text: str) -> str:
    """Decompose ``text`` (NFKD) and drop the combining marks, keeping the base letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """Return the ASCII slug of ``text``: lowercase, ``[a-z0-9]`` runs joined by single dashes.

    å and ä become a, ö becomes o, é becomes e, other diacritics are stripped; any run of
    other characters becomes one dash, and leading or trailing dashes are removed. The
    result is empty when ``text`` has no letter or digit that survives.

    >>> slugify("Region Jönköpings län")
    'region-jonkopings-lan'
    >>> slugify("Västra Götalandsregionen")
    'vastra-gotalandsregionen'
    """
    ascii_text = _strip_marks(text.lower().translate(_SWEDISH))
    return _NOT_SLUG.sub("-", ascii_text).strip("-")


def fold(text: str) -> str:
    """Return a search key for ``text`` that ignores case and diacritics.

    The text is decomposed (NFKD), combining marks are dropped and the rest is casefolded,
    so ``fold("Västernorrland") == fold("VASTERNORRLAND")``.
    """
    return _strip_marks(text).casefold()
