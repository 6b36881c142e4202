"""The one place that names the namespaces: every module, query and test binds these."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

NV = Namespace("https://w3id.org/naravard/ontology#")
NVID = Namespace("https://w3id.org/naravard/id/")
NVSH = Namespace("https://w3id.org/naravard/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
FREQ = Namespace("http://publications.europa.eu/resource/authority/frequency/")
SH = Namespace("http://www.w3.org/ns/shacl#")

# One prefix per kind of instance: Turtle and SPARQL local names may not contain "/",
# so ``nvid:initiative/mod-demensteam`` is written ``init:mod-demensteam`` in files.
INSTANCE_KINDS: dict[str, str] = {
    "actor": "actor",
    "area": "priority-area",
    "body": "body",
    "county": "county",
    "doc": "document",
    "doctype": "document-type",
    "ev": "evidence",
    "goal": "goal",
    "init": "initiative",
    "item": "plan-item",
    "level": "level",
    "mship": "membership",
    "obs": "observation",
    "orgid": "org",
    "post": "post",
    "principle": "principle",
    "resp": "responsibility",
    "role": "role",
    "scheme": "scheme",
    "seckind": "section-kind",
    "status": "status",
    "system": "system",
    "task": "task",
    "theme": "theme",
    "tg": "target-group",
}

PREFIXES: dict[str, Namespace] = {
    "nv": NV,
    "nvid": NVID,
    "nvsh": NVSH,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "foaf": FOAF,
    "cv": CV,
    "eli": ELI,
    "freq": FREQ,
    "sh": SH,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    **{prefix: Namespace(f"{NVID}{kind}/") for prefix, kind in INSTANCE_KINDS.items()},
}


def new_graph() -> Graph:
    """An empty graph that knows the project's prefixes and no others."""
    return bind_prefixes(Graph(bind_namespaces="none"))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """The PREFIX lines that every query in the library is evaluated with."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def expand_curie(text: str) -> str | None:
    """Expand ``init:x`` or ``nvid:initiative/x`` to a full IRI; ``None`` for unknown prefixes."""
    prefix, sep, local = text.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return str(PREFIXES[prefix]) + local
