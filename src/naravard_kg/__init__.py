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

import importlib
from typing import TYPE_CHECKING, Any

from .core.version import __version__
from .errors import (
    BadParameter,
    EndpointError,
    InferenceLimit,
    InputFileError,
    MissingExtra,
    MissingParameter,
    NaravardError,
    NodeNotFound,
    QueryNotFound,
    RootError,
)

if TYPE_CHECKING:
    from .endpoint.remote import Endpoint, connect
    from .kg import KnowledgeGraph, load

_LAZY = {
    "Endpoint": "endpoint.remote",
    "connect": "endpoint.remote",
    "KnowledgeGraph": "kg",
    "load": "kg",
}
"""Where each name that is imported on first use lives."""

__all__ = [
    "BadParameter",
    "Endpoint",
    "EndpointError",
    "InferenceLimit",
    "InputFileError",
    "KnowledgeGraph",
    "MissingExtra",
    "MissingParameter",
    "NaravardError",
    "NodeNotFound",
    "QueryNotFound",
    "RootError",
    "__version__",
    "connect",
    "load",
]


def __getattr__(name: str) -> Any:
    """``load`` and ``KnowledgeGraph`` (with rdflib and the engines), ``connect`` and
    ``Endpoint`` (with the HTTP client) are imported when first used (PEP 562), so
    ``import naravard_kg`` and the commands that need none of them stay quick."""
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
