"""Reasoning at scale, side by side: ``reasonable`` on the whole graph, ``reasonable`` per
region, and the ontology's OWL 2 RL rules as SPARQL updates in pyoxigraph (in memory and
on disk); then the whole pipeline on the SPARQL rules (load, reason, validate, queries).

Every approach computes what ``reasoning.infer`` computes (the CONSTRUCT rules, the
closure, the noise filter) into the named graph of inferred triples of one pyoxigraph
store, so their results are compared as sets (``digest``). Each measurement runs in a
fresh process, one at a time, watched: a process above ``--max-gib`` resident memory is
killed and reported as such. Sizes as in ``bench_scale.py`` (``real`` or N asserted).

    python benchmarks/bench_reasoning.py --sizes real 100000 300000 1000000
    python benchmarks/bench_reasoning.py --sizes 5000000 --approaches pipeline-disk

The ratio ``ours / raw`` compares the SPARQL rules in memory (ours) with ``reasonable``
on the whole graph (raw), in time and in peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_scale import ROOT, data_files, ensure_synthetic, ontology_files, to_oxigraph
from rdflib import OWL, RDF, RDFS

from naravard_kg.core.files import read_text
from naravard_kg.engines import sparql_rules as sr
from naravard_kg.engines.reasoning import rule_files

APPROACHES = (
    "reasonable",
    "reasonable-parts",
    "sparql-memory",
    "sparql-disk",
    "pipeline-memory",
    "pipeline-disk",
    "pipeline-parts",
    "queries-memory",
)
DEFAULT = ("reasonable", "reasonable-parts", "sparql-memory", "sparql-disk", "pipeline-memory")
REAL_ASSERTED = 26_552


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


# ---------------------------------------------------------------- the pipeline in the store


NOISE_TYPES = (OWL.Thing, RDFS.Resource, OWL.NamedIndividual)
"""Types that ``reasoning.infer`` drops (as it drops reflexive ``owl:sameAs``)."""
_SAME = f"<{OWL.sameAs}>"
_TYPE = f"<{RDF.type}>"


def apply_construct_rules(store: Any, rules: list[Path]) -> int:
    """Run the project's CONSTRUCT rules over ontology + asserted; put what they build and
    the graph does not hold yet into ``sr.INFERRED``; return how many triples that was."""
    import pyoxigraph as ox

    graphs = [ox.NamedNode(sr.ONTOLOGY), ox.NamedNode(sr.ASSERTED)]
    new = ox.NamedNode(sr.NEW)
    for rule in rules:
        built = store.query(read_text(rule), default_graph=graphs)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, new) for t in built)
    store.update(
        f"DELETE {{ GRAPH <{sr.NEW}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{sr.NEW}> {{ ?s ?p ?o }} "
        f"FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{sr.NEW}>) }} }}"
    )
    added = sr.count_triples(store, sr.NEW)
    store.update(f"ADD <{sr.NEW}> TO <{sr.INFERRED}> ; DROP SILENT GRAPH <{sr.NEW}>")
    return added


def drop_noise(store: Any) -> None:
    """Keep in ``sr.INFERRED`` only what ``reasoning.infer`` keeps: triples about IRIs that are
    subjects of ``sr.ASSERTED``, without reflexive ``owl:sameAs`` and noise types."""
    noise = ", ".join(f"<{t}>" for t in NOISE_TYPES)
    inferred = f"GRAPH <{sr.INFERRED}> {{ ?s ?p ?o }}"
    store.update(
        f"DELETE {{ {inferred} }} WHERE {{ {inferred} "
        f"FILTER(!isIRI(?s) || NOT EXISTS {{ GRAPH <{sr.ASSERTED}> {{ ?s ?p2 ?o2 }} }} "
        f"|| (?p = {_SAME} && sameTerm(?s, ?o)) || (?p = {_TYPE} && ?o IN ({noise}))) }}"
    )


def infer_in_store(store: Any, rules: list[Path]) -> sr.ClosureStats:
    """``reasoning.infer`` inside ``store``: the CONSTRUCT rules, the OWL 2 RL closure and
    the noise filter, the result left in the named graph ``sr.INFERRED``."""
    derived = apply_construct_rules(store, rules)
    stats = sr.close(store)
    stats.added += derived
    drop_noise(store)
    return stats


# ---------------------------------------------------------------- one store per approach


def load_store(size: str, folder: Path | None) -> Any:
    """The ontology and the data files of ``size`` in their named graphs of one store."""
    import pyoxigraph as ox

    store = ox.Store(str(folder)) if folder is not None else ox.Store()
    for graph, paths in ((sr.ONTOLOGY, ontology_files()), (sr.ASSERTED, data_files(size))):
        for path in paths:
            store.bulk_load(
                path=str(path),
                format=ox.RdfFormat.TURTLE,
                base_iri=path.resolve().as_uri(),
                to_graph=ox.NamedNode(graph),
            )
    return store


def digest(store: Any) -> tuple[int, str]:
    """How many inferred triples, and a hash of their sorted N-Triples (blank nodes as
    ``_:b``, since each engine labels them its own way)."""
    import pyoxigraph as ox

    lines = sorted(
        re.sub(r"_:\S+", "_:b", f"{q.subject} {q.predicate} {q.object}")
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(sr.INFERRED))
    )
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def keep_only_new(store: Any) -> None:
    """Drop from the inferred graph what the ontology or the data state already."""
    inferred = f"GRAPH <{sr.INFERRED}> {{ ?s ?p ?o }}"
    store.update(
        f"DELETE {{ {inferred} }} WHERE {{ {inferred} "
        f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{sr.INFERRED}>) }}"
    )


def derived_file(store: Any, folder: Path) -> Path:
    """The CONSTRUCT rules' triples (in the store's inferred graph) as a ``.ttl`` file."""
    import pyoxigraph as ox

    apply_construct_rules(store, rule_files(ROOT / "ontology"))
    path = folder / "derived.ttl"
    store.dump(path, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(sr.INFERRED))
    return path


def run_reasonable(store: Any, files: list[Path]) -> None:
    """``reasonable`` over ``files``; its closure into the store's inferred graph.

    Triples with a blank node are left out: ``reasonable`` labels the blank nodes of the
    files its own way, so an asserted triple with one would look new (the real graph's
    inferred triples have none; ``digest`` shows whether that holds at every size)."""
    import pyoxigraph as ox
    import reasonable
    from rdflib import BNode

    reasoner = reasonable.PyReasoner()
    for path in files:
        reasoner.load_file(str(path))
    closed = reasoner.reason()
    graph = ox.NamedNode(sr.INFERRED)
    store.extend(
        ox.Quad(*map(to_oxigraph, triple), graph)
        for triple in closed
        if not isinstance(triple[0], BNode) and not isinstance(triple[2], BNode)
    )


# ---------------------------------------------------------------- approach A: per region


def region_of_org() -> dict[str, str]:
    """Each region's and municipality's local name (``kommun-ale``) -> its region's."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    from naravard_kg.core.namespaces import NV

    reference = Graph()
    for name in ("regions.ttl", "municipalities.ttl"):
        reference.parse(ROOT / "graph" / "reference" / name)
    by_county = {county: region for region, county in reference.subject_objects(DCTERMS.spatial)}
    owner = {str(r).rsplit("/", 1)[1]: str(r).rsplit("/", 1)[1] for r in by_county.values()}
    for municipality, county in reference.subject_objects(NV.inCounty):
        owner[str(municipality).rsplit("/", 1)[1]] = str(by_county[county]).rsplit("/", 1)[1]
    return owner


