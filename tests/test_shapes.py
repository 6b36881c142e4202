"""The SHACL shapes of shapes/: examples, the real graph, and coverage of classes and messages.

Every ``tests/data/valid/*.ttl`` conforms on its own. Every ``tests/data/invalid/*.ttl``
starts with two header lines::

    # expect-shape: nvsh:XyzShape
    # expect-message: <a substring of the sh:message>

and fails with a violation of that node shape (directly, for SPARQL constraints, or
through one of its property shapes, which are named ``nvsh:XyzShape-<what>``) whose
message contains the expected text; no other shape may fail, so each file has exactly
one thing wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

import naravard_kg
from naravard_kg.core.namespaces import NV, PREFIXES, SH
from naravard_kg.core.terms import term_to_text
from naravard_kg.engines.shacl_report import Report, ValidationResult

HERE = Path(__file__).parent
DATA = HERE / "data"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
SHAPES_DIR = HERE.parent / "shapes"
SHAPE_FILES = sorted(SHAPES_DIR.glob("*.ttl"))
ONTOLOGY = HERE.parent / "ontology" / "naravard.ttl"
# Areas with their own shapes file; each has at least one valid example named <area>-*.ttl.
AREAS = (
    "actors",
    "bodies",
    "responsibilities",
    "documents",
    "initiatives",
    "goals",
    "provenance",
)
HEADER = re.compile(r"^# expect-(shape|message): (.+?)\s*$")
# Node shapes with violation-level constraints but no invalid example, and why.
NO_INVALID_EXAMPLE = {
    # nv:guidingPrinciple and nv:prioritisedTargetGroup have rdfs:range, so in the OWL RL
    # closure the class checks always hold; a wrong value fails GuidingPrincipleShape or
    # TargetGroupShape instead (the checks matter when validating without reasoning).
    "nvsh:PlanShape",
}


def _name(path: Path) -> str:
    return path.name


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for path in SHAPE_FILES:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def owner_of(shapes: Graph) -> dict[str, str]:
    """Property shape or SPARQL constraint -> its node shape (prefixed names, as in reports)."""
    return {
        _text(constraint): _text(node)
        for predicate in (SH.property, SH.sparql)
        for node, constraint in shapes.subject_objects(predicate)
    }


def _text(term: Node) -> str:
    return term_to_text(term) or ""


def _headers(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    found = dict(m.groups() for m in map(HEADER.match, lines) if m)
    assert set(found) == {"shape", "message"}, (
        f"{path.name} must start with '# expect-shape: ...' and '# expect-message: ...'"
    )
    return found


def _validate(path: Path) -> Report:
    return naravard_kg.load(data=[path]).validate()


def _node_shape(result: ValidationResult, owner_of: dict[str, str]) -> str:
    return owner_of.get(result.source_shape, result.source_shape)


# ---------------------------------------------------------------- examples


def test_examples_are_there() -> None:
    assert len(INVALID) >= 15
    for area in AREAS:
        assert (SHAPES_DIR / f"{area}.shapes.ttl").is_file(), f"shapes/{area}.shapes.ttl missing"
        assert any(p.name.startswith(f"{area}-") for p in VALID), (
            f"no valid example tests/data/valid/{area}-*.ttl"
        )


@pytest.mark.parametrize("path", VALID, ids=_name)
def test_valid_example_conforms(path: Path) -> None:
    report = _validate(path)
    assert report.conforms, report.text()
    assert not report.results, report.text()


@pytest.mark.parametrize("path", INVALID, ids=_name)
def test_invalid_example_fails_as_its_header_says(path: Path, owner_of: dict[str, str]) -> None:
    expected = _headers(path)
    report = _validate(path)
    assert not report.conforms, f"{path.name} conforms but should not:\n{report.text()}"
    matching = [
        r
        for r in report.violations
        if _node_shape(r, owner_of) == expected["shape"]
        and expected["message"] in r.message
        and (r.focus_label or r.focus)
    ]
    assert matching, (
        f"no violation of {expected['shape']} with message containing "
        f"{expected['message']!r}:\n{report.text()}"
    )
    others = {_node_shape(r, owner_of) for r in report.results} - {expected["shape"]}
    assert not others, f"{path.name} should have exactly one thing wrong:\n{report.text()}"


@pytest.mark.parametrize("path", INVALID, ids=_name)
def test_invalid_header_names_a_shape_and_its_message(
    path: Path, shapes: Graph, owner_of: dict[str, str]
) -> None:
    expected = _headers(path)
    node_shapes = {_text(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert expected["shape"] in node_shapes
    messages = [
        str(message)
        for constraint, message in shapes.subject_objects(SH.message)
        if expected["shape"] in (owner_of.get(_text(constraint)), _text(constraint))
    ]
    assert any(expected["message"] in m for m in messages), messages


def test_every_node_shape_with_violations_has_an_invalid_example(
    shapes: Graph, owner_of: dict[str, str]
) -> None:
    covered = {_headers(p)["shape"] for p in INVALID}
    needing = set()
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        constraints = [*shapes.objects(node, SH.property), *shapes.objects(node, SH.sparql)]
        severities = {
            shapes.value(c, SH.severity) or shapes.value(node, SH.severity) for c in constraints
        }
        if severities & {SH.Violation}:
            needing.add(_text(node))
    missing = needing - covered - NO_INVALID_EXAMPLE
    assert not missing, f"node shapes without an invalid example: {sorted(missing)}"


def test_source_document_without_source_file_is_only_a_warning(tmp_path: Path) -> None:
    original = (DATA / "valid" / "provenance-evidence-and-sources.ttl").read_text(encoding="utf-8")
    line = '    nv:sourceFile "reference/exempel-tabell.tsv" ;\n'
    assert line in original
    path = tmp_path / "source-without-file.ttl"
    path.write_text(original.replace(line, ""), encoding="utf-8")
    report = _validate(path)
    assert report.conforms, report.text()
    warnings = [r for r in report.results if r.severity == "Warning"]
    assert [(w.source_shape, w.focus) for w in warnings] == [
        ("nvsh:EvidenceSourceShape-sourceFile", "doc:exempel-tabell")
    ], report.text()
    assert "nv:sourceFile" in warnings[0].message


# ---------------------------------------------------------------- the real graph


def test_real_graph_conforms(kg: naravard_kg.KnowledgeGraph) -> None:
    report = kg.validate()
    assert report.conforms, report.text()
    assert not report.violations, report.text()


# ---------------------------------------------------------------- coverage and house style


def test_every_ontology_class_is_the_target_of_a_shape(shapes: Graph) -> None:
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    classes = {
        c
        for c in ontology.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and c.startswith(str(NV))
    }
    assert classes, "no nv: classes found in the ontology"
    targeted = set(shapes.objects(None, SH.targetClass))
    missing = sorted(_text(c) for c in classes - targeted)
    assert not missing, f"nv: classes no shape targets: {missing}"


def test_every_constraint_has_a_message_and_a_severity(shapes: Graph) -> None:
    problems = []
    for predicate in (SH.property, SH.sparql):
        for node, constraint in shapes.subject_objects(predicate):
            where = f"{_text(node)} {_text(predicate)} {_text(constraint)}"
            if shapes.value(constraint, SH.message) is None:
                problems.append(f"{where}: no sh:message")
            if shapes.value(constraint, SH.severity) is None and predicate == SH.property:
                problems.append(f"{where}: no sh:severity")
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        if shapes.value(node, SH.severity) is None:
            problems.append(f"{_text(node)}: no sh:severity")
    assert not problems, "\n".join(problems)


TEXTS = {SH.message: 150, RDFS.comment: 9, RDFS.label: 50}
"""What shapes say to people, and (at least) how many shapes say it."""


@pytest.mark.parametrize("predicate", TEXTS, ids=_text)
def test_every_message_comment_and_label_is_in_swedish_and_english(
    shapes: Graph, predicate: URIRef
) -> None:
    """Each shape or constraint says it once in Swedish and once in English, never untagged."""
    nodes = set(shapes.subjects(predicate, None))
    assert len(nodes) >= TEXTS[predicate]
    wrong = {
        _text(node): languages
        for node in nodes
        if (languages := sorted(_language(t) for t in shapes.objects(node, predicate)))
        != ["en", "sv"]
    }
    assert not wrong, f"{_text(predicate)} not one @en and one @sv: {wrong}"


def _language(term: Node) -> str:
    """The language tag of a literal; "untagged" for a plain literal or any other term."""
    return (term.language if isinstance(term, Literal) else None) or "untagged"


EXAMPLES_IN_TWO_LANGUAGES = {
    # a property shape, and a SPARQL constraint whose message is a template
    "initiative-without-theme.ttl": ("Initiativet har inget nv:theme", "Initiative has no"),
    "document-period-ends-before-start.ttl": (
        "Dokumentets giltighetsperiod slutar (2024-12-31) innan den börjar (2025-01-24)",
        "Document's period of validity ends",
    ),
}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", sorted(EXAMPLES_IN_TWO_LANGUAGES))
def test_report_in_the_language_asked_for(engine: str, name: str) -> None:
    """``validate(lang=...)`` gives each result one message, in that language, in the
    printed report and in the report graph alike, with either engine."""
    kg = naravard_kg.load(data=[DATA / "invalid" / name], engine=engine, cache=False)
    swedish, english = EXAMPLES_IN_TWO_LANGUAGES[name]
    for lang, shown, hidden in (("sv", swedish, english), ("en", english, swedish)):
        report = kg.validate(lang=lang)
        (result,) = report.results
        assert shown in result.message and hidden not in report.text(), report.text()
        messages = [str(m) for m in report.graph.objects(None, SH.resultMessage)]
        assert messages == [result.message], messages
    assert kg.validate().results == report.results, "English unless asked otherwise"


def test_report_in_an_unknown_language_is_refused() -> None:
    kg = naravard_kg.load(data=[DATA / "invalid" / "initiative-without-theme.ttl"])
    with pytest.raises(
        naravard_kg.BadParameter, match="unknown language 'de' for lang; use one of en, sv"
    ):
        kg.validate(lang="de")


def test_constraints_are_named_after_their_node_shape(owner_of: dict[str, str]) -> None:
    wrong = {c: n for c, n in owner_of.items() if not c.startswith(f"{n}-")}
    assert not wrong, (
        f"property shapes and SPARQL constraints not named <NodeShape>-<what>: {wrong}"
    )


def test_sparql_prefix_declarations_match_the_namespaces_module(shapes: Graph) -> None:
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    assert declared
    assert declared == {p: str(PREFIXES[p]) for p in declared}
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.prefixes) is not None, _text(constraint)
