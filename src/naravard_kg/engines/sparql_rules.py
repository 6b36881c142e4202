"""OWL 2 RL inside a pyoxigraph store: the rules the ontology uses, as SPARQL updates.

The fast bundle's reasoner, chosen by measurement (``benchmarks/bench_reasoning.py``): at
a million asserted triples it closes the graph in about 30 s within 1 GB, where
``reasonable`` was killed at 20 GB. The store holds the ontology, the asserted and the
inferred triples in the named graphs ``base.GRAPHS``, and the closure is computed there;
only its result goes back to rdflib. The terminology (class and property hierarchies,
domains, ranges, inverses, transitive, symmetric and functional properties) is read once
from the store and compiled into a handful of ``INSERT … WHERE`` updates whose ``VALUES``
blocks name the classes and properties, so each update is one join that Oxigraph runs in
Rust.

The updates run semi-naively until nothing new appears: the first round reads every
triple, each later round only joins the triples that the round before added (kept in the
named graph ``DELTA``), and every conclusion is checked against the whole graph
(``FILTER NOT EXISTS``) so that a round adds only what is really new. The rules are those
of OWL 2 RL (as ``owlrl`` implements them) for the constructs this module supports:

* ``cax-sco``, ``cax-eqc`` (``rdfs:subClassOf``, ``owl:equivalentClass``),
* ``prp-spo1``, ``prp-eqp`` (``rdfs:subPropertyOf``, ``owl:equivalentProperty``),
* ``prp-dom``, ``prp-rng``, ``prp-inv1/2``, ``prp-symp``, ``prp-trp``,
* ``prp-fp``, ``prp-ifp`` and the equality rules they call for (``eq-sym``, ``eq-trans``,
  ``eq-rep-s/p/o``), run only once some ``owl:sameAs`` exists.

The closure of the schema (``scm-*``) is computed in Python on the few hundred schema
triples, which gives the same instance triples as the rules applied one by one. Any other
OWL construct (restrictions, Boolean class expressions, property chains, keys ...) makes
``read_tbox`` raise ``UnsupportedConstruct`` rather than silently give fewer triples.

``SparqlRulesReasoner`` is the ``Reasoner`` of the fast bundle; ``tests/test_engines.py``
and ``tests/test_sparql_rules.py`` check that it infers exactly what owlrl infers.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, XSD, Literal

from ..core.terms import decimal_literal
from ..errors import NaravardError
from .base import GRAPHS, Parts, Triple, plain
from .terms import from_oxigraph, to_oxigraph

if TYPE_CHECKING:
    import pyoxigraph

ONTOLOGY, ASSERTED, INFERRED = GRAPHS["ontology"], GRAPHS["asserted"], GRAPHS["inferred"]
DELTA = "https://w3id.org/naravard/graph/delta"
"""What the previous round added (a working graph, dropped at the end)."""
NEW = "https://w3id.org/naravard/graph/new"
"""What the current round adds (a working graph, dropped at the end)."""

UNSUPPORTED = (
    OWL.propertyChainAxiom,
    OWL.intersectionOf,
    OWL.unionOf,
    OWL.complementOf,
    OWL.someValuesFrom,
    OWL.allValuesFrom,
    OWL.hasValue,
    OWL.maxCardinality,
    OWL.maxQualifiedCardinality,
    OWL.oneOf,
    OWL.hasKey,
)
"""OWL 2 RL constructs whose rules are not written here: any of them in the graph is an
error, never a silently smaller closure."""

_SAME = f"<{OWL.sameAs}>"
_TYPE = f"<{RDF.type}>"


class UnsupportedConstruct(NaravardError):
    """The graph uses an OWL construct whose rules this module does not implement (the
    ``rdflib`` engine's owlrl implements them all)."""


@dataclass
class TBox:
    """The schema as the rules need it, every hierarchy already closed."""

    superclasses: dict[str, set[str]] = field(default_factory=dict)
    """Each class and its strict superclasses (``rdfs:subClassOf`` and
    ``owl:equivalentClass``, transitively)."""
    superproperties: dict[str, set[str]] = field(default_factory=dict)
    """Each property and its strict super-properties."""
    domains: dict[str, set[str]] = field(default_factory=dict)
    """Each property and every class its subjects get: the domains of the property and of
    its super-properties, and all their superclasses."""
    ranges: dict[str, set[str]] = field(default_factory=dict)
    """The same for objects and ranges."""
    inverses: set[tuple[str, str]] = field(default_factory=set)
    """``(p, q)``: from ``x p y`` follows ``y q x`` (both directions of ``owl:inverseOf``)."""
    transitive: set[str] = field(default_factory=set)
    symmetric: set[str] = field(default_factory=set)
    functional: set[str] = field(default_factory=set)
    inverse_functional: set[str] = field(default_factory=set)


def _closed(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each node and every node it reaches (itself excluded) along ``edges``."""
    direct: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a != b:
            direct[a].add(b)
    reached: dict[str, set[str]] = {}
    for start in list(direct):
        seen: set[str] = set()
        stack = list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        seen.discard(start)
        reached[start] = seen
    return reached


def _pairs(store: pyoxigraph.Store, predicate: str) -> list[tuple[str, str]]:
    """Subject and object IRIs of every triple with ``predicate``, in any graph."""
    import pyoxigraph as ox

    return [
        (q.subject.value, q.object.value)
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None)
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
    ]


def _typed(store: pyoxigraph.Store, kind: str) -> set[str]:
    """IRIs typed ``kind`` in any graph."""
    import pyoxigraph as ox

    typed = store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(kind))
    return {q.subject.value for q in typed if isinstance(q.subject, ox.NamedNode)}


def read_tbox(store: pyoxigraph.Store) -> TBox:
    """Read and close the schema of everything in ``store`` (all graphs).

    Raises ``UnsupportedConstruct`` when the graph uses an OWL construct outside the
    rules of this module.
    """
    import pyoxigraph as ox

    for predicate in UNSUPPORTED:
        if next(iter(store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None)), None):
            raise UnsupportedConstruct(
                f"the graph uses {predicate}, which the oxigraph engine's OWL 2 RL rules do "
                "not cover; reason with --engine rdflib"
            )
    equivalent_classes = _pairs(store, str(OWL.equivalentClass))
    equivalent_properties = _pairs(store, str(OWL.equivalentProperty))
    class_edges = [
        *_pairs(store, str(RDFS.subClassOf)),
        *equivalent_classes,
        *((b, a) for a, b in equivalent_classes),
    ]
    property_edges = [
        *_pairs(store, str(RDFS.subPropertyOf)),
        *equivalent_properties,
        *((b, a) for a, b in equivalent_properties),
    ]
    tbox = TBox(superclasses=_closed(class_edges), superproperties=_closed(property_edges))

    def upward(classes: set[str]) -> set[str]:
        return classes.union(*(tbox.superclasses.get(c, set()) for c in classes))

    for attribute, predicate in (("domains", RDFS.domain), ("ranges", RDFS.range)):
        direct: dict[str, set[str]] = defaultdict(set)
        for p, c in _pairs(store, str(predicate)):
            direct[p].add(c)
        closed: dict[str, set[str]] = {}
        properties = set(direct) | set(tbox.superproperties)
        for p in properties:
            classes = set(direct.get(p, ()))
            for q in tbox.superproperties.get(p, ()):
                classes |= direct.get(q, set())
            if classes:
                closed[p] = upward(classes)
        setattr(tbox, attribute, closed)
    for p, q in _pairs(store, str(OWL.inverseOf)):
        tbox.inverses |= {(p, q), (q, p)}
    tbox.transitive = _typed(store, str(OWL.TransitiveProperty))
    tbox.symmetric = _typed(store, str(OWL.SymmetricProperty))
    tbox.functional = _typed(store, str(OWL.FunctionalProperty))
    tbox.inverse_functional = _typed(store, str(OWL.InverseFunctionalProperty))
    return tbox


def _values(names: str, rows: Iterable[tuple[str, ...]]) -> str:
    """A ``VALUES`` block of IRIs (empty string when there are no rows)."""
    lines = " ".join("(" + " ".join(f"<{iri}>" for iri in row) + ")" for row in sorted(rows))
    return f"VALUES ({names}) {{ {lines} }}" if lines else ""


@dataclass(frozen=True)
class Rule:
    """One compiled rule: a name and the body of its update, ``{delta}`` marking where
    the triples of the previous round are read (``DELTA``, or every graph in round one)."""

    name: str
    head: str
    body: str
    needs_same_as: bool = False

    def update(self, first_round: bool) -> str:
        """The SPARQL update of this rule for one round."""
        if first_round:
            body = self.body.replace("{delta}", "")
        else:
            body = self.body.replace("{delta}", f"GRAPH <{DELTA}>")
        using = f"USING <{ONTOLOGY}> USING <{ASSERTED}> USING <{INFERRED}> "
        named = "" if first_round else f"USING NAMED <{DELTA}> "
        return f"INSERT {{ GRAPH <{NEW}> {{ {self.head} }} }} {using}{named}WHERE {{ {body} }}"


def compile_rules(tbox: TBox) -> list[Rule]:
    """The updates for ``tbox``: one per rule kind, leaving out rules with nothing to do."""
    rules: list[Rule] = []

    def add(name: str, head: str, values: str, pattern: str) -> None:
        if values:
            rules.append(Rule(name, head, f"{values} {pattern} FILTER NOT EXISTS {{ {head} }}"))

    add(
        "cax-sco",
        f"?x {_TYPE} ?d",
        _values("?c ?d", ((c, d) for c, ds in tbox.superclasses.items() for d in ds)),
        f"{{delta}} {{ ?x {_TYPE} ?c }}",
    )
    add(
        "prp-spo1",
        "?x ?q ?y",
        _values("?p ?q", ((p, q) for p, qs in tbox.superproperties.items() for q in qs)),
        "{delta} { ?x ?p ?y }",
    )
    add(
        "prp-dom",
        f"?x {_TYPE} ?c",
        _values("?p ?c", ((p, c) for p, cs in tbox.domains.items() for c in cs)),
        "{delta} { ?x ?p ?y }",
    )
    add(
        "prp-rng",
        f"?y {_TYPE} ?c",
        _values("?p ?c", ((p, c) for p, cs in tbox.ranges.items() for c in cs)),
        "{delta} { ?x ?p ?y } FILTER(!isLiteral(?y))",
    )
    add(
        "prp-inv",
        "?y ?q ?x",
        _values("?p ?q", tbox.inverses),
        "{delta} { ?x ?p ?y } FILTER(!isLiteral(?y))",
    )
    add(
        "prp-symp",
        "?y ?p ?x",
        _values("?p", ((p,) for p in tbox.symmetric)),
        "{delta} { ?x ?p ?y } FILTER(!isLiteral(?y))",
    )
    add(
        "prp-trp",
        "?x ?p ?z",
        _values("?p", ((p,) for p in tbox.transitive)),
        "{ {delta} { ?x ?p ?y } ?y ?p ?z } UNION { ?x ?p ?y {delta} { ?y ?p ?z } }",
    )
    for name, properties, pattern in (
        ("prp-fp", tbox.functional, "{delta} { ?x ?p ?a } ?x ?p ?b"),
        ("prp-ifp", tbox.inverse_functional, "{delta} { ?a ?p ?x } ?b ?p ?x"),
    ):
        for head in (f"?a {_SAME} ?b", f"?b {_SAME} ?a"):
            add(
                name,
                head,
                _values("?p", ((p,) for p in properties)),
                f"{pattern} FILTER(!sameTerm(?a, ?b))",
            )
    equality = [
        ("eq-sym", f"?b {_SAME} ?a", f"{{delta}} {{ ?a {_SAME} ?b }}"),
        (
            "eq-trans",
            f"?a {_SAME} ?c",
            f"{{ {{delta}} {{ ?a {_SAME} ?b }} ?b {_SAME} ?c }}"
            f" UNION {{ ?a {_SAME} ?b {{delta}} {{ ?b {_SAME} ?c }} }}",
        ),
        (
            "eq-rep-s",
            "?b ?p ?o",
            f"{{ {{delta}} {{ ?a {_SAME} ?b }} ?a ?p ?o }}"
            f" UNION {{ ?a {_SAME} ?b {{delta}} {{ ?a ?p ?o }} }}",
        ),
        (
            "eq-rep-p",
            "?s ?b ?o",
            f"{{ {{delta}} {{ ?a {_SAME} ?b }} ?s ?a ?o }}"
            f" UNION {{ ?a {_SAME} ?b {{delta}} {{ ?s ?a ?o }} }}",
        ),
        (
            "eq-rep-o",
            "?s ?p ?b",
            f"{{ {{delta}} {{ ?a {_SAME} ?b }} ?s ?p ?a }}"
            f" UNION {{ ?a {_SAME} ?b {{delta}} {{ ?s ?p ?a }} }}",
        ),
    ]
    for name, head, pattern in equality:
        body = f"{pattern} FILTER(!sameTerm(?a, ?b)) FILTER NOT EXISTS {{ {head} }}"
        rules.append(Rule(name, head, body, needs_same_as=True))
    return rules


@dataclass
class ClosureStats:
    """How the closure went: rounds, triples added, and seconds per rule."""

    rounds: int = 0
    added: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def count_triples(store: pyoxigraph.Store, graph: str) -> int:
    """How many triples the named graph ``graph`` holds."""
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(next(iter(result))["n"].value)


def _has_same_as(store: pyoxigraph.Store) -> bool:
    import pyoxigraph as ox

    same_as = store.quads_for_pattern(None, ox.NamedNode(str(OWL.sameAs)), None)
    return next(iter(same_as), None) is not None


def close(store: pyoxigraph.Store, max_rounds: int = 1000) -> ClosureStats:
    """Add the OWL 2 RL closure of ``ONTOLOGY`` + ``ASSERTED`` + ``INFERRED`` to ``INFERRED``.

    The schema is read again once a fixpoint is reached; if the rounds changed it (a
    schema triple inferred from data), the rounds start over with the new rules.
    """
    stats = ClosureStats()
    tbox = read_tbox(store)
    first = True
    while True:
        rules = compile_rules(tbox)
        while stats.rounds < max_rounds:
            stats.rounds += 1
            same_as = _has_same_as(store)
            for rule in rules:
                if rule.needs_same_as and not same_as:
                    continue
                start = time.perf_counter()
                store.update(rule.update(first))
                stats.seconds[rule.name] += time.perf_counter() - start
            first = False
            start = time.perf_counter()
            added = count_triples(store, NEW)
            if not added:
                break
            stats.added += added
            store.update(f"ADD <{NEW}> TO <{INFERRED}> ; MOVE <{NEW}> TO <{DELTA}>")
            stats.seconds["bookkeeping"] += time.perf_counter() - start
        else:
            raise RuntimeError(f"no fixpoint after {max_rounds} rounds")
        again = read_tbox(store)
        if again == tbox:
            break
        tbox, first = again, True
    store.update(f"DROP SILENT GRAPH <{DELTA}> ; DROP SILENT GRAPH <{NEW}>")
    return stats


class SparqlRulesReasoner:
    """The ``Reasoner`` protocol on top of ``close``: the triples the OWL 2 RL closure of
    the union of ``parts`` adds. The parts go into the store term by term, so a blank node
    keeps its label and comes back as the same node; decimals come back in the project's
    form."""

    def closure(self, parts: Parts) -> Iterable[Triple]:
        import pyoxigraph as ox

        store = ox.Store()
        asserted = ox.NamedNode(ASSERTED)
        store.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), asserted)
            for part in parts
            for s, p, o in part
        )
        close(store)
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED)):
            obj = from_oxigraph(quad.object)
            if isinstance(obj, Literal) and obj.datatype == XSD.decimal:
                obj = decimal_literal(obj)
            yield from_oxigraph(quad.subject), from_oxigraph(quad.predicate), plain(obj)  # type: ignore[misc]
