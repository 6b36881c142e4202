"""The benchmark of whole commands keeps working (its figures are read by people, not asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_benchmark


@pytest.mark.slow  # every command in fresh processes
def test_the_command_benchmark_times_each_command_and_writes_the_table(tmp_path: Path, capsys):
    bench = load_benchmark("bench_commands")
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- commands:start -->\nold\n<!-- commands:end -->\nafter\n")
    assert bench.main(["--runs", "1", "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert "| naravard-kg query reporting-lines | " in text
    assert "| bare pyoxigraph: open the store, run reporting-lines | " in text
    assert "old" not in text and text.endswith("<!-- commands:end -->\nafter\n")
    assert "/ bare process:" in text and "| 0.3 |" in text
