"""SHACL validation results as a report people can read (label, path, message, file),
beside the standard SHACL validation report graph the engine gave."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..core.defaults import LANGUAGES
from ..core.labels import preferred_label
from ..core.namespaces import SH
from ..core.terms import term_to_text
from ..errors import BadParameter

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, ready to print."""

    severity: str
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    source_shape: str
    source_files: tuple[str, ...]

    def text(self) -> str:
        label = f" «{self.focus_label}»" if self.focus_label else ""
        where = f" [{', '.join(self.source_files)}]" if self.source_files else ""
        path = f" {self.path}:" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return (
            f"{self.severity}: {self.focus}{label}{where}\n"
            f"   {path} {self.message}{value}\n   shape: {self.source_shape}"
        )


@dataclass(frozen=True)
class Report:
    """The outcome of validating a graph against the shapes."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph = field(default_factory=Graph, compare=False, repr=False)
    """The SHACL validation report graph: one ``sh:ValidationReport`` with ``sh:conforms``
    and an ``sh:result`` for each result."""

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    def text(self) -> str:
        head = "Conforms." if self.conforms else "Does NOT conform."
        counts = ", ".join(
            f"{sum(r.severity == s for r in self.results)} {s.lower()}(s)" for s in _SEVERITY_ORDER
        )
        return "\n".join([f"{head} {counts}", *(r.text() for r in self.results)]) + "\n"


def check_language(lang: str) -> None:
    """``BadParameter`` unless the shapes' messages are written in ``lang``."""
    if lang not in LANGUAGES:
        raise BadParameter(f"unknown language {lang!r} for lang; use one of {', '.join(LANGUAGES)}")


def in_language(shapes: Graph, lang: str) -> Graph:
    """``shapes`` with one ``sh:message`` per shape or constraint: the one in ``lang``,
    else the English one, else any, so that every engine reports in that one language."""
    chosen = Graph()
    chosen += shapes
    for node in set(shapes.subjects(SH.message, None)):
        messages = sorted(shapes.objects(node, SH.message))
        keep = _in_language(messages, lang) or _in_language(messages, "en") or messages[0]
        chosen.remove((node, SH.message, None))
        chosen.add((node, SH.message, keep))
    return chosen


def _in_language(messages: list[Node], lang: str) -> Node | None:
    """The first of ``messages`` tagged ``lang``, if any."""
    return next((m for m in messages if getattr(m, "language", None) == lang), None)


def _path_text(report: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return term_to_text(path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{term_to_text(inverse)}"
    return "(complex path)"


def build_report(
    report: Graph, data: Graph, source_files: Mapping[Node, tuple[str, ...]]
) -> Report:
    """Turn pyshacl's report graph into a ``Report`` sorted by severity, focus and path."""
    results = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=term_to_text(focus) or "",
                focus_label=preferred_label(data, focus) if focus is not None else None,
                path=_path_text(report, report.value(result, SH.resultPath)),
                value=term_to_text(value),
                message=str(message) if message else "(no message)",
                source_shape=term_to_text(report.value(result, SH.sourceShape)) or "",
                source_files=source_files.get(focus, ()) if focus is not None else (),
            )
        )
    results.sort(
        key=lambda r: (_SEVERITY_ORDER.get(r.severity, 9), r.focus, r.path or "", r.message)
    )
    conforms = not any(r.severity == "Violation" for r in results)
    return Report(conforms=conforms, results=tuple(results), graph=_standard(report, conforms))


def _standard(report: Graph, conforms: bool) -> Graph:
    """The engine's report graph with one ``sh:ValidationReport`` node saying whether the
    data conforms and linking every result (pyrudof gives the results alone)."""
    graph = Graph()
    graph += report
    graph.bind("sh", SH)
    node = graph.value(None, RDF.type, SH.ValidationReport) or BNode()
    graph.set((node, RDF.type, SH.ValidationReport))
    graph.set((node, SH.conforms, Literal(conforms)))
    for result in report.subjects(SH.resultSeverity, None):
        graph.add((node, SH.result, result))
    return graph