def split_by_region(paths: list[Path], folder: Path) -> list[Path]:
    """Each region's synthetic triples (its own and its municipalities', by the subject's
    ``syn-<organisation>`` name) in a file of its own; every other triple in all of them."""
    owner = region_of_org()
    names = "|".join(sorted(map(re.escape, owner), key=len, reverse=True))
    pattern = re.compile(rf"^\S*syn-({names})(?=[-/>\s])")
    parts: dict[str, list[str]] = {region: [] for region in set(owner.values())}
    shared: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                match = pattern.match(line)
                (parts[owner[match.group(1)]] if match else shared).append(line)
    files = []
    for region, lines in sorted(parts.items()):
        part = folder / f"part-{region}.ttl"
        part.write_text("".join(lines + shared), encoding="utf-8")
        files.append(part)
    return files


# ---------------------------------------------------------------- the measurements


def measure(approach: str, size: str) -> dict[str, Any]:
    """One approach on one size, in this process."""
    with tempfile.TemporaryDirectory(prefix="bench-reasoning-") as tmp:
        folder = Path(tmp)
        on_disk = approach.endswith("-disk")
        store, load_s = timed(lambda: load_store(size, folder / "db" if on_disk else None))
        result: dict[str, Any] = {"load": load_s, "rss_after_load_mib": rss_mib()}
        if approach.startswith(("sparql", "pipeline", "queries")):
            stats, result["reason"] = timed(
                lambda: infer_in_store(store, rule_files(ROOT / "ontology"))
            )
            result["rounds"] = stats.rounds
            result["rules_s"] = {k: round(v, 2) for k, v in stats.seconds.items()}
        else:

            def reason() -> None:
                derived = derived_file(store, folder)
                synthetic = [p for p in data_files(size) if "synthetic" in p.name]
                real = [p for p in data_files(size) if p not in synthetic]
                if approach == "reasonable-parts" and synthetic:
                    for part in split_by_region([derived, *synthetic], folder):
                        run_reasonable(store, [*ontology_files(), *real, part])
                else:
                    run_reasonable(store, [*ontology_files(), *data_files(size), derived])
                keep_only_new(store)
                drop_noise(store)

            _, result["reason"] = timed(reason)
        result["inferred"], result["digest"] = digest(store)
        result["asserted"] = sr.count_triples(store, sr.ASSERTED)
        if approach.startswith(("pipeline", "queries")):
            result.update(validate_and_query(store, approach, folder))
        result["peak_mib"] = peak_mib()
        return result


