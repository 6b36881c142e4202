"""The OWL 2 RL rules as SPARQL updates (``engines.sparql_rules``) infer exactly what owlrl
infers: on the real graph, and on small graphs that use every rule the module writes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

import naravard_kg
from naravard_kg.engines import engines
from naravard_kg.engines.base import GRAPHS, nt_bytes
from naravard_kg.engines.reasoning import infer, rule_files
from naravard_kg.engines.sparql_rules import UnsupportedConstruct, read_tbox

PROLOGUE = """
@prefix : <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""

CASES = {
    "hierarchies, domains and ranges": (
        """
        :B rdfs:subClassOf :A . :C rdfs:subClassOf :B . :D owl:equivalentClass :C .
        :q rdfs:subPropertyOf :p . :r owl:equivalentProperty :q .
        :p rdfs:domain :B ; rdfs:range :D .
        """,
        ":x :r :y . :z a :D . :x :p 'a literal' .",
    ),
    "inverse, symmetric and transitive properties": (
        """
        :partOf a owl:TransitiveProperty ; owl:inverseOf :hasPart .
        :directPartOf rdfs:subPropertyOf :partOf .
        :near a owl:SymmetricProperty .
        """,
        """
        :a :directPartOf :b . :b :directPartOf :c . :d :hasPart :a . :c :partOf :e .
        :a :near :b .
        """,
    ),
    "functional properties and equality": (
        """
        :mother a owl:FunctionalProperty . :id a owl:InverseFunctionalProperty .
        :knows owl:inverseOf :knownBy .
        """,
        """
        :x :mother :m1 , :m2 . :m1 :knows :k . :m2 :age 40 .
        :u :id :n . :v :id :n . :u :knows :w .
        """,
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_same_as_owlrl_on_small_graphs(case: str) -> None:
    ontology_text, data_text = CASES[case]
    ontology = Graph().parse(data=PROLOGUE + ontology_text, format="turtle")
    data = Graph().parse(data=PROLOGUE + data_text, format="turtle")
    expected = infer(ontology, data, [], engines("rdflib"))
    assert len(expected) > 3
    assert set(infer(ontology, data, [], engines("oxigraph"))) == set(expected)


def test_an_unsupported_construct_is_an_error() -> None:
    ontology = Graph().parse(
        data=PROLOGUE + ":C owl:someValuesFrom :D ; owl:onProperty :p .", format="turtle"
    )
    store = ox.Store()
    store.bulk_load(
        nt_bytes(ontology), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPHS["ontology"])
    )
    with pytest.raises(UnsupportedConstruct, match="someValuesFrom"):
        read_tbox(store)


def test_same_inferred_triples_as_owlrl_on_the_real_graph() -> None:
    reference = naravard_kg.load(engine="rdflib", cache=False)
    rules = rule_files(reference.layout.ontology)
    got = infer(reference.ontology, reference.asserted, rules, engines("oxigraph"))
    assert len(reference.inferred) > 10_000
    assert set(got) == set(reference.inferred)
