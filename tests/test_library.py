"""Meta tests over the query library, the checks and the rules: headers, prefixes,
parsing, tests, zero rows, and each file run unchanged on the published graph."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import PROJECT, Build
from rdflib.plugins.sparql import prepareQuery

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.core.prefixes import NAMESPACE_IRIS, sparql_prologue
from naravard_kg.engines.binding import bind_values
from naravard_kg.engines.terms import value_of
from naravard_kg.library.catalogue import REQUIRED_HEADER_KEYS, parse_query_file

QUERIES = PROJECT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
CHECK_FILES = sorted((QUERIES / "checks").glob("*-violation.rq"))
RULE_FILES = sorted((PROJECT / "ontology" / "rules").glob("*.rq"))


def test_the_library_has_at_least_ten_queries():
    assert len(QUERY_FILES) >= 10


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=lambda p: p.stem)
def test_query_has_complete_header_and_parses(path: Path):
    query = parse_query_file(path)
    for key in REQUIRED_HEADER_KEYS:
        assert getattr(query, key), f"{path.name} lacks {key}"
    prepareQuery(query.text)
    assert "ORDER BY" in query.text, f"{path.name} has no ORDER BY: output order would vary"


_NESTED = r"\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*"  # up to three levels of brackets
_ALIAS_OR_VARIABLE = re.compile(_NESTED + r"\s+AS\s+\?(\w+)\)|\?(\w+)")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_order_by_covers_every_column(path: Path):
    """Ties in ORDER BY come out in the engine's hash order: every column must be sorted."""
    text = path.read_text(encoding="utf-8")
    select = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s*WHERE", text, re.DOTALL)
    order = re.search(r"ORDER BY(.*)$", text, re.DOTALL)
    assert select and order
    columns = [a or b for a, b in _ALIAS_OR_VARIABLE.findall(select.group(1))]
    assert set(columns) <= set(re.findall(r"\?(\w+)", order.group(1)))


def _runs(call: ast.Call) -> str | None:
    """The query a call runs: ``x.query("name", ...)`` or ``main([..., "query", "name", ...])``."""
    if isinstance(call.func, ast.Attribute) and call.func.attr == "query" and call.args:
        first = call.args[0]
        return first.value if isinstance(first, ast.Constant) else None
    if isinstance(call.func, ast.Name) and call.func.id == "main" and call.args:
        argv = call.args[0]
        words = [e.value for e in getattr(argv, "elts", []) if isinstance(e, ast.Constant)]
        if "query" in words and words.index("query") + 1 < len(words):
            return words[words.index("query") + 1]
    return None


def _answered_queries() -> dict[str, list[str]]:
    """Query name -> the tests that run it and assert a value from the documents: a test
    function that calls it by name and has an ``assert`` holding a string other than
    query names (a label, a status, a quote), not only a count or a truth value. The
    tests of bad input are left out: their strings are error messages."""
    names = {p.stem for p in QUERY_FILES}
    found: dict[str, list[str]] = {}
    for source in sorted(Path(__file__).parent.glob("test_*.py")):
        if source.name == "test_bad_input.py":  # its asserts are about errors, not answers
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or not function.name.startswith("test"):
                continue
            runs = {
                q
                for node in ast.walk(function)
                if isinstance(node, ast.Call) and (q := _runs(node))
            }
            expected = {
                node.value
                for statement in ast.walk(function)
                if isinstance(statement, ast.Assert)
                for node in ast.walk(statement.test)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            }
            if expected - names:
                for query in runs & names:
                    found.setdefault(query, []).append(f"{source.name}::{function.name}")
    return found


