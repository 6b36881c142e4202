"""naravard-kg: a knowledge graph of how Swedish regions and municipalities govern the
transition to god och nära vård, with a query library.

    >>> import naravard_kg
    >>> kg = naravard_kg.load()
    >>> kg.validate().conforms
    True
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

__all__ = [
    "BadParameter",
    "InputFileError",
    "KnowledgeGraph",
    "MissingParameter",
    "NaravardError",
    "NodeNotFound",
    "QueryNotFound",
    "ValidationError",
    "load",
]