def dump_closed(store: Any, path: Path) -> Path:
    """Ontology, asserted and inferred triples as one N-Triples file (what pyrudof reads)."""
    import pyoxigraph as ox

    with path.open("wb") as out:
        for graph in (sr.ONTOLOGY, sr.ASSERTED, sr.INFERRED):
            store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    return path


def split_closed(path: Path, folder: Path) -> tuple[Path, list[Path]]:
    """The closed graph cut by region: a file of the triples every part needs (the real
    graph, the reference data and the ontology, with what was inferred about them) and one
    file per region with the triples about its synthetic nodes and their blank nodes
    (the blank node of a selector goes with the evidence that points to it)."""
    owner = region_of_org()
    names = "|".join(sorted(map(re.escape, owner), key=len, reverse=True))
    iri = re.compile(rf"^<[^>]*syn-({names})(?=[-/>])")
    blank_object = re.compile(r"(_:\S+) \.$")
    blank_owner: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if (match := iri.match(line)) and (blank := blank_object.search(line)):
                blank_owner[blank.group(1)] = owner[match.group(1)]
    parts: dict[str, list[str]] = {region: [] for region in set(owner.values())}
    shared: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if match := iri.match(line):
                parts[owner[match.group(1)]].append(line)
            elif line.startswith("_:") and (region := blank_owner.get(line.split(" ", 1)[0])):
                parts[region].append(line)
            else:
                shared.append(line)
    shared_file = folder / "shared.nt"
    shared_file.write_text("".join(shared), encoding="utf-8")
    files = []
    for region, lines_of_part in sorted(parts.items()):
        part = folder / f"closed-{region}.nt"
        part.write_text("".join(lines_of_part), encoding="utf-8")
        files.append(part)
    return shared_file, files


