"""The project's namespaces as rdflib ``Namespace`` objects, for the modules that build
and read rdflib graphs (the table itself, as text, is ``prefixes``)."""

from __future__ import annotations

from rdflib import Graph, Namespace

from .prefixes import NAMESPACE_IRIS

PREFIXES: dict[str, Namespace] = {p: Namespace(iri) for p, iri in NAMESPACE_IRIS.items()}
"""Every prefix of ``prefixes.NAMESPACE_IRIS`` as an rdflib namespace."""
NV = PREFIXES["nv"]
NVID = PREFIXES["nvid"]
OA = PREFIXES["oa"]
FREQ = PREFIXES["freq"]
SH = PREFIXES["sh"]


def new_graph() -> Graph:
    """An empty graph that knows the project's prefixes and no others."""
    return bind_prefixes(Graph(bind_namespaces="none"))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
