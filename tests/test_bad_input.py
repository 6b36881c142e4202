"""Bad input gives a clear error naming file, line and problem, exit code 2, and writes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef

import naravard_kg
from naravard_kg.cli import main
from naravard_kg.core.namespaces import NV, NVID, SH
from naravard_kg.views.rdf_export import skolemize

GOOD_HEAD = (
    "@prefix nv: <https://w3id.org/naravard/ontology#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)

BROKEN_TURTLE = {
    "syntax": (
        GOOD_HEAD + '<https://w3id.org/naravard/id/x> rdfs:label "x"@sv\n<a> <b> .\n',
        5,
        "Turtle syntax error",
    ),
    "undefined-prefix": (GOOD_HEAD + 'nope:x rdfs:label "x"@sv .\n', 4, 'Prefix "nope:" not bound'),
    "iri-with-space": (
        GOOD_HEAD + '<https://w3id.org/naravard/id/a b> rdfs:label "x"@sv .\n',
        4,
        "invalid IRI",
    ),
    "iri-with-control-character": (
        GOOD_HEAD + '<https://w3id.org/naravard/id/a\x01b> rdfs:label "x"@sv .\n',
        4,
        "invalid IRI <https://w3id.org/naravard/id/a\\u0001b>",
    ),
    "iri-with-escaped-control-character": (
        GOOD_HEAD
        + "<https://w3id.org/naravard/id/x> rdfs:seeAlso\n"
        + "  <https://w3id.org/naravard/id/a\\u007Fb> .\n",
        5,
        "invalid IRI <https://w3id.org/naravard/id/a\\u007Fb>",
    ),
    "relative-iri": (
        GOOD_HEAD + "<https://w3id.org/naravard/id/x> rdfs:seeAlso\n  <foo> .\n",
        5,
        "relative IRI <foo>",
    ),
    "deep-nesting": (
        GOOD_HEAD
        + "<https://w3id.org/naravard/id/x> rdfs:seeAlso\n"
        + "[ rdfs:seeAlso " * 10_000
        + "<https://w3id.org/naravard/id/y>"
        + " ]" * 10_000
        + " .\n",
        5,
        "brackets nested too deeply",
    ),
    "wrong-datatype": (
        GOOD_HEAD + '<https://w3id.org/naravard/id/x> nv:year "soon"^^xsd:gYear .\n',
        4,
        "is not a valid",
    ),
}


def _write_broken(root: Path, text: str) -> Path:
    path = root / "graph" / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BROKEN_TURTLE))
def test_library_names_file_line_and_problem(project_copy: Path, case: str):
    text, line, problem = BROKEN_TURTLE[case]
    path = _write_broken(project_copy, text)
    with pytest.raises(naravard_kg.InputFileError) as error:
        naravard_kg.load(project_copy)
    assert error.value.path.endswith("broken.ttl")
    assert error.value.line == line
    assert problem in error.value.problem
    assert f"broken.ttl:{line}:" in str(error.value)
    assert path.read_text(encoding="utf-8") == text  # the input is left as it was


@pytest.mark.parametrize("case", sorted(BROKEN_TURTLE))
def test_cli_build_exits_2_and_writes_nothing(
    project_copy: Path, tmp_path: Path, capsys, case: str
):
    text, line, problem = BROKEN_TURTLE[case]
    _write_broken(project_copy, text)
    out = tmp_path / "out"
    code = main(["--root", str(project_copy), "-q", "build", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert f"broken.ttl:{line}: " in captured.err and problem in captured.err
    assert captured.out == ""
    assert not out.exists()


def test_a_byte_order_mark_is_read_past(project_copy: Path):
    text = GOOD_HEAD + '<https://w3id.org/naravard/id/bom> rdfs:label "med BOM"@sv .\n'
    (project_copy / "graph" / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    graph = naravard_kg.load(project_copy, cache=False).asserted
    label = graph.value(NVID.bom, RDFS.label)
    assert label == Literal("med BOM", lang="sv")


def test_a_long_rdf_list_is_exported_whole(tmp_path: Path):
    items = [f'"punkt {n}"' for n in range(3000)]
    path = tmp_path / "list.ttl"
    path.write_text(GOOD_HEAD + f"<{NVID}x> rdfs:seeAlso ( {' '.join(items)} ) .\n", "utf-8")
    graph = naravard_kg.load(data=[path], reason=False)
    exported = Graph().parse(graph.export(tmp_path / "out.ttl", part="asserted"))
    assert len(exported) == len(graph.asserted) == 1 + 2 * 3000
    assert {str(o) for o in exported.objects(None, RDF.first)} == {
        f"punkt {n}" for n in range(3000)
    }
    assert not any(isinstance(term, BNode) for triple in exported for term in triple)


def test_blank_node_cycles_get_the_same_names_every_time():
    text = "_:a <https://x.invalid/p> _:b . _:b <https://x.invalid/p> _:a , _:c .\n"
    names = [set(skolemize(Graph().parse(data=text, format="turtle"))) for _ in range(5)]
    assert all(found == names[0] for found in names)
    assert len({s for s, _, _ in names[0]}) == 2


def test_linked_folders_and_every_turtle_suffix_are_loaded(project_copy: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "above").symlink_to(project_copy / "graph")  # a loop: followed once only
    (project_copy / "graph" / "linked").symlink_to(outside)
    names = {"linked": outside / "linked.ttl"}
    names |= {stem: project_copy / "graph" / f"{stem}.{stem}" for stem in ("TTL", "turtle")}
    for stem, path in names.items():
        path.write_text(GOOD_HEAD + f'<{NVID}{stem}> rdfs:label "{stem}"@sv .\n', "utf-8")
    graph = naravard_kg.load(project_copy, cache=False, reason=False)
    for stem in names:
        assert (NVID[stem], RDFS.label, Literal(stem, lang="sv")) in graph.asserted
    assert graph.source_files[NVID.linked] == ("graph/linked/linked.ttl",)
    assert graph.source_files[NVID.turtle] == ("graph/turtle.turtle",)


def test_missing_data_file(tmp_path: Path, capsys):
    missing = tmp_path / "nowhere.ttl"
    with pytest.raises(naravard_kg.InputFileError, match="file not found"):
        naravard_kg.load(data=[missing])
    assert main(["-q", "--data", str(missing), "validate"]) == 2
    assert f"{missing}: file not found" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_data_that_is_not_a_regular_file_is_refused_unread(tmp_path: Path, capsys, kind: str):
    path = {"device": Path("/dev/zero"), "fifo": tmp_path / "pipe.ttl", "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    assert main(["-q", "--data", str(path), "validate"]) == 2
    captured = capsys.readouterr()
    assert f"{path}: not a regular file (a device, FIFO or folder)" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_a_file_over_the_input_limit_names_it_and_how_to_raise_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    path = tmp_path / "big.ttl"
    padding = f"# {'x' * 1000}\n" * 1500  # 1.5 MB of comments
    path.write_text(padding + GOOD_HEAD + f'<{NVID}big> rdfs:label "stor"@sv .\n', "utf-8")
    monkeypatch.setenv("NARAVARD_MAX_INPUT_MB", "1")
    assert main(["-q", "--data", str(path), "validate"]) == 2
    error = capsys.readouterr().err
    assert f"{path}: larger than 1 MB; set NARAVARD_MAX_INPUT_MB" in error
    monkeypatch.setenv("NARAVARD_MAX_INPUT_MB", "2")
    assert (NVID.big, RDFS.label, Literal("stor", lang="sv")) in naravard_kg.load(
        data=[path], reason=False
    ).asserted


def test_a_bad_input_limit_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("NARAVARD_MAX_INPUT_MB", "lots")
    assert main(["-q", "--data", str(tmp_path / "any.ttl"), "validate"]) == 2
    assert "NARAVARD_MAX_INPUT_MB='lots' is not a positive whole number" in capsys.readouterr().err


def _chain(path: Path, prop: str, links: int) -> Path:
    head = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n" + GOOD_HEAD
    lines = [f"<{NVID}n{n}> {prop} <{NVID}n{n + 1}> .\n" for n in range(links)]
    path.write_text(head + "".join(lines), "utf-8")
    return path


@pytest.mark.parametrize(("prop", "inferred"), [("nv:answersTo", "1,770"), ("owl:sameAs", "3,540")])
def test_an_inference_blow_up_is_stopped_before_reasoning(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys, prop: str, inferred: str
):
    data = _chain(project_copy / "chain.ttl", prop, 60)
    monkeypatch.setenv("NARAVARD_MAX_INFERRED", "1000")
    assert main(["-q", "--root", str(project_copy), "--data", str(data), "validate"]) == 2
    error = capsys.readouterr().err
    assert "reasoning would infer more than 1,000 triples from 60 asserted ones" in error
    assert f"({inferred} of them {prop}" in error and "set NARAVARD_MAX_INFERRED" in error
    assert "Traceback" not in error
    monkeypatch.setenv("NARAVARD_MAX_INFERRED", "10000")
    graph = naravard_kg.load(project_copy, data=[data], cache=False)
    full = URIRef(prop.replace("nv:", str(NV)).replace("owl:", str(OWL)))
    assert (NVID.n0, full, NVID.n60) in graph.inferred


def test_the_inference_limit_holds_for_what_no_chain_foretells(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    data = project_copy / "region.ttl"
    data.write_text(GOOD_HEAD + f"<{NVID}a> a nv:Region .\n", "utf-8")  # six types follow
    monkeypatch.setenv("NARAVARD_MAX_INFERRED", "3")
    with pytest.raises(naravard_kg.InferenceLimit) as error:
        naravard_kg.load(project_copy, data=[data], cache=False)
    assert "more than 3 triples from 1 asserted ones (4 of them rdf:type" in str(error.value)


def test_unknown_query_name(kg, capsys):
    with pytest.raises(naravard_kg.QueryNotFound, match="no query named 'responsibility-chian'"):
        kg.query("responsibility-chian")
    assert main(["-q", "query", "no-such-query"], graph=kg) == 2
    assert "naravard-kg queries" in capsys.readouterr().err


def test_missing_parameter(kg, capsys):
    with pytest.raises(naravard_kg.MissingParameter, match="needs parameter 'node'"):
        kg.query("responsibility-chain")
    assert main(["-q", "query", "source-quotes"], graph=kg) == 2
    assert "needs parameter 'node'" in capsys.readouterr().err


def test_unknown_parameter(kg, capsys):
    with pytest.raises(naravard_kg.BadParameter, match="has no parameter 'initiative'"):
        kg.query("responsibility-chain", initiative="init:mod-demensteam")
    assert main(["-q", "query", "plan-diff", "-p", "older=x"], graph=kg) == 2
    assert main(["-q", "query", "plan-diff", "-p", "noequals"], graph=kg) == 2
    assert "NAME=VALUE" in capsys.readouterr().err


@pytest.mark.parametrize(
    "value",
    ['"} ; DROP ALL ; {"', "> . ?s ?p ?o <", "init:x> . ?s ?p ?o . <init:y", "javascript:1"],
)
def test_injection_attempts_are_rejected_and_change_nothing(kg, value: str):
    count = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    before = kg.sparql(count)  # counted in the store the queries run on
    with pytest.raises(naravard_kg.NaravardError, match=r"is not an IRI|no node .* in the graph"):
        kg.query("source-quotes", node=value)
    assert kg.sparql(count) == before
    assert before[0]["triples"] == len(kg.graph)


def test_a_well_formed_but_unknown_iri_is_an_error_not_an_empty_answer(kg):
    with pytest.raises(naravard_kg.NodeNotFound, match="no node 'init:does-not-exist'"):
        kg.query("source-quotes", node="init:does-not-exist")


def test_query_file_without_header(project_copy: Path, capsys):
    (project_copy / "queries" / "headless.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(naravard_kg.InputFileError, match=r"headless\.rq:1: query header lacks"):
        naravard_kg.load(project_copy, reason=False).query("headless")
    assert main(["--root", str(project_copy), "-q", "queries"]) == 2
    assert "headless.rq:1: query header lacks 'title:'" in capsys.readouterr().err


def test_bad_format_and_usage_exit_2(kg, capsys):
    assert main(["query", "plan-diff", "-f", "yaml"], graph=kg) == 2
    assert main([]) == 2
    assert main(["--help"]) == 0
    assert "Exit codes" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["validate", "build"])
def test_an_unknown_report_language_exits_2_naming_the_option(tmp_path: Path, capsys, command: str):
    out = tmp_path / "out"
    where = ["--out", str(out)] if command == "build" else ["--report", str(out)]
    assert main(["-q", command, "--lang", "de", *where]) == 2
    err = capsys.readouterr().err
    assert "argument --lang: invalid choice: 'de' (choose from" in err
    assert "Traceback" not in err and not out.exists()


def test_shacl_violation_is_a_report_with_exit_code_1(
    project_copy: Path, edit_graph_file, tmp_path: Path, capsys
):
    edit_graph_file(
        "vasternorrland-fardplan-2026.ttl",
        "    nv:task task:steer-resources ;\n    nv:object doc:vasternorrland-fardplan",
        "    nv:object doc:vasternorrland-fardplan",
    )
    code = main(["--root", str(project_copy), "-q", "validate"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Does NOT conform" in out
    assert "resp:ll-sakerstalla-finansiering" in out
    assert "«Länsledningen säkerställer finansiering och personella resurser" in out
    assert "nv:task" in out
    assert "graph/vasternorrland-fardplan-2026.ttl" in out
    out_dir = tmp_path / "out"
    assert main(["--root", str(project_copy), "-q", "build", "--out", str(out_dir)]) == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["validation.txt"]


def test_unknown_export_format_and_part_exit_2(kg, tmp_path: Path, capsys):
    with pytest.raises(naravard_kg.BadParameter, match=r"cannot tell the RDF format of .*\.xml"):
        kg.export(tmp_path / "graph.xml")
    with pytest.raises(naravard_kg.BadParameter, match="unknown RDF format 'rdfxml'"):
        kg.export(tmp_path / "graph.ttl", fmt="rdfxml")
    with pytest.raises(naravard_kg.BadParameter, match="unknown part 'some'"):
        kg.export(tmp_path / "graph.ttl", part="some")
    assert list(tmp_path.iterdir()) == []


def test_a_figure_path_that_cannot_be_written_exits_2(kg, tmp_path: Path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    stem = blocker / "chain"
    assert main(["-q", "chain", "init:mod-demensteam", "--figure", str(stem)], graph=kg) == 2
    err = capsys.readouterr().err
    assert f"cannot write the picture {stem}.png" in err
    assert "Traceback" not in err


def test_a_root_without_ontology_or_graph_is_named(project_copy: Path, tmp_path: Path, capsys):
    shutil.rmtree(project_copy / "graph")
    with pytest.raises(naravard_kg.NaravardError, match=r"project/graph: no Turtle files"):
        naravard_kg.load(project_copy)
    shutil.rmtree(project_copy / "ontology")
    assert main(["--root", str(project_copy), "-q", "gaps"]) == 2
    assert "project/ontology: no Turtle files" in capsys.readouterr().err
    assert main(["--root", str(tmp_path / "nowhere"), "-q", "gaps"]) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err


def test_zero_triples_never_conform(project_copy: Path, capsys):
    for path in (project_copy / "graph").rglob("*.ttl"):
        path.write_text("@prefix nv: <https://w3id.org/naravard/ontology#> .\n")
    assert main(["--root", str(project_copy), "-q", "validate"]) == 2
    assert "hold no triples" in capsys.readouterr().err
    assert main(["--root", str(project_copy), "--engine", "rdflib", "-q", "validate"]) == 2


def test_a_root_of_ones_own_takes_the_package_queries_and_shapes(project_copy: Path, capsys):
    shutil.rmtree(project_copy / "queries")
    shutil.rmtree(project_copy / "shapes")
    assert main(["--root", str(project_copy), "-q", "queries"]) == 0
    assert "responsibility-chain  node=<iri>" in capsys.readouterr().out
    assert main(["--root", str(project_copy), "-q", "validate"]) == 0
    (project_copy / "queries").mkdir()
    assert main(["--root", str(project_copy), "-q", "queries"]) == 2
    assert "no queries here" in capsys.readouterr().err


def test_check_without_the_corpus_says_so_once(kg, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("NARAVARD_SHARED", str(tmp_path))
    assert main(["-q", "check"], graph=kg) == 0
    out = capsys.readouterr().out
    assert out.count("skip") == 1 and out.count("\n") < 20
    assert f"{tmp_path / 'corpus'}: no corpus here" in out


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_validate_writes_the_shacl_report_graph(
    project_copy: Path, edit_graph_file, tmp_path: Path, engine: str
):
    edit_graph_file(
        "vasternorrland-fardplan-2026.ttl",
        "    nv:task task:steer-resources ;\n    nv:object doc:vasternorrland-fardplan",
        "    nv:object doc:vasternorrland-fardplan",
    )
    path = tmp_path / "report.ttl"
    argv = ["--root", str(project_copy), "--engine", engine, "-q", "validate", "--report"]
    assert main([*argv, str(path)]) == 1
    report = Graph().parse(path)
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = set(report.objects(node, SH.result))
    focus = {report.value(r, SH.focusNode) for r in results}
    assert URIRef(NVID["responsibility/ll-sakerstalla-finansiering"]) in focus
    violations = [r for r in results if report.value(r, SH.resultSeverity) == SH.Violation]
    assert len(violations) == 1


def _entries(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its text, by path relative to ``folder``."""
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def old_build(tmp_path: Path) -> Path:
    """An output folder holding a previous build's file, alone in its parent folder."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "naravard.ttl").write_text("old build", encoding="utf-8")
    return out


def _no_load(*_args, **_kwargs):
    raise AssertionError("the graph was loaded before the output folder was checked")


@pytest.mark.parametrize("where", ["a-file", "/dev/full", "a-file/out"])
def test_build_into_what_is_not_a_folder_exits_2_before_any_work(
    tmp_path: Path, monkeypatch, capsys, where: str
):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    out = where if where.startswith("/") else str(tmp_path / where)
    monkeypatch.setattr("naravard_kg.kg.load", _no_load)
    assert main(["-q", "build", "--out", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"naravard-kg: error: {out}") or f"outputs to {out}:" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_second_build_into_a_locked_folder_is_refused(old_build: Path, monkeypatch, capsys):
    from naravard_kg.core.files import replacing_folder

    monkeypatch.setattr("naravard_kg.kg.load", _no_load)
    with replacing_folder(old_build):
        assert main(["-q", "build", "--out", str(old_build)]) == 2
    assert f"another build is writing to {old_build}" in capsys.readouterr().err
    assert _entries(old_build) == {"naravard.ttl": "old build"}


def _fail_midway(problem: BaseException):
    """A ``write_outputs`` that writes one file, then fails with ``problem``."""

    def write_outputs(_kg, out: Path, _progress, _lang, _publication):
        (out / "naravard.ttl").write_text("half a build", encoding="utf-8")
        raise problem

    return write_outputs


def test_a_full_disk_found_late_exits_2_and_leaves_the_old_build(
    kg, old_build: Path, monkeypatch, capsys
):
    full = OSError(28, "No space left on device")
    monkeypatch.setattr("naravard_kg.publish.write_outputs", _fail_midway(full))
    assert main(["-q", "build", "--out", str(old_build)], graph=kg) == 2
    err = capsys.readouterr().err
    assert f"cannot write the outputs to {old_build}: No space left on device" in err
    assert "Traceback" not in err
    assert _entries(old_build) == {"naravard.ttl": "old build"}
    assert sorted(p.name for p in old_build.parent.iterdir()) == [".out.lock", "out"]


def test_ctrl_c_prints_one_line_exits_130_and_leaves_the_old_build(
    kg, old_build: Path, monkeypatch, capsys
):
    monkeypatch.setattr("naravard_kg.publish.write_outputs", _fail_midway(KeyboardInterrupt()))
    assert main(["-q", "build", "--out", str(old_build)], graph=kg) == 130
    assert capsys.readouterr().err == "naravard-kg: interrupted\n"
    assert _entries(old_build) == {"naravard.ttl": "old build"}
    assert sorted(p.name for p in old_build.parent.iterdir()) == [".out.lock", "out"]


def test_a_build_with_an_empty_data_file_writes_nothing(old_build: Path, capsys):
    empty = old_build.parent / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    assert main(["-q", "--data", str(empty), "build", "--out", str(old_build)]) == 2
    assert "hold no triples" in capsys.readouterr().err
    assert _entries(old_build) == {"naravard.ttl": "old build"}
    assert sorted(p.name for p in old_build.parent.iterdir()) == [".out.lock", "empty.ttl", "out"]


def test_a_figure_path_naming_a_folder_exits_2(kg, tmp_path: Path, capsys):
    folder = tmp_path / "fig"
    folder.mkdir()
    for given in (f"{folder}/", str(folder)):
        assert main(["-q", "chain", "init:mod-demensteam", "--figure", given], graph=kg) == 2
        err = capsys.readouterr().err
        assert given.rstrip("/") in err and "folder" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []
