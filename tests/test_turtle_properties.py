"""Any file the Turtle loader is given yields a graph the other engines can read, or an
``InputFileError`` naming that file: random and mutated Turtle, broken UTF-8, control
characters, byte-order marks."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from naravard_kg.engines.base import nt_bytes
from naravard_kg.engines.turtle import parse_turtle
from naravard_kg.errors import InputFileError

SEEDS = (
    "@prefix nv: <https://w3id.org/naravard/ontology#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    '<https://w3id.org/naravard/id/a> rdfs:label "a"@sv ;\n'
    '  nv:year "2025"^^xsd:gYear ;\n'
    "  rdfs:seeAlso ( <https://w3id.org/naravard/id/b> [ rdfs:label 'c' ] ) .\n",
    "PREFIX nvid: <https://w3id.org/naravard/id/>\n"
    'nvid:x nvid:p """lång\ntext""" , 1.5 , true , -3 .\n',
)
PIECES = [*"<>\"'@:;.,[]()\\^_#- \n\t\x00\x01\x1f\x7f\ufeffaZ9é", "\\u0001", "_:b"]


@st.composite
def mutated_turtle(draw: st.DrawFn) -> str:
    """A valid Turtle text with a few characters cut or put in at random places."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        put = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
        text = text[:at] + put + text[at + cut :]
    return text


CONTENTS = st.one_of(
    mutated_turtle().map(str.encode),
    st.text(st.characters(codec="utf-8"), max_size=120).map(str.encode),
    st.binary(max_size=120),
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(content=CONTENTS)
def test_any_file_gives_a_graph_or_an_error_naming_it(content: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.ttl"
        path.write_bytes(content)
        try:
            graph = parse_turtle(path)
        except InputFileError as error:
            assert error.path == str(path)
            assert str(error).startswith(f"{path}") and error.problem
        else:  # what is accepted, the other engines can read
            assert len(list(ox.parse(nt_bytes(graph), format=ox.RdfFormat.N_TRIPLES))) == len(graph)