ANSWERED = _answered_queries()


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_has_a_test_with_a_real_answer(path: Path):
    assert ANSWERED.get(path.stem), (
        f"no test runs {path.stem} and asserts an answer the documents give"
    )


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_example_is_a_cli_call_of_itself(path: Path):
    query = parse_query_file(path)
    assert query.example.startswith(f"naravard-kg query {path.stem}")


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_check_returns_no_rows_on_the_real_graph(kg: naravard_kg.KnowledgeGraph, path: Path):
    rows = kg.sparql(parse_query_file(path).text)
    assert rows == [], rows.to_table()


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_check_header_says_problem_and_fix(path: Path):
    text = path.read_text(encoding="utf-8")
    assert "# problem:" in text and "# fix:" in text


def test_every_quote_is_found_in_the_corpus(kg: naravard_kg.KnowledgeGraph):
    problems = kg.quote_problems()
    assert problems == [], "\n".join(map(str, problems))


def test_quote_check_catches_a_quote_that_is_not_in_the_source(project_copy, edit_graph_file):
    edit_graph_file(
        "vasternorrland-fardplan-2026.ttl",
        "Återrapport till KD/RD två gånger per år från Länsledningens presidium.",
        "Återrapport till KD/RD fyra gånger per år från Länsledningens presidium.",
    )
    problems = naravard_kg.load(project_copy, reason=False).quote_problems()
    assert len(problems) == 1 and "fyra gånger" in str(problems[0])
    assert "ev:vn2026-aterrapport" in str(problems[0])


def test_holder_check_catches_a_holder_its_passages_do_not_name(project_copy, edit_graph_file):
    """The quote names Länsledning HälSam; a responsibility moved to another holder is
    caught, and passes again once a scope note says how the text gives that holder."""
    moved = (
        "    nv:holder body:vasternorrland-hogsta-tjansteledning ;\n"
        "    nv:task task:plan ;\n    nv:object doc:vasternorrland-fardplan ;\n"
        "    prov:wasDerivedFrom ev:vn2025-planera-kommande ."
    )
    old = moved.replace("body:vasternorrland-hogsta-tjansteledning", "body:lansledning-halsam")
    edit_graph_file("vasternorrland-fardplan-2025.ttl", old, moved)
    check = "responsibility-holder-not-in-quote-violation"
    rows = naravard_kg.load(project_copy, reason=False).run_checks()[check]
    assert [(r["responsibility"], r["holder"]) for r in rows] == [
        ("resp:ll-planera-kommande-ar", "body:vasternorrland-hogsta-tjansteledning")
    ]
    noted = moved.replace(
        "    nv:task", '    skos:scopeNote "Tolkning: se avsnitt 5.1."@sv ;\n    nv:task'
    )
    edit_graph_file("vasternorrland-fardplan-2025.ttl", moved, noted)
    assert not naravard_kg.load(project_copy, reason=False).run_checks()[check]


def test_check_fails_on_a_term_the_ontology_does_not_define(project_copy, edit_graph_file, capsys):
    """A misspelt predicate is valid Turtle and passes the shapes; the closed-world check
    names the file, the node, the term and the defined term closest to it."""
    name = "vasternorrland-fardplan-2025.ttl"
    edit_graph_file(
        name,
        "    nv:owner body:lansledning-halsam ;\n    nv:targetGroup tg:barn-och-unga ;",
        "    nv:owner body:lansledning-halsam ;\n    nv:targetGrop tg:barn-och-unga ;",
    )
    graph = naravard_kg.load(project_copy)
    assert graph.validate().conforms
    assert main(["-q", "check"], graph=graph) == 1
    out = capsys.readouterr().out
    assert "FAIL  undefined-term-violation (1 row(s))" in out
    assert f"graph/{name}" in out and "nv:targetGrop" in out
    edit_graph_file(name, "a nv:Initiative ;", "a nv:Initiativ ;")
    rows = naravard_kg.load(project_copy, reason=False).run_checks()["undefined-term-violation"]
    found = [(r["file"], str(r["node"]), r["use"], str(r["term"]), str(r["closest"])) for r in rows]
    assert found == [
        (f"graph/{name}", "init:barnsakert-0-6-ar", "predicate", "nv:targetGrop", "nv:targetGroup"),
        (f"graph/{name}", "init:handlingsplan-beroende-och-skadligt-bruk", "class", "nv:Initiativ",
         "nv:Initiative"),
    ]  # fmt: skip


