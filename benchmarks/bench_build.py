"""Time the build's steps on graphs of growing size, and print a Markdown table.

The real graph is copied k times (every instance IRI of copy i gets the suffix ``-c<i>``),
so the shape of the data stays the same while the size grows. For each size it times the
reasoning (rules + OWL 2 RL), the SHACL validation, the whole query library, the
analytics (the accountability graph of every chain and the comparison of all regions) and
the Turtle serialization, and reports triple counts, the size of the Turtle output and the
peak memory of the process so far.

    python benchmarks/bench_build.py --scales 1 2 4 --engine reference
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import TypeVar

from rdflib import Graph, URIRef

import naravard_kg
from naravard_kg.chain import accountability_graph
from naravard_kg.engines import engines
from naravard_kg.export import serialize
from naravard_kg.kg import KnowledgeGraph, load_turtle_folder
from naravard_kg.namespaces import NVID, new_graph
from naravard_kg.reason import infer, rule_files
from naravard_kg.similarity import compare_regions

T = TypeVar("T")


def scaled(asserted: Graph, copies: int) -> Graph:
    """The asserted graph plus ``copies - 1`` renamed copies of its instance data."""
    result = new_graph()
    result += asserted
    prefix = str(NVID)

    def rename(term, index: int):
        if isinstance(term, URIRef) and str(term).startswith(prefix):
            return URIRef(f"{term}-c{index}")
        return term

    for index in range(2, copies + 1):
        for s, p, o in asserted:
            result.add((rename(s, index), p, rename(o, index)))
    return result


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--engine", default="reference")
    args = parser.parse_args(argv)
    bundle = engines(args.engine)
    base = naravard_kg.load(reason=False)
    rules = rule_files(base.layout.ontology)
    shapes = load_turtle_folder(base.layout.shapes, {})
    print(f"engine: {bundle.name}")
    print(
        "| copies | asserted | inferred | reason s | validate s | queries s | analytics s "
        "| serialize s | Turtle MiB | peak MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for copies in args.scales:
        asserted = scaled(base.asserted, copies)
        inferred, reason_s = timed(lambda a=asserted: infer(base.ontology, a, rules, bundle))
        kg = KnowledgeGraph(base.ontology, asserted, inferred, {}, base.layout, bundle)
        report, validate_s = timed(lambda k=kg: k.validate(shapes))
        assert report.conforms, report.text()
        _, queries_s = timed(
            lambda k=kg: [k.query(q.name, **q.example_params()) for q in k.catalogue]
        )
        _, analytics_s = timed(
            lambda k=kg: (accountability_graph(k.graph), compare_regions(k).clusters())
        )
        turtle, serialize_s = timed(lambda k=kg: serialize(k.graph, "turtle"))
        print(
            f"| {copies} | {len(asserted)} | {len(inferred)} | {reason_s:.1f} | {validate_s:.1f} "
            f"| {queries_s:.1f} | {analytics_s:.1f} | {serialize_s:.1f} "
            f"| {len(turtle.encode()) / 2**20:.1f} "
            f"| {peak_mib():.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