def rudof_results(shapes: str, paths: list[Path]) -> set[tuple[str, ...]]:
    """pyrudof's results on the union of ``paths`` as comparable tuples."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    for index, path in enumerate(paths):
        rudof.read_data(str(path), format=pyrudof.RDFFormat.NTriples, merge=index > 0)
    rudof.read_shacl(shapes)
    fields = ("focus_node", "source_shape", "constraint_component", "path", "value", "severity")
    return {tuple(str(getattr(r, a)) for a in fields) for r in rudof.validate_shacl()}


def validate_and_query(store: Any, approach: str, folder: Path) -> dict[str, Any]:
    """pyrudof on the closed graph (whole, or region by region for ``pipeline-parts``;
    none for ``queries-*``), then every query of the library on the store."""
    from naravard_kg.engines.oxigraph_engine import OxigraphStore
    from naravard_kg.library.catalogue import Catalogue
    from naravard_kg.library.select import run_select

    shapes = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "shapes").glob("*.ttl")))

    def validate() -> set[tuple[str, ...]]:
        closed = dump_closed(store, folder / "closed.nt")
        if approach != "pipeline-parts":
            return rudof_results(shapes, [closed])
        shared, parts = split_closed(closed, folder)
        results: set[tuple[str, ...]] = set()
        for part in parts:
            results |= rudof_results(shapes, [shared, part])
        return results

    measured: dict[str, Any] = {}
    if not approach.startswith("queries"):
        results, measured["validate"] = timed(validate)
        measured["results"] = len(results)
        measured["results_digest"] = hashlib.sha256(str(sorted(results)).encode()).hexdigest()[:12]
        measured["rss_after_validate_mib"] = rss_mib()
    sparql = OxigraphStore(store, union=True)
    latencies = []
    for query in Catalogue(ROOT / "queries"):
        _, seconds = timed(
            lambda q=query: run_select(sparql, q.text, q.bindings(q.example_params()))
        )
        latencies.append(seconds)
    measured.update(queries=sum(latencies), query_max=max(latencies))
    return measured


# ---------------------------------------------------------------- the driver


def watch(command: list[str], max_mib: float) -> tuple[int, str, float, float]:
    """Run ``command``; kill it above ``max_mib`` resident. Exit code, stdout, highest
    resident memory seen (MiB) and seconds."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, cwd=ROOT)
        status = Path(f"/proc/{child.pid}/status")
        highest = 0.0
        while child.poll() is None:
            try:
                text = status.read_text()
            except OSError:
                break
            for line in text.splitlines():
                if line.startswith("VmRSS:"):
                    highest = max(highest, int(line.split()[1]) / 1024)
            if highest > max_mib:
                child.kill()
                break
            time.sleep(0.2)
        code = child.wait()
        out.seek(0)
        return code, out.read().decode(), highest, time.perf_counter() - start


def rows_of(results: dict[str, dict[str, dict[str, Any]]]) -> Iterator[str]:
    """The Markdown table: one row per size, approaches side by side."""
    approaches = sorted({a for by in results.values() for a in by}, key=APPROACHES.index)
    yield (
        "| size | asserted | inferred | "
        + " | ".join(f"{a}: load + reason s, peak MiB" for a in approaches)
        + " | same result | ours / raw (time, memory) |"
    )
    yield "|---|---:|---:|" + "---:|" * len(approaches) + "---|---:|"
    for size, by in results.items():
        done = [r for r in by.values() if "digest" in r]
        cells = []
        for approach in approaches:
            r = by.get(approach)
            if r is None:
                cells.append("–")
            elif "killed" in r:
                cells.append(f"killed at {r['killed']:.0f} MiB after {r['seconds']:.0f} s")
            elif "error" in r:
                cells.append(f"failed: {r['error'][:60]}")
            else:
                extra = ""
                if "validate" in r:
                    extra = f"; validate {r['validate']:.1f} s ({r['results']} results)"
                if "queries" in r:
                    extra += f"; queries {r['queries']:.1f} s"
                cells.append(f"{r['load']:.1f} + {r['reason']:.1f}{extra}, {r['peak_mib']:,.0f}")
        same = "yes" if len({r["digest"] for r in done}) == 1 else "NO"
        ours, raw = by.get("sparql-memory", {}), by.get("reasonable", {})
        ratio = "–"
        if "reason" in ours and "reason" in raw:
            ratio = (
                f"{ours['reason'] / raw['reason']:.2f}, {ours['peak_mib'] / raw['peak_mib']:.2f}"
            )
        first = done[0] if done else {}
        yield (
            f"| {size} | {first.get('asserted', 0):,} | {first.get('inferred', 0):,} | "
            + " | ".join(cells)
            + f" | {same if len(done) > 1 else '–'} | {ratio} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["real", "100000", "300000"])
    parser.add_argument("--approaches", nargs="+", default=list(DEFAULT), choices=APPROACHES)
    parser.add_argument("--max-gib", type=float, default=20.0, help="kill a run above this RSS")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--measure", nargs=2, metavar=("APPROACH", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for size in args.sizes:
        if size != "real":
            ensure_synthetic(size, REAL_ASSERTED, lambda m: print(m, file=sys.stderr))
        for approach in args.approaches:
            print(f"bench: {approach} on {size}", file=sys.stderr, flush=True)
            command = [sys.executable, __file__, "--measure", approach, size]
            code, out, highest, seconds = watch(command, args.max_gib * 1024)
            if highest > args.max_gib * 1024:
                result: dict[str, Any] = {"killed": highest, "seconds": seconds}
            elif code != 0:
                result = {"error": f"exit {code}"}
            else:
                result = json.loads(out)
            print(f"bench: {json.dumps(result)}", file=sys.stderr, flush=True)
            results.setdefault(size, {})[approach] = result
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("\n".join(rows_of(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
