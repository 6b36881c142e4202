"""Reasoning: the project's derivation rules, then the OWL 2 RL closure, minus the noise.

The result is only what was inferred, kept apart from what was asserted.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from ..core.files import positive_setting, read_text
from ..core.namespaces import new_graph
from ..errors import InferenceLimit
from .base import Engines, Parts

_NOISE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
MAX_INFERRED = 100_000
"""The default most triples reasoning may infer (the project's graph: about 13,000)."""
INFERRED_LIMIT_VARIABLE = "NARAVARD_MAX_INFERRED"
"""The environment variable that raises (or lowers) ``MAX_INFERRED``."""


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
    Raises ``InferenceLimit`` when that would be more than ``$NARAVARD_MAX_INFERRED`` triples
    (default ``MAX_INFERRED``), found before reasoning where the data's chains and
    ``owl:sameAs`` groups show it, else while collecting.
    """
    limit = positive_setting(INFERRED_LIMIT_VARIABLE, MAX_INFERRED)
    instances = {s for s in data.subjects() if isinstance(s, URIRef)}
    foreseen = _foreseen(ontology, data, instances)
    if foreseen.total() > limit:  # said before the reasoner spends minutes on it
        raise _too_many(foreseen, ontology, len(data), limit)
    derived = apply_rules([ontology, data], rules, engines)
    closed = itertools.chain(derived, engines.reasoner.closure([ontology, data, derived]))
    inferred = new_graph()
    for s, p, o in closed:
        if s not in instances or (s, p, o) in data:
            continue
        if p == OWL.sameAs and s == o:
            continue
        if p == RDF.type and o in _NOISE_TYPES:
            continue
        inferred.add((s, p, o))
        if len(inferred) > limit:
            raise _too_many(Counter(inferred.predicates()), ontology, len(data), limit)
    return inferred


def _foreseen(ontology: Graph, data: Graph, instances: set[URIRef]) -> Counter[Node]:
    """Per property, at least how many triples the closure will add about ``instances``:
    the pairs each transitive property's chains link and the pairs of each ``owl:sameAs``
    group, less the asserted ones (so a blow-up is found before reasoning starts)."""
    found: Counter[Node] = Counter()
    for prop in set(ontology.subjects(RDF.type, OWL.TransitiveProperty)):
        links = nx.DiGraph(list(data.subject_objects(prop)))
        linked = sum(len(nx.descendants(links, node)) for node in links if node in instances)
        found[prop] = max(0, linked - links.number_of_edges())
    groups = nx.Graph(list(data.subject_objects(OWL.sameAs)))
    paired = sum(
        (len(group) - 1) * len(group & instances) for group in nx.connected_components(groups)
    )
    found[OWL.sameAs] = max(0, paired - groups.number_of_edges())
    return found


def _too_many(counts: Counter[Node], ontology: Graph, asserted: int, limit: int) -> InferenceLimit:
    """The error for reasoning that goes past ``limit``, naming the property behind most
    of it (``counts``: inferred triples per property)."""
    (top, count), *_ = counts.most_common(1)
    name = ontology.namespace_manager.normalizeUri(top)
    return InferenceLimit(
        f"reasoning would infer more than {limit:,} triples from {asserted:,} asserted ones "
        f"({count:,} of them {name}: a long chain of a transitive property or a large "
        f"owl:sameAs group in the data?); set {INFERRED_LIMIT_VARIABLE} to a larger number "
        "to allow it"
    )
