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

from .endpoint.remote import Endpoint, connect
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
