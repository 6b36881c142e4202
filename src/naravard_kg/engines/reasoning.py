"""Reasoning: the project's derivation rules, then the OWL 2 RL closure, minus the noise.

The result is only what was inferred, kept apart from what was asserted.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ..core.files import read_text
from ..core.namespaces import new_graph
from .base import Engines, Parts

_NOISE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


def rule_files(ontology_dir: Path) -> list[Path]:
    """The CONSTRUCT rules under ``ontology/rules`` (each with its own PREFIX lines), in a
    stable order."""
    return sorted((ontology_dir / "rules").glob("*.rq"))


def apply_rules(parts: Parts, rules: list[Path], engines: Engines) -> Graph:
    """Run each CONSTRUCT rule over the union of ``parts`` and return what they build.

    The parts include the ontology, so a rule may follow ``rdfs:subClassOf``.
    """
    store = engines.query.open(parts)
    derived = Graph()
    for rule in rules:
        derived += store.construct(read_text(rule))
    return derived


def infer(ontology: Graph, data: Graph, rules: list[Path], engines: Engines) -> Graph:
    """Everything the rules and OWL 2 RL add to ``ontology`` + ``data``, without noise.

    Kept: new triples about the instances of ``data`` (types, inverses, transitive
    accountability, super-properties). Dropped: reflexive ``owl:sameAs``, ``owl:Thing``
    and ``rdfs:Resource`` types, and anything said about vocabulary terms.
    """
    derived = apply_rules([ontology, data], rules, engines)
    closed = itertools.chain(derived, engines.reasoner.closure([ontology, data, derived]))
    instances = {s for s in data.subjects() if isinstance(s, URIRef)}
    inferred = new_graph()
    for s, p, o in closed:
        if s not in instances or (s, p, o) in data:
            continue
        if p == OWL.sameAs and s == o:
            continue
        if p == RDF.type and o in _NOISE_TYPES:
            continue
        inferred.add((s, p, o))
    return inferred
