"""The nodes the analyses start from, the language reports speak and the addresses the
build's description gives, when not told otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import BadParameter
from .prefixes import BAD_IRI_CHARS

COMPILATION = "doc:regionerna-nara-vard-2020"
"""The national compilation whose sections the coverage report checks."""
PLAN_VERSIONS = (
    "doc:vasternorrland-fardplan-2025",
    "doc:vasternorrland-fardplan-2026",
)
"""The two versions of a plan that ``diff`` compares by default."""
LANGUAGES = ("en", "sv")
"""The languages of the shapes' messages; a validation report speaks the first unless
asked for another."""
DATA_BASE_URL = "https://w3id.org/naravard/data/"
"""Where the build's files are published for download (``build --base-url`` overrides)."""
SPARQL_ENDPOINT_URL = "https://w3id.org/naravard/sparql"
"""Where the graph is served over the SPARQL protocol (``build --endpoint-url`` overrides)."""
PROJECT_URL = "https://w3id.org/naravard/"
"""The project's home on the web: the catalogue's homepage and the contact point's address."""


def web_address(text: str) -> str:
    """``text`` when it is an absolute http or https URL; ``BadParameter`` otherwise."""
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise BadParameter(f"{text!r} is not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or BAD_IRI_CHARS.search(text):
        raise BadParameter(f"{text!r} is not an absolute http(s) URL")
    return text


@dataclass(frozen=True)
class Publication:
    """Where the user publishes a build: the folder of its files and the SPARQL endpoint."""

    base_url: str = DATA_BASE_URL
    endpoint_url: str = SPARQL_ENDPOINT_URL

    def __post_init__(self) -> None:
        for name in ("base_url", "endpoint_url"):
            try:
                web_address(getattr(self, name))
            except BadParameter as exc:
                raise BadParameter(f"{name}: {exc}") from None

    def download(self, name: str) -> str:
        """The address of the build's file ``name`` (a path relative to the build folder)."""
        return f"{self.base_url.rstrip('/')}/{name}"
