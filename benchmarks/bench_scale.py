"""Side by side, for each graph size and engine: load, reason, validate, the query library
and the analytics, with peak memory, and our pipeline against the raw engines.

Sizes are the real graph (``real``) and the real graph plus a synthetic national-scale
graph (``benchmarks/synthetic.py``) grown to N asserted triples in all. For each size
and engine two fresh processes run: one times the library (``naravard_kg.load``,
reasoning with the rules, ``validate``, every query of the library with its example
parameters, chains and region similarity), the other the raw engines on the same files
(rdflib parse, owlrl, pyshacl, rdflib SPARQL; or pyoxigraph parse, ``reasonable``,
pyrudof, pyoxigraph SPARQL). Each reports its own peak memory. The ratio ``ours / raw``
over load + reason + validate + queries is our overhead.

    python benchmarks/bench_scale.py --sizes real 100000 300000 --readme README.md

Results go to ``benchmarks/results/`` (JSON and Markdown); ``--readme`` replaces the
table between ``<!-- bench:start -->`` and ``<!-- bench:end -->``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bench_endpoint import p95_ms

import naravard_kg
from naravard_kg.engines.terms import to_oxigraph

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
STEPS = ("load", "reason", "validate", "queries")
# The reference engines take minutes on the real graph's query library alone and grow
# faster than linearly (owlrl: about a minute at 100k triples): by default they are
# measured on the real graph only (``--reference-max 100000`` adds the next size).
REFERENCE_MAX = 0
T = TypeVar("T")
Queries = list[tuple[str, dict[str, Any]]]


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def data_files(size: str) -> list[Path]:
    """The real graph's files, plus the synthetic file that grows it to ``size``."""
    files = sorted((ROOT / "graph").rglob("*.ttl"))
    return files if size == "real" else [*files, synthetic_file(int(size))]


def synthetic_file(size: int) -> Path:
    """N-Triples, named ``.ttl`` (valid Turtle) since ``reasonable`` reads only that suffix."""
    return RESULTS / "data" / f"synthetic-{size}.ttl"


def ontology_files() -> list[Path]:
    return sorted((ROOT / "ontology").rglob("*.ttl"))


# ---------------------------------------------------------------- our library


def measure_ours(size: str, engine: str) -> dict[str, Any]:
    """Time the library's own pipeline and analytics on ``size`` with ``engine``."""
    from naravard_kg.engines import engines
    from naravard_kg.engines.reasoning import infer, rule_files
    from naravard_kg.engines.turtle import load_turtle_folder
    from naravard_kg.kg import KnowledgeGraph

    files = data_files(size)
    base, load_s = timed(lambda: naravard_kg.load(engine=engine, reason=False, data=files))
    bundle = engines(engine)
    rules = rule_files(base.layout.ontology)
    inferred, reason_s = timed(lambda: infer(base.ontology, base.asserted, rules, bundle))
    kg = KnowledgeGraph(base.ontology, base.asserted, inferred, {}, base.layout, bundle)
    shapes = load_turtle_folder(kg.layout.shapes, {})
    report, validate_s = timed(lambda: kg.validate(shapes))
    if not report.conforms:
        raise SystemExit(f"the {size} graph does not conform:\n{report.text()[:3000]}")
    _, open_s = timed(lambda: kg.store)
    latencies = [timed(lambda q=q: kg.query(q.name, **q.example_params()))[1] for q in kg.catalogue]
    _, analytics_s = timed(lambda: (kg.to_networkx(), kg.similarity.clusters()))
    return {
        "asserted": len(kg.asserted),
        "inferred": len(kg.inferred),
        "load": load_s,
        "reason": reason_s,
        "validate": validate_s,
        "queries": open_s + sum(latencies),
        "latencies": latencies,
        "analytics": analytics_s,
        "peak_mib": peak_mib(),
    }


# ---------------------------------------------------------------- the raw engines


def measure_raw(size: str, engine: str) -> dict[str, Any]:
    """Time the engines themselves on the same files, queries and shapes."""
    from naravard_kg.library.catalogue import Catalogue

    files = [*ontology_files(), *data_files(size)]
    catalogue = Catalogue(ROOT / "queries")
    queries = [(q.text, q.bindings(q.example_params())) for q in catalogue]
    shapes = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "shapes").glob("*.ttl")))
    run = _raw_oxigraph if engine == "oxigraph" else _raw_rdflib
    result = run(files, shapes, queries)
    result["peak_mib"] = peak_mib()
    return result


def _raw_oxigraph(files: list[Path], shapes: str, queries: Queries) -> dict[str, Any]:
    import pyoxigraph as ox
    import pyrudof
    import reasonable

    from naravard_kg.engines.binding import bind_values

    def load() -> ox.Store:
        store = ox.Store()
        for path in files:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        return store

    store, load_s = timed(load)

    def reason() -> list:
        reasoner = reasonable.PyReasoner()
        for path in files:
            reasoner.load_file(str(path))
        return reasoner.reason()

    closed, reason_s = timed(reason)
    store.extend(ox.Quad(*map(to_oxigraph, triple)) for triple in closed)
    dump = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode()

    def validate() -> object:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(dump, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes)
        return rudof.validate_shacl()

    _, validate_s = timed(validate)
    latencies = [
        timed(lambda t=text, b=bindings: list(store.query(bind_values(t, b))))[1]
        for text, bindings in queries
    ]
    return _steps(load_s, reason_s, validate_s, latencies)


