"""The instance graph as GraphML and GEXF: real content, the same IRIs as node ids in both
files, read by NetworkX and python-igraph without warnings, subsets, same bytes twice."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import igraph
import networkx as nx
import pytest
from rdflib import RDFS, Literal, URIRef

from naravard_kg import BadParameter, KnowledgeGraph, NodeNotFound
from naravard_kg.core.namespaces import NVID
from naravard_kg.core.prefixes import expand_curie
from naravard_kg.views.network import (
    region_network,
    to_graphml,
    write_network,
)

MOD = f"{NVID}initiative/mod-demensteam"
HALSAM = f"{NVID}body/lansledning-halsam"
MOD_LABEL = "Organisationsöverskridande multidisciplinärt demensteam (MOD)"
# Fardplan Nära vård i Västernorrland 2025, section 6.1 (OCR text, as quoted in the graph).
MOD_QUOTE = (
    'Projektet ”"Organisationsöverskridande multidisciplindrt demensteam” med pilot i '
    "Örnsköldsvik fortsätter och utvärderas för eventuellt breddinférande därefter."
)
VASTERNORRLAND = "orgid:region-vasternorrland"
T = TypeVar("T")


@pytest.fixture(scope="module")
def whole(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.network()


@pytest.fixture(scope="module")
def region(kg: KnowledgeGraph, whole: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return region_network(kg.reader, kg.resolve(VASTERNORRLAND), whole)


def test_graphml_round_trip_keeps_labels_quotes_and_links(
    whole: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = write_network(whole, tmp_path / "naravard.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == whole.number_of_nodes() > 2000
    assert back.number_of_edges() == whole.number_of_edges()
    mod = back.nodes[MOD]
    assert mod["iri"] == MOD
    assert mod["name"] == "init:mod-demensteam"
    assert mod["label"] == MOD_LABEL
    assert mod["type"] == "Initiative"
    assert mod["region"] == VASTERNORRLAND
    assert MOD_QUOTE in mod["quote"].split("\n")
    assert "doc:vasternorrland-fardplan-2025" in mod["documents"]
    links = [d for _, target, d in back.out_edges(MOD, data=True) if target == HALSAM]
    assert {"label": "ägare", "property": "nv:owner"} in [
        {"label": d["label"], "property": d["property"]} for d in links
    ]
    assert back.nodes[HALSAM]["label"] == "Länsledning HälSam"


def test_evidence_and_selectors_are_attributes_not_nodes(whole: nx.MultiDiGraph) -> None:
    names = [data["name"] for _, data in whole.nodes(data=True)]
    assert not [n for n in names if n.startswith("ev:")]
    assert not [p for *_, p in whole.edges(data="property") if p == "prov:wasDerivedFrom"]
    types = {data["type"] for _, data in whole.nodes(data=True)}
    assert {"Initiative", "Region", "Municipality", "Document", "Responsibility"} <= types
    assert "Evidence" not in types


def test_gexf_round_trip_uses_iris_and_has_no_date(whole: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_network(whole, tmp_path / "naravard.gexf")
    assert b"lastmodifieddate" not in path.read_bytes()
    back = nx.read_gexf(path)
    assert back.nodes[MOD]["label"] == MOD_LABEL
    assert back.nodes[MOD]["name"] == "init:mod-demensteam"
    assert MOD_QUOTE in back.nodes[MOD]["quote"]
    labels = {d["label"] for _, target, d in back.out_edges(MOD, data=True) if target == HALSAM}
    assert "ägare" in labels


@pytest.fixture(scope="module")
def files(whole: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole network written as GraphML and as GEXF, by format."""
    folder = tmp_path_factory.mktemp("network")
    return {f: write_network(whole, folder / f"naravard.{f}") for f in ("graphml", "gexf")}


