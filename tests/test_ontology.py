"""The ontology: labels in Swedish and English and a definition on every term; key axioms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal
from rdflib.namespace import ORG, SKOS

import naravard_kg
from naravard_kg.core.namespaces import NV, NVID

TERM_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
)


def _terms(kg):
    return sorted(
        {
            s
            for t in TERM_TYPES
            for s in kg.ontology.subjects(RDF.type, t)
            if str(s).startswith(str(NV))
        }
    )


def test_ontology_has_version_info(kg: naravard_kg.KnowledgeGraph):
    assert kg.ontology.value(predicate=RDF.type, object=OWL.Ontology) is not None
    assert any(True for _ in kg.ontology.subject_objects(OWL.versionInfo))


def test_every_term_has_swedish_and_english_labels_and_a_definition(kg: naravard_kg.KnowledgeGraph):
    terms = _terms(kg)
    assert len(terms) > 40
    for term in terms:
        labels = {
            lit.language
            for lit in kg.ontology.objects(term, RDFS.label)
            if isinstance(lit, Literal)
        }
        assert {"sv", "en"} <= labels, term
        assert kg.ontology.value(term, SKOS.definition) is not None, term


def test_reused_terms_the_ontology_names_have_swedish_and_english_labels(
    kg: naravard_kg.KnowledgeGraph,
):
    reused = {s for s in kg.ontology.subjects(RDFS.label) if not str(s).startswith(str(NV))}
    assert {ORG.role, ORG.postIn, SKOS.inScheme, ORG.Membership} <= reused
    for term in reused:
        labels = {lit.language for lit in kg.ontology.objects(term, RDFS.label)}
        assert {"sv", "en"} <= labels, term
    assert (ORG.role, RDFS.label, Literal("har roll", lang="sv")) in kg.ontology


def test_accountability_is_transitive_and_membership_has_an_inverse(kg: naravard_kg.KnowledgeGraph):
    assert (NV.answersTo, RDF.type, OWL.TransitiveProperty) in kg.ontology
    assert (ORG.hasMember, OWL.inverseOf, ORG.memberOf) in kg.ontology


@pytest.mark.parametrize(
    ("fact", "meaning"),
    [
        (
            (NVID["initiative/mod-demensteam"], NV.owner, NVID["body/lansledning-halsam"]),
            "asserted",
        ),
        (
            (
                NVID["body/lansledning-halsam"],
                NV.answersTo,
                NVID["body/vasternorrland-politisk-niva"],
            ),
            "transitive accountability",
        ),
        (
            (
                NVID["post/kommundirektor-timra"],
                ORG.memberOf,
                NVID["body/vasternorrland-hogsta-tjansteledning"],
            ),
            "membership inverse",
        ),
        ((NVID["body/lansledning-halsam"], RDF.type, ORG.Organization), "subclass"),
    ],
)
def test_reasoning_derives_the_expected_facts(kg: naravard_kg.KnowledgeGraph, fact, meaning):
    if meaning == "asserted":
        assert fact in kg.asserted and fact not in kg.inferred
    else:  # derived by the reasoner: in the inferred part, never stated in the data
        assert fact in kg.inferred and fact not in kg.asserted, meaning


def test_inferences_stay_apart_and_without_noise(kg: naravard_kg.KnowledgeGraph):
    assert not set(kg.inferred) & set(kg.asserted)
    assert (None, OWL.sameAs, None) not in kg.inferred
    assert (None, RDF.type, OWL.Thing) not in kg.inferred
    # the derived reporting edge is inferred, never asserted
    assert (None, NV.reportsTo, None) not in kg.asserted
    assert (None, NV.reportsTo, None) in kg.inferred
