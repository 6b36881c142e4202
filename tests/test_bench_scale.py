"""The side-by-side benchmark keeps working (its figures are read by people, not asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_benchmark


@pytest.mark.slow  # whole pipelines in fresh processes
def test_the_benchmark_measures_both_sides_and_writes_the_table(tmp_path: Path, kg) -> None:
    bench = load_benchmark("bench_scale")
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n")
    args = ["--sizes", "real", "--engines", "oxigraph", "--readme", str(readme)]
    assert bench.main([*args, "--results", str(tmp_path / "results")]) == 0
    [result] = (tmp_path / "results").glob("scale-*.json")
    [row] = json.loads(result.read_text())["rows"]
    assert row["ours"]["asserted"] == len(kg.asserted)
    assert row["ours"]["inferred"] == len(kg.inferred)
    assert len(row["ours"]["latencies"]) == len(row["raw"]["latencies"]) == len(kg.catalogue)
    for side in ("ours", "raw"):
        assert all(row[side][step] > 0 for step in bench.STEPS), side
        assert row[side]["peak_mib"] > 0
    text = readme.read_text()
    assert text.startswith("intro\n<!-- bench:start -->\n| size | engine |")
    assert "| real | oxigraph | " in text and "old" not in text
    assert text.endswith("<!-- bench:end -->\nafter\n")
