"""The benchmark script keeps working (it is timed by hand, not here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_build.py"


def test_benchmark_runs_every_step_and_scales_the_graph(capsys, kg):
    spec = importlib.util.spec_from_file_location("bench_build", SCRIPT)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--scales", "1"]) == 0
    [row] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| 1 ")]
    assert int(row.split("|")[2]) == len(kg.asserted)
    one, two = len(bench.scaled(kg.asserted, 1)), len(bench.scaled(kg.asserted, 2))
    # The second copy adds every triple that mentions an instance IRI again; the few
    # about shared vocabulary (EU frequency concepts) are not duplicated.
    assert one == len(kg.asserted)
    assert one < two < 2 * one