def _raw_rdflib(files: list[Path], shapes: str, queries: Queries) -> dict[str, Any]:
    import owlrl
    import pyshacl
    from rdflib import Graph

    def load() -> Graph:
        graph = Graph()
        for path in files:
            graph.parse(path, format="turtle")
        return graph

    graph, load_s = timed(load)
    _, reason_s = timed(
        lambda: owlrl.DeductiveClosure(
            owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
        ).expand(graph)
    )
    shapes_graph = Graph().parse(data=shapes, format="turtle")
    _, validate_s = timed(
        lambda: pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none", advanced=True)
    )
    latencies = [
        timed(lambda t=text, b=bindings: list(graph.query(t, initBindings=b)))[1]
        for text, bindings in queries
    ]
    return _steps(load_s, reason_s, validate_s, latencies)


def _steps(load: float, reason: float, validate: float, latencies: list[float]) -> dict[str, Any]:
    """The raw engines' figures, keyed as our pipeline's are."""
    return {
        "load": load,
        "reason": reason,
        "validate": validate,
        "queries": sum(latencies),
        "latencies": latencies,
    }


# ---------------------------------------------------------------- the driver


def run_child(kind: str, size: str, engine: str) -> dict[str, Any]:
    """Measure in a fresh process, so that each figure of peak memory is its own."""
    command = [sys.executable, __file__, "--measure", kind, size, engine]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def ensure_synthetic(size: str, real_asserted: int, say: Callable[[str], None]) -> None:
    """Write the synthetic file that grows the real graph to ``size`` (kept for reruns)."""
    if size == "real" or synthetic_file(int(size)).is_file():
        return
    sys.path.insert(0, str(HERE))
    import synthetic

    say(f"generating {int(size) - real_asserted:,} synthetic triples for size {size}")
    synthetic.write_graph(int(size) - real_asserted, synthetic_file(int(size)), seed=0)


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of all measurements."""
    head = (
        "| size | engine | asserted | inferred | load s | reason s | validate s | queries s "
        "| query median ms | query p95 ms | analytics s | pipeline s | raw engines s "
        "| ours / raw | peak MiB (ours / raw) |"
    )
    lines = [head, "|---|---|" + "---:|" * 13]
    for row in rows:
        ours, raw = row["ours"], row["raw"]
        pipeline = sum(ours[step] for step in STEPS)
        raw_total = sum(raw[step] for step in STEPS)
        lines.append(
            f"| {row['size']} | {row['engine']} | {ours['asserted']:,} | {ours['inferred']:,} "
            + "".join(f"| {ours[step]:.2f} " for step in STEPS)
            + f"| {1000 * statistics.median(ours['latencies']):.1f} "
            f"| {p95_ms(ours['latencies']):.1f} | {ours['analytics']:.2f} "
            f"| {pipeline:.2f} | {raw_total:.2f} | {pipeline / raw_total:.2f} "
            f"| {ours['peak_mib']:.0f} / {raw['peak_mib']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def replace_in_readme(readme: Path, text: str) -> None:
    """Put ``text`` between the bench markers of ``readme``."""
    start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
    content = readme.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise SystemExit(f"{readme} has no {start.strip()} ... {end} markers")
    before, rest = content.split(start, 1)
    _old, after = rest.split(end, 1)
    readme.write_text(before + start + text + end + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["real", "100000", "300000"],
        help="'real' and/or asserted triple counts (default: real 100000 300000)",
    )
    parser.add_argument("--engines", nargs="+", default=["oxigraph", "rdflib"])
    parser.add_argument(
        "--reference-max",
        type=int,
        default=REFERENCE_MAX,
        help="largest size run with the rdflib engines (default: %(default)s)",
    )
    parser.add_argument("--readme", type=Path, help="write the table into this README")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="folder for JSON and Markdown results"
    )
    parser.add_argument(
        "--measure", nargs=3, metavar=("KIND", "SIZE", "ENGINE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.measure:
        kind, size, engine = args.measure
        measure = measure_ours if kind == "ours" else measure_raw
        print(json.dumps(measure(size, engine)))
        return 0

    def say(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    real_asserted = 0
    rows = []
    for size in args.sizes:
        for engine in args.engines:
            if engine == "rdflib" and size != "real" and int(size) > args.reference_max:
                continue
            if size != "real":
                real_asserted = real_asserted or len(naravard_kg.load(reason=False).asserted)
                ensure_synthetic(size, real_asserted, say)
            say(f"size {size}, engine {engine}: our pipeline")
            ours = run_child("ours", size, engine)
            say(f"size {size}, engine {engine}: raw engines")
            raw = run_child("raw", size, engine)
            rows.append({"size": size, "engine": engine, "ours": ours, "raw": raw})
    text = table(rows)
    machine = f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores"
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d")
    (args.results / f"scale-{stamp}.json").write_text(
        json.dumps({"machine": machine, "rows": rows}, indent=1) + "\n", encoding="utf-8"
    )
    (args.results / f"scale-{stamp}.md").write_text(text, encoding="utf-8")
    print(text, end="")
    if args.readme:
        replace_in_readme(args.readme, text)
        say(f"table written to {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
