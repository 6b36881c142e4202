"""What the analytics read from the store: rows of terms, and the facts about a few nodes.

The analytics never hold the whole graph. They ask the store (the built Oxigraph store,
or the reference engine's) for the rows they need, with sets of nodes bound as a
``VALUES`` block, and for ``facts``: a small rdflib graph of what people read about those
nodes (labels, types, definitions, the quotes with their documents and sections, the
labels of what they point at), on which ``core.labels`` and ``analytics.evidence`` work
as on the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph
from rdflib.term import Node

from ..core.namespaces import new_graph
from ..core.prefixes import sparql_prologue
from ..engines.base import SparqlStore

LABELS = "rdfs:label, skos:prefLabel"
FACTS = (
    f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  ?node ?p ?o . BIND(?node AS ?s)
  FILTER(?p IN ({LABELS}, rdf:type, skos:definition, skos:scopeNote, nv:item, nv:status,
    nv:year, nv:beforeYear, nv:frequency, nv:frequencyNote, nv:inRegion, nv:sourceFile,
    org:member, org:organization, org:role, org:hasMember, prov:wasDerivedFrom))
}}""",
    f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  ?node rdf:type|nv:item|nv:status|nv:frequency|nv:inRegion|org:member|org:organization
    |org:role|org:hasMember|prov:wasDerivedFrom ?s .
  ?s ?p ?o .
  FILTER(?p IN ({LABELS}, rdf:type, org:postIn, oa:hasSelector, oa:hasSource, nv:section))
}}""",
    f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  ?node (org:hasMember/org:postIn)|(prov:wasDerivedFrom/(oa:hasSelector|oa:hasSource)) ?s .
  ?s ?p ?o .
  FILTER(?p IN ({LABELS}, oa:exact, dcterms:alternative))
}}""",
)
"""The facts about ``?node``, as triples, in three queries: its labels, types,
definitions, plan years and statuses, memberships, regions and evidence; one step on, the
labels of what it points at (its classes, initiative, statuses, members, regions...), its
members' types and posts, and each evidence's selector, document and section; two steps
on, the labels of the members' organisations, the labels and short titles of the documents,
and the quotes.

Three queries, because one SELECT with three ``UNION`` branches is a hundred times slower
in Oxigraph; the steps are property paths, which rdflib follows from the bound node, where
it would join every triple of the node with every triple of its neighbours and filter."""
HIERARCHY = """
SELECT ?s ?p ?o WHERE {
  ?s rdfs:subClassOf ?o . BIND(rdfs:subClassOf AS ?p) FILTER(isIRI(?s) && isIRI(?o))
}
"""
"""The class hierarchy, for the most specific types of a node."""

Row = dict[str, Node | None]


class GraphReader:
    """Reads rows and facts from a store; every query gets the project's prefixes."""

    def __init__(self, store: SparqlStore) -> None:
        self.store = store
        self._hierarchy: Graph | None = None

    def select(self, text: str, name: str | None = None, nodes: Iterable[Node] = ()) -> list[Row]:
        """The rows of a SELECT query as term dictionaries; with ``name``, the variable
        ``?name`` bound to each of ``nodes`` (no nodes, no rows; a row two nodes give may
        come twice)."""
        query = sparql_prologue() + text
        if name is None:
            columns, rows = self.store.select(query, {})
        else:
            values = sorted(set(nodes))
            if not values:
                return []
            columns, rows = self.store.select_each(query, name, values)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def triples(self, text: str, name: str | None = None, nodes: Iterable[Node] = ()) -> Graph:
        """The rows ``?s ?p ?o`` of a SELECT query as a graph; ``name`` and ``nodes`` as in
        ``select``."""
        graph = new_graph()
        for row in self.select(text, name, nodes):
            graph.add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
        return graph

    @property
    def hierarchy(self) -> Graph:
        """Every ``rdfs:subClassOf`` between two named classes (a new copy each time)."""
        if self._hierarchy is None:
            self._hierarchy = self.triples(HIERARCHY)
        graph = new_graph()
        graph += self._hierarchy
        return graph

    def facts(self, nodes: Iterable[Node]) -> Graph:
        """What people read about ``nodes`` (see ``FACTS``), with the class hierarchy, as a
        small graph on which ``core.labels`` and ``analytics.evidence`` work."""
        nodes = set(nodes)
        graph = self.hierarchy
        for query in FACTS:
            graph += self.triples(query, "node", nodes)
        return graph

    def has(self, node: Node) -> bool:
        """Whether ``node`` is the subject of any triple."""
        return bool(self.select("SELECT ?p WHERE { ?node ?p ?o } LIMIT 1", "node", [node]))


def column(rows: Iterable[Row], name: str) -> Iterator[Node]:
    """The non-empty values of one column."""
    return (value for row in rows if (value := row[name]) is not None)
