"""The benchmark script keeps working (it is timed by hand, not here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_build.py"


def test_benchmark_runs_and_scales_the_graph(capsys):
    spec = importlib.util.spec_from_file_location("bench_build", SCRIPT)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--scales", "1", "2"]) == 0
    rows = [
        line.split("|")
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("| 1 ") or line.startswith("| 2 ")
    ]
    one, two = (int(r[2]) for r in rows)
    # The second copy adds every triple that mentions an instance IRI again; the few
    # about shared vocabulary (EU frequency concepts) are not duplicated.
    assert one < two < 2 * one
