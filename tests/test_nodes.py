"""Every node parameter of every interface takes what an analyst types (a prefixed name,
an IRI, a label, an alternative label, an abbreviation) and refuses what names no node,
with the closest names, instead of answering with an empty table."""

from __future__ import annotations

import re

import pytest

import naravard_kg
from naravard_kg.cli import main


@pytest.mark.parametrize(
    ("query", "param", "typed", "node"),
    [
        ("accountability-gaps", "region", "Gotland", "orgid:region-gotland"),
        ("accountability-gaps", "region", "region GOTLAND", "orgid:region-gotland"),
        ("members-of", "body", "Länsledning HälSam", "body:lansledning-halsam"),
        ("members-of", "body", "lansledning halsam", "body:lansledning-halsam"),
        ("members-of", "body", "KD/RD", "body:vasternorrland-hogsta-tjansteledning"),
        ("source-quotes", "node", "MOD", "init:mod-demensteam"),
        (
            "plan-diff",
            "new",
            "Färdplan Västernorrland 2026",
            "doc:vasternorrland-fardplan-2026",
        ),
        ("regions-with-theme", "theme", "Mobila team", "theme:mobila-team"),
    ],
)
def test_a_name_gives_the_rows_of_the_node(
    kg: naravard_kg.KnowledgeGraph, query, param, typed, node
):
    rows = kg.query(query, **{param: typed})
    assert rows, f"{query} {param}={node} has an answer to compare"
    assert rows == kg.query(query, **{param: node})


@pytest.mark.parametrize(
    ("param", "typed", "closest"),
    [
        ("body", "body:jonkoping-rekoo", "body:jonkoping-reko"),
        ("body", "Lansledning Halsamm", "body:lansledning-halsam"),
    ],
)
def test_a_misspelt_node_is_an_error_with_the_closest_names(kg, capsys, param, typed, closest):
    with pytest.raises(naravard_kg.NodeNotFound, match=f"closest: {closest} "):
        kg.query("members-of", **{param: typed})
    assert main(["-q", "query", "members-of", "-p", f"{param}={typed}"], graph=kg) == 2
    err = capsys.readouterr().err
    assert f"no node {typed!r} of type nv:Body in the graph; closest: {closest} (" in err
    assert "Traceback" not in err


def test_a_misspelt_theme_is_an_error_not_an_empty_table(kg, capsys):
    assert (
        main(["-q", "query", "regions-with-theme", "-p", "theme=theme:mobile-teams"], graph=kg) == 2
    )
    assert "closest: theme:mobila-team (Mobila team; nv:Theme)" in capsys.readouterr().err


def test_a_name_of_several_nodes_lists_them_with_iri_and_type(kg):
    with pytest.raises(naravard_kg.BadParameter) as error:
        kg.query("responsibility-chain", node="Gotland")
    message = str(error.value)
    assert "'Gotland' names" in message
    first = r"names \d+ nodes: orgid:region-gotland \(Region Gotland; nv:Municipality, nv:Region\);"
    assert re.search(first, message), message
    assert "give one by its prefixed name" in message


def test_a_node_of_another_class_is_refused(kg):
    with pytest.raises(
        naravard_kg.BadParameter,
        match=r"init:mod-demensteam \(.*nv:Initiative\) is not of type nv:Theme",
    ):
        kg.query("regions-with-theme", theme="init:mod-demensteam")


def test_the_python_api_and_the_command_line_resolve_alike(kg, capsys):
    argv = ["-q", "query", "members-of", "-p", "body=Länsledning HälSam"]
    assert main(argv, graph=kg) == 0
    expected = kg.query("members-of", body="body:lansledning-halsam").to_table()
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize(
    "query",
    [
        "regions-with-theme",
        "governance-features",
        "political-collaboration-bodies",
        "transition-leaders",
        "coverage-by-region",
        "coverage-sections",
    ],
)
def test_a_comparison_of_regions_narrows_to_one_region(kg, query):
    everything = kg.query(query)
    region, name = everything[-1]["region"], everything[-1]["regionLabel"]  # e.g. "Region Uppsala"
    one = kg.query(query, region=name)
    assert one and len(one) < len(everything)
    assert one == [r for r in everything if r["region"] == region]


def test_region_option_of_query_and_gaps(kg, capsys):
    assert (
        main(["-q", "query", "transition-leaders", "--region", "Gotland", "-f", "csv"], graph=kg)
        == 0
    )
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and all(
        r.startswith("https://w3id.org/naravard/id/org/region-gotland,") for r in rows
    )
    assert main(["-q", "gaps", "--region", "Gotland", "-f", "csv"], graph=kg) == 0
    assert capsys.readouterr().out == kg.gaps("orgid:region-gotland").to_csv()
    assert main(["-q", "query", "reporting-lines", "--region", "Gotland"], graph=kg) == 2
    assert "has no parameter 'region'" in capsys.readouterr().err


def test_figures_and_coverage_narrow_to_one_region(kg, capsys):
    figures = kg.query("reported-figures", theme="theme:kontinuitet")
    assert figures and {r["area"] for r in figures} == {"Region Västerbotten"}
    assert kg.query("reported-figures", theme="theme:kontinuitet", region="Västerbotten") == figures
    assert kg.query("reported-figures", theme="theme:kontinuitet", region="Gotland") == []
    by_document = kg.query("coverage-by-document", region="Gotland")
    assert {r["documentLabel"] for r in by_document} == {
        "Regionernas arbete med omställningen till god och nära vård 2020"
    }
    gotland = {r["kind"]: r["count"] for r in kg.query("coverage-by-region", region="Gotland")}
    assert {r["kind"]: r["count"] for r in by_document} == gotland
    assert main(["-q", "coverage", "--region", "Gotland"], graph=kg) == 0
    out = capsys.readouterr().out
    assert "Region Gotland" in out and "Region Blekinge" not in out
    assert main(["-q", "coverage", "--region", "Gotlnd"], graph=kg) == 2
    assert "closest: orgid:region-gotland" in capsys.readouterr().err
