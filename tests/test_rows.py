"""Rows carry typed values: IRIs, numbers, dates and text, and become a pandas DataFrame.
(That every engine gives values of the same types: ``test_engines``, ``test_endpoint``.)"""

from __future__ import annotations

import json
import pickle
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest

import naravard_kg
from naravard_kg import MissingExtra
from naravard_kg.core.rows import Rows
from naravard_kg.core.values import IRI, literal_value

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_an_iri_reads_as_its_prefixed_name_and_keeps_the_full_iri(
    kg: naravard_kg.KnowledgeGraph,
) -> None:
    rows = kg.query("coverage-by-region")
    region = rows[0]["region"]
    assert isinstance(region, IRI)
    assert region == "orgid:region-blekinge"
    assert region.iri == "https://w3id.org/naravard/id/org/region-blekinge"
    assert pickle.loads(pickle.dumps(region)).iri == region.iri
    assert isinstance(rows[0]["regionLabel"], str)
    assert not isinstance(rows[0]["regionLabel"], IRI)


def test_counts_are_ints_figures_decimals_and_dates_dates(kg: naravard_kg.KnowledgeGraph) -> None:
    counts = kg.query("coverage-by-region")
    blekinge = {r["kind"]: r["count"] for r in counts if r["region"] == "orgid:region-blekinge"}
    assert blekinge["ansvar"] == 3 and type(blekinge["ansvar"]) is int

    figures = kg.query("reported-figures", theme="theme:kontinuitet")
    ten = [r for r in figures if r["value"] == Decimal("10")]
    assert ten and all(type(r["value"]) is Decimal for r in ten)
    assert {r["date"] for r in ten} == {"2024-01"}  # an xsd:gYearMonth stays text

    letter = [
        r
        for r in kg.query("document-dependencies")
        if r["dependency"] == "doc:vasternorrland-avsiktsforklaring-2021"
    ]
    assert letter[0]["date"] == date(2021, 5, 14)


@pytest.mark.parametrize(
    ("lexical", "datatype", "value"),
    [
        ("42", f"{XSD}integer", 42),
        ("007", f"{XSD}nonNegativeInteger", 7),
        ("20.0", f"{XSD}decimal", Decimal("20")),
        ("-4.50", f"{XSD}decimal", Decimal("-4.5")),
        ("1.5E2", f"{XSD}double", 150.0),
        ("true", f"{XSD}boolean", True),
        ("0", f"{XSD}boolean", False),
        ("2021-05-14", f"{XSD}date", date(2021, 5, 14)),
        ("2021-05-14T10:30:00Z", f"{XSD}dateTime", datetime.fromisoformat("2021-05-14T10:30:00Z")),
        ("2025", f"{XSD}gYear", "2025"),
        ("hej", None, "hej"),
        # Text that does not fit its datatype stays the text it is: nothing guessed.
        ("soon", f"{XSD}date", "soon"),
        ("many", f"{XSD}integer", "many"),
        ("1,5", f"{XSD}decimal", "1,5"),
        ("yes", f"{XSD}boolean", "yes"),
    ],
)
def test_a_literal_becomes_the_python_value_of_its_datatype(lexical, datatype, value) -> None:
    got = literal_value(lexical, datatype)
    assert got == value and type(got) is type(value)


def test_tables_csv_and_json_show_the_values_as_text_and_numbers() -> None:
    rows = Rows(
        ["node", "n", "share", "day", "ok", "note"],
        [
            {
                "node": IRI("https://w3id.org/naravard/id/org/region-blekinge"),
                "n": 3,
                "share": Decimal("1.5"),
                "day": date(2021, 5, 14),
                "ok": True,
                "note": None,
            }
        ],
    )
    assert rows.to_csv() == (
        "node,n,share,day,ok,note\norgid:region-blekinge,3,1.5,2021-05-14,true,\n"
    )
    assert json.loads(rows.to_json()) == [
        {
            "node": "orgid:region-blekinge",
            "n": 3,
            "share": 1.5,
            "day": "2021-05-14",
            "ok": True,
            "note": None,
        }
    ]
    assert rows.to_table().splitlines()[2].split() == [
        "orgid:region-blekinge",
        "3",
        "1.5",
        "2021-05-14",
        "true",
    ]


def test_rows_become_a_dataframe_with_typed_columns(kg: naravard_kg.KnowledgeGraph) -> None:
    rows = kg.query("coverage-by-region")
    frame = rows.to_pandas()
    assert list(frame.columns) == rows.columns
    assert len(frame) == len(rows)
    assert str(frame["count"].dtype) == "Int64"
    assert frame["count"].sum() == sum(r["count"] for r in rows)
    assert isinstance(frame["region"][0], IRI)
    assert frame["region"][0].iri == "https://w3id.org/naravard/id/org/region-blekinge"
    figures = kg.query("reported-figures").to_pandas()
    assert Decimal("-4.5") in set(figures["value"])


def test_an_empty_result_is_an_empty_dataframe_with_its_columns() -> None:
    frame = Rows(["a", "b"], []).to_pandas()
    assert list(frame.columns) == ["a", "b"] and frame.empty


def test_without_pandas_to_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"pip install 'naravard-kg\[pandas\]'"):
        Rows(["a"], [{"a": 1}]).to_pandas()
