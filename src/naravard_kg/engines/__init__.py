"""The engines behind one small interface: SPARQL, OWL RL closure and SHACL validation,
plus what runs on them: strict Turtle loading, the derivation rules, the SHACL report, the
binding of query parameters and the cache of inferences.

Callers ask ``engines(name)`` for an ``Engines`` bundle and never import rdflib's query
machinery, owlrl, pyshacl, pyoxigraph or pyrudof themselves. Two bundles:

``rdflib``
    The design card and the reference: rdflib's SPARQL, owlrl, pyshacl.
``oxigraph`` (the default)
    pyoxigraph's SPARQL store, which also runs the OWL 2 RL rules as SPARQL updates
    (``sparql_rules``), and pyrudof for SHACL: the same answers (``tests/test_engines.py``
    proves it on the real graph and on broken examples), many times faster.

May import: rdflib, the engines' own libraries (each where it is used) and
``naravard_kg.core``; never the query library, analytics, views, the endpoint, the facade
or the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import BadParameter

if TYPE_CHECKING:
    from .base import Engines


def _rdflib() -> Engines:
    from .base import Engines
    from .rdflib_engine import OwlrlReasoner, PyshaclValidator, RdflibQueryEngine

    return Engines("rdflib", RdflibQueryEngine(), OwlrlReasoner(), PyshaclValidator())


def _oxigraph() -> Engines:
    from .base import Engines
    from .oxigraph_engine import OxigraphQueryEngine, RudofValidator
    from .sparql_rules import SparqlRulesReasoner

    return Engines("oxigraph", OxigraphQueryEngine(), SparqlRulesReasoner(), RudofValidator())


_REGISTRY: dict[str, Callable[[], Engines]] = {"rdflib": _rdflib, "oxigraph": _oxigraph}
"""Each bundle's maker, which imports the bundle's modules (and rdflib) when first asked."""
DEFAULT_ENGINE = "oxigraph"


def available_engines() -> list[str]:
    """Names that ``engines`` accepts."""
    return sorted(_REGISTRY)


def engines(name: str = DEFAULT_ENGINE) -> Engines:
    """The engine bundle registered under ``name``: ``oxigraph`` (default) or ``rdflib``."""
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise BadParameter(
            f"unknown engine {name!r}; available: {', '.join(available_engines())}"
        ) from None