_PREFIX_LINE = re.compile(r"^(?i:PREFIX)\s+([A-Za-z][\w.-]*|):\s*<([^>]*)>[ \t]*\n", re.MULTILINE)
_NOT_CODE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
"""Strings, IRIs and comments: where a colon is not part of a prefixed name."""
_PREFIXED_NAME = re.compile(r"(?<![\w?$.:-])([A-Za-z][\w.-]*)?:")


def _used_prefixes(text: str) -> set[str]:
    """The prefixes of the prefixed names in the query ``text`` (not in its PREFIX lines)."""
    code = _NOT_CODE.sub(" ", _PREFIX_LINE.sub("", text))
    return {match.group(1) or "" for match in _PREFIXED_NAME.finditer(code)}


def _after_header(text: str) -> str:
    """``text`` without its leading comment lines (the header)."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "".join(lines[start:])


def test_the_prefix_check_reads_prefixed_names_only_in_the_query():
    text = (
        "PREFIX nv: <https://w3id.org/naravard/ontology#>\n"
        'SELECT * { ?s a nv:X ; rdfs:label "skos:no" . <http://x/#owl:y> ?p ?o } # sh:no\n'
    )
    assert _used_prefixes(text) == {"nv", "rdfs"}


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES + RULE_FILES, ids=lambda p: p.stem)
def test_file_declares_the_prefixes_it_uses_with_the_project_iris(path: Path):
    """Every file is standalone SPARQL: right after its header, the PREFIX lines of exactly
    the prefixes it uses, with the IRIs of ``NAMESPACE_IRIS`` (one table, no drift), in
    the table's order."""
    text = path.read_text(encoding="utf-8")
    declared = dict(_PREFIX_LINE.findall(text))
    used = _used_prefixes(text)
    assert used <= declared.keys(), f"{path.name} does not declare {sorted(used - set(declared))}"
    assert declared.keys() <= used, f"{path.name} never uses {sorted(set(declared) - used)}"
    drift = {p: iri for p, iri in declared.items() if NAMESPACE_IRIS.get(p) != iri}
    assert not drift, f"{path.name} declares IRIs that NAMESPACE_IRIS does not give: {drift}"
    expected = sparql_prologue(used)
    assert _after_header(text).startswith(expected), (
        f"{path.name} should go on, right after its header, with:\n{expected}"
    )


@pytest.fixture(scope="module")
def published(built: Build) -> ox.Store:
    """The built ``out/naravard.ttl`` (ontology, asserted and inferred triples) in a plain
    pyoxigraph store: no code of the project between a query file and the graph."""
    store = ox.Store()
    store.bulk_load(path=str(built.out / "naravard.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def _answer(store: ox.Store, text: str) -> tuple[list[str], list[dict[str, object]]]:
    """The columns and rows of a SELECT query, every term as the value a row holds."""
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    columns = [variable.value for variable in solutions.variables]
    return columns, [{c: value_of(solution[c]) for c in columns} for solution in solutions]


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_runs_unchanged_in_pyoxigraph(
    kg: naravard_kg.KnowledgeGraph, published: ox.Store, path: Path
):
    """The file as written, only its example's parameters bound as the project binds them,
    gives the rows of ``kg.query``."""
    query = parse_query_file(path)
    params = query.example_params()
    text = bind_values(path.read_text(encoding="utf-8"), query.bindings(params))
    expected = kg.query(query.name, **params)
    assert expected, f"{path.name}: its example has no answer to compare"
    assert _answer(published, text) == (expected.columns, list(expected))


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.stem)
def test_check_file_runs_unchanged_in_pyoxigraph(published: ox.Store, path: Path):
    columns, rows = _answer(published, path.read_text(encoding="utf-8"))
    assert columns and rows == [], rows
