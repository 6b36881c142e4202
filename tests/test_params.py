"""Parameters are checked in one place before binding, with the same verdict on every
engine: a value that is not an IRI or a valid text is a ``BadParameter`` naming the
parameter, never a crash of one engine and an empty answer of the other."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from naravard_kg.engines import engines
from naravard_kg.engines.base import SparqlStore
from naravard_kg.errors import BadParameter
from naravard_kg.library.catalogue import Parameter

SMALL = """
<http://example.org/a> <http://example.org/p> "a" .
<http://example.org/b> <http://example.org/p> <http://example.org/a> .
"""
NOT_IRIS = ["http://[::1", "http://x/%zz", "http://x/a\x01b", "http://x/\udcff", "http://x/a b"]
ENGINES = ["oxigraph", "rdflib"]


@pytest.fixture(scope="module")
def stores() -> dict[str, SparqlStore]:
    """A small graph in the query engine of each bundle."""
    graph = Graph().parse(data=SMALL, format="nt")
    return {name: engines(name).query.open([graph]) for name in ENGINES}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", NOT_IRIS)
def test_a_malformed_iri_is_refused_naming_the_parameter(
    stores: dict[str, SparqlStore], engine: str, value: str
) -> None:
    query = "SELECT ?o WHERE { ?node ?p ?o }"
    with pytest.raises(BadParameter, match=r"parameter 'node': .* is not a valid IRI or literal"):
        stores[engine].select(query, {"node": URIRef(value)})


@pytest.mark.parametrize("engine", ENGINES)
def test_text_that_is_not_unicode_is_refused_naming_the_parameter(
    stores: dict[str, SparqlStore], engine: str
) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?text }"
    with pytest.raises(BadParameter, match=r"parameter 'text': .* is not a valid IRI or literal"):
        stores[engine].select(query, {"text": Literal("a\udcffb")})
    assert stores[engine].select(query, {"text": Literal("a")})[1] == [
        (URIRef("http://example.org/a"),)
    ]


def test_a_text_parameter_of_a_query_file_refuses_text_that_is_not_unicode() -> None:
    param = Parameter("needle", "str", None, "a word")
    with pytest.raises(
        BadParameter, match=r"parameter 'needle' of query 'demo': .* not valid Unicode"
    ):
        param.coerce("a\udcffb", "demo")
    assert param.coerce("Gotland", "demo") == ox.Literal("Gotland")
