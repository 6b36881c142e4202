"""naravard-kg: a knowledge graph of how Swedish regions and municipalities govern the
transition to god och nära vård, with a query library.

    >>> import naravard_kg
    >>> kg = naravard_kg.load()
    >>> kg.validate().conforms
    True

Against a SPARQL endpoint (``naravard-kg serve``, or any store the graph was pushed to)::

    endpoint = naravard_kg.connect("http://127.0.0.1:7878/query")
    endpoint.query("responsibility-chain", node="init:mod-demensteam")
"""

from typing import TYPE_CHECKING, Any

from .errors import (
    BadParameter,
    EndpointError,
    InputFileError,
    MissingParameter,
    NaravardError,
    NodeNotFound,
    QueryNotFound,
)
from .kg import KnowledgeGraph, load

if TYPE_CHECKING:
    from .endpoint.remote import Endpoint, connect

__all__ = [
    "BadParameter",
    "Endpoint",
    "EndpointError",
    "InputFileError",
    "KnowledgeGraph",
    "MissingParameter",
    "NaravardError",
    "NodeNotFound",
    "QueryNotFound",
    "connect",
    "load",
]


def __getattr__(name: str) -> Any:
    """``Endpoint`` and ``connect`` are imported when first used (the HTTP client is not
    needed to work on a local graph)."""
    if name in ("Endpoint", "connect"):
        from .endpoint import remote

        return getattr(remote, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