def _strictly(read: Callable[[str], T], path: Path) -> T:
    """What ``read`` makes of ``path``, with any warning raised as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read(str(path))


def _links(network: nx.MultiDiGraph) -> list[tuple[str, str, str, str]]:
    """Every edge as source, target, label and property, sorted."""
    return sorted((s, t, d["label"], d["property"]) for s, t, d in network.edges(data=True))


def test_both_files_have_the_iris_as_node_ids_for_networkx_and_igraph(
    whole: nx.MultiDiGraph, files: dict[str, Path]
) -> None:
    graphml = _strictly(nx.read_graphml, files["graphml"])
    gexf = _strictly(nx.read_gexf, files["gexf"])
    reread = _strictly(igraph.Graph.Read_GraphML, files["graphml"])
    assert set(graphml) == set(gexf) == set(reread.vs["iri"]) == set(whole)
    assert reread.vs["id"] == reread.vs["iri"]
    assert graphml.nodes[MOD]["iri"] == gexf.nodes[MOD]["iri"] == MOD
    mod = reread.vs.find(name="init:mod-demensteam")
    assert (mod["id"], mod["iri"], mod["label"]) == (MOD, MOD, MOD_LABEL)
    assert "id" not in reread.es.attributes()
    assert _links(graphml) == _links(gexf) == _links(whole)


def test_every_edge_has_its_propertys_swedish_label_and_prefixed_name(
    kg: KnowledgeGraph, files: dict[str, Path]
) -> None:
    reread = _strictly(igraph.Graph.Read_GraphML, files["graphml"])
    assert reread.ecount() > 5000
    kinds = set(zip(reread.es["label"], reread.es["property"], strict=True))
    for text, prop in kinds:
        iri = expand_curie(prop)
        assert iri is not None and expand_curie(text) is None, (text, prop)
        assert Literal(text, lang="sv") in set(kg.ontology.objects(URIRef(iri), RDFS.label))
    links = {
        (reread.vs[e.source]["name"], e["label"], e["property"], reread.vs[e.target]["name"])
        for e in reread.es
    }
    assert {
        ("init:mod-demensteam", "ägare", "nv:owner", "body:lansledning-halsam"),
        ("post:kommundirektor-timra", "har roll", "org:role", "role:kommundirektor"),
        ("post:kommundirektor-timra", "befattning i", "org:postIn", "orgid:kommun-timra"),
    } <= links


def test_two_builds_write_identical_bytes(
    kg: KnowledgeGraph, whole: nx.MultiDiGraph, tmp_path: Path
) -> None:
    again = kg.network()
    for suffix in (".graphml", ".gexf"):
        first = write_network(whole, tmp_path / f"a{suffix}").read_bytes()
        second = write_network(again, tmp_path / f"b{suffix}").read_bytes()
        assert first == second


def test_region_subset_is_the_region_and_its_neighbours(
    whole: nx.MultiDiGraph, region: nx.MultiDiGraph
) -> None:
    own = {n for n, d in region.nodes(data=True) if VASTERNORRLAND in d["region"].split("; ")}
    own.add(f"{NVID}org/region-vasternorrland")
    assert MOD in own and HALSAM in own
    for node in set(region) - own:
        assert any(m in own for m in nx.all_neighbors(whole, node)), node
    for source, target in region.edges():
        assert source in own or target in own
    assert f"{NVID}initiative/skane-amma-teamet" not in region
    assert whole.number_of_nodes() > region.number_of_nodes() > 300


def test_chain_subset_follows_the_chain(kg: KnowledgeGraph) -> None:
    network = kg.network(chain="init:mod-demensteam")
    steps = kg.chain("init:mod-demensteam")
    names = {d["name"] for _, d in network.nodes(data=True)}
    assert names == {"init:mod-demensteam"} | {s.source for s in steps} | {s.target for s in steps}
    assert "body:vasternorrland-hogsta-tjansteledning" in names
    assert network.number_of_edges() == len(steps)
    owned = [d for _, t, d in network.out_edges(MOD, data=True) if t == HALSAM]
    assert "ägs av" in {d["label"] for d in owned}
    assert all(MOD_QUOTE in d["quote"] for d in owned if d["label"] == "ägs av")
    key_ids = re.findall(rb'<key id="([^"]+)"', to_graphml(network))
    assert len(key_ids) == len(set(key_ids)) > 10  # node and edge "quote" stay apart


def test_bad_subsets_and_formats_are_refused(
    kg: KnowledgeGraph, whole: nx.MultiDiGraph, tmp_path: Path
) -> None:
    with pytest.raises(BadParameter, match="not both"):
        kg.network(region=VASTERNORRLAND, chain="init:mod-demensteam")
    with pytest.raises(BadParameter, match="not a region"):
        kg.network(region="init:mod-demensteam")
    with pytest.raises(NodeNotFound):
        kg.network(region="orgid:region-atlantis")
    with pytest.raises(BadParameter, match="graphml"):
        write_network(whole, tmp_path / "naravard.txt")
    with pytest.raises(BadParameter, match="unknown network format"):
        write_network(whole, tmp_path / "naravard.graphml", fmt="dot")
