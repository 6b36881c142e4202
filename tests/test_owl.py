"""The ontology as OWL 2 DL: the OWL API's profile check finds no violation, HermiT finds the
ontology with the graph consistent (and a mistyped node inconsistent), every term says
where it is defined, the metadata is there and the version moves with the ontology.

HermiT and the OWL API come with owlready2 (``HermiT.jar``); Java is Debian's
openjdk-17-jre-headless, which ``make test`` installs. ``owl/DLProfile.java`` runs with
Java's source launcher: nothing is compiled ahead.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from test_ontology import TERM_TYPES

import naravard_kg
from naravard_kg.core.namespaces import NV, NVID, new_graph

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
ONTOLOGY = URIRef(str(NV).rstrip("#"))
VANN = "http://purl.org/vocab/vann/"
ANY_URI = URIRef("http://www.w3.org/2001/XMLSchema#anyURI")
VERSION_TRIPLES = (OWL.versionInfo, OWL.versionIRI, OWL.priorVersion)


def _ontology_and_graph(kg: naravard_kg.KnowledgeGraph, *extra: tuple) -> Graph:
    whole = new_graph()
    whole += kg.ontology
    whole += kg.asserted
    for triple in extra:
        whole.add(triple)
    return whole


def _profile_violations(graph: Graph, folder: Path) -> list[str]:
    """What the OWL API's OWL 2 DL profile check reports on ``graph``."""
    path = folder / "ontology.ttl"
    graph.serialize(path, format="turtle")
    done = subprocess.run(
        ["java", "-cp", str(HERMIT_JAR), str(HERE / "owl" / "DLProfile.java"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _hermit(graph: Graph, folder: Path) -> owlready2.World:
    """``graph`` reasoned over by HermiT, without ignoring any datatype it cannot read."""
    path = folder / "ontology.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_the_ontology_with_the_graph_is_in_owl2_dl(kg, tmp_path: Path):
    assert _profile_violations(_ontology_and_graph(kg), tmp_path) == []


def test_the_profile_check_reports_an_undeclared_property(kg, tmp_path: Path):
    typo = (NVID["initiative/mod-demensteam"], NV.targetGrop, NVID["target-group/aldre"])
    violations = _profile_violations(_ontology_and_graph(kg, typo), tmp_path)
    assert any("undeclared" in line and "targetGrop" in line for line in violations), violations


def test_hermit_finds_the_ontology_with_the_graph_consistent(kg, tmp_path: Path):
    world = _hermit(_ontology_and_graph(kg), tmp_path)
    assert list(world.inconsistent_classes()) == []


def test_hermit_finds_a_document_typed_as_an_initiative_inconsistent(kg, tmp_path: Path):
    initiative = NVID["initiative/mod-demensteam"]
    assert (initiative, RDF.type, NV.Initiative) in kg.asserted
    mistyped = _ontology_and_graph(kg, (initiative, RDF.type, NV.Document))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(mistyped, tmp_path)


def test_region_gotland_is_both_a_region_and_a_municipality(kg):
    gotland = NVID["org/region-gotland"]
    assert {NV.Region, NV.Municipality} <= set(kg.graph.objects(gotland, RDF.type))


def test_every_term_says_which_vocabulary_defines_it(kg):
    for kind in TERM_TYPES:
        for term in kg.ontology.subjects(RDF.type, kind):
            if not isinstance(term, URIRef):
                continue  # the SCB codes' restricted string types
            defined_by = kg.ontology.value(term, RDFS.isDefinedBy)
            if str(term).startswith(str(NV)):
                assert defined_by == ONTOLOGY, term
            else:
                assert defined_by is not None and str(term).startswith(str(defined_by)), term


def test_the_ontology_describes_itself(kg):
    ontology = kg.ontology
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {value.language for value in ontology.objects(ONTOLOGY, predicate)}
        assert languages == {"sv", "en"}, predicate
    assert ontology.value(ONTOLOGY, DCTERMS.creator) is not None
    assert ontology.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://spdx.org/licenses/CC-BY-4.0"
    )
    assert ontology.value(ONTOLOGY, URIRef(VANN + "preferredNamespacePrefix")) == Literal("nv")
    uri = ontology.value(ONTOLOGY, URIRef(VANN + "preferredNamespaceUri"))
    assert uri == Literal(str(NV), datatype=ANY_URI)
    version = str(ontology.value(ONTOLOGY, OWL.versionInfo))
    assert ontology.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{version}")


def _fingerprint(ontology: Graph) -> str:
    """SHA-256 of the ontology's canonical N-Triples, without its version triples."""
    content = Graph()
    for s, p, o in ontology:
        if not (s == ONTOLOGY and p in VERSION_TRIPLES):
            content.add((s, p, o))
    lines = sorted(to_canonical_graph(content).serialize(format="nt").splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _versions() -> list[dict[str, str]]:
    with open(PROJECT / "ontology" / "versions.tsv", encoding="utf-8") as table:
        return list(csv.DictReader(table, delimiter="\t"))


def test_the_ontology_version_moves_when_the_ontology_changes(kg):
    versions = _versions()
    current = str(kg.ontology.value(ONTOLOGY, OWL.versionInfo))
    assert versions[-1]["version"] == current, "ontology/versions.tsv ends with another version"
    assert versions[-1]["sha256"] == _fingerprint(kg.ontology), (
        "ontology/ changed but its version did not: raise owl:versionInfo and owl:versionIRI "
        "(README, 'Versions of the ontology') and add a line to ontology/versions.tsv"
    )
    numbers = [tuple(int(n) for n in row["version"].split(".")) for row in versions]
    assert numbers == sorted(set(numbers))
    assert len({row["sha256"] for row in versions}) == len(versions)


def test_a_changed_definition_changes_the_fingerprint(kg):
    changed = Graph()
    changed += kg.ontology
    changed.set((NV.Initiative, RDFS.comment, Literal("changed")))
    assert _fingerprint(changed) != _fingerprint(kg.ontology)
