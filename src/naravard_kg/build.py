"""The whole build: load, reason, validate, then publish everything under ``out/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engines import DEFAULT_ENGINE
from .evidence import QuoteProblem
from .export import write_atomic
from .kg import KnowledgeGraph, Progress, load
from .publish import analyse, write_exports, write_figures
from .queries import Rows
from .report import write_report
from .validate import Report


@dataclass
class BuildResult:
    """What a build did, for the summary and for tests."""

    out: Path
    asserted: int
    inferred: int
    report: Report
    failed_checks: dict[str, Rows] = field(default_factory=dict)
    quote_problems: list[QuoteProblem] = field(default_factory=list)
    queries_run: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the graph conforms, every check is empty and every quote is found."""
        return self.report.conforms and not self.failed_checks and not self.quote_problems

    def quality_text(self) -> str:
        """The validation report, then failed checks and quotes not found."""
        parts = [self.report.text()]
        for name, rows in self.failed_checks.items():
            parts.append(f"Check {name} failed with {len(rows)} row(s):\n{rows.to_table()}")
        parts += [f"Quote problem: {problem}\n" for problem in self.quote_problems]
        return "".join(parts)

    def summary(self) -> str:
        conformance = (
            "conforms"
            if self.report.conforms
            else (f"does NOT conform ({len(self.report.violations)} violation(s))")
        )
        quality = (
            f"{len(self.failed_checks)} check(s) failed, {len(self.quote_problems)} quote(s) "
            "not found in the corpus"
        )
        lines = [
            f"triples: {self.asserted} asserted, {self.inferred} inferred",
            f"validation: {conformance}; {quality} (report: {self.out / 'validation.txt'})",
            f"queries run: {len(self.queries_run)} (results: {self.out / 'queries'})",
            f"files written: {len(self.files)} under {self.out.resolve()}",
        ]
        lines += [f"  {path.relative_to(self.out)}" for path in self.files]
        return "\n".join(lines) + "\n"


def write_outputs(kg: KnowledgeGraph, out: Path, progress: Progress) -> BuildResult:
    """Validate ``kg`` and write graphs, networks, query results, pictures and the report.

    When the graph does not conform, a check fails or a quote is not found, only
    ``validation.txt`` is written: a graph that fails its own checks is not published.
    """
    progress("validating (SHACL)")
    report = kg.validate()
    progress("running quality checks and checking quotes against the corpus")
    failed = {name: rows for name, rows in kg.run_checks().items() if rows}
    result = BuildResult(
        out, len(kg.asserted), len(kg.inferred), report, failed, kg.quote_problems()
    )
    result.files.append(write_atomic(out / "validation.txt", result.quality_text()))
    if not result.ok:
        return result
    result.files += write_exports(kg, out, progress)
    result.queries_run = [query.name for query in kg.catalogue]
    analyses = analyse(kg, progress)
    result.files += write_figures(kg, analyses, out, progress)
    progress("writing the report")
    result.files += write_report(kg, analyses, out)
    return result


def build(
    out: Path,
    root: Path | None = None,
    engine: str = DEFAULT_ENGINE,
    progress: Progress | None = None,
) -> BuildResult:
    """Load, reason, validate and write everything under ``out``."""
    say = progress or (lambda _m: None)
    kg = load(root, engine=engine, progress=say)
    return write_outputs(kg, out, say)
