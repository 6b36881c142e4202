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

from ..errors import BadParameter
from .base import Engines

_REGISTRY: dict[str, tuple[str, str, str]] = {
    "rdflib": (
        "rdflib_engine:RdflibQueryEngine",
        "rdflib_engine:OwlrlReasoner",
        "rdflib_engine:PyshaclValidator",
    ),
    "oxigraph": (
        "oxigraph_engine:OxigraphQueryEngine",
        "sparql_rules:SparqlRulesReasoner",
        "rudof_validator:RudofValidator",
    ),
}
"""Each bundle's query engine, reasoner and validator (``module:class`` in this package),
each imported when first used: a query from the built store imports neither reasoner
nor validator, nor rdflib."""
DEFAULT_ENGINE = "oxigraph"


def available_engines() -> list[str]:
    """Names that ``engines`` accepts."""
    return sorted(_REGISTRY)


def engines(name: str = DEFAULT_ENGINE) -> Engines:
    """The engine bundle registered under ``name``: ``oxigraph`` (default) or ``rdflib``."""
    try:
        query, reasoner, validator = _REGISTRY[name]
    except KeyError:
        raise BadParameter(
            f"unknown engine {name!r}; available: {', '.join(available_engines())}"
        ) from None
    return Engines(name, f"{__name__}.{query}", f"{__name__}.{reasoner}", f"{__name__}.{validator}")
