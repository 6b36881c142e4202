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

from .errors import (
    BadParameter,
    InputFileError,
    MissingParameter,
    NaravardError,
    NodeNotFound,
    QueryNotFound,
    ValidationError,
)
from .kg import KnowledgeGraph, load
from .remote import Endpoint, EndpointError, connect

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
    "ValidationError",
    "connect",
    "load",
]
