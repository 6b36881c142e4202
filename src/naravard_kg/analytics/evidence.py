"""Evidence: the quotes a node rests on, and checking them against the source texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF
from rdflib.term import Node

from ..core.labels import label
from ..core.namespaces import NV, OA
from ..core.slugs import fold
from ..core.terms import term_to_text
from ..errors import InputFileError

MAX_QUOTE_LENGTH = 220


def _exact_quotes(graph: Graph, evidence: Node) -> Iterator[str]:
    for selector in graph.objects(evidence, OA.hasSelector):
        for exact in graph.objects(selector, OA.exact):
            yield str(exact)


def quotes_of(graph: Graph, node: Node) -> tuple[str, ...]:
    """The exact quotes of a node's evidence, sorted."""
    return tuple(
        sorted(
            {q for ev in graph.objects(node, PROV.wasDerivedFrom) for q in _exact_quotes(graph, ev)}
        )
    )


@dataclass(frozen=True)
class Citation:
    """One quote that a node rests on, with the document and section it is from."""

    quote: str
    document: str
    document_label: str
    section: str
    short_title: str = ""

    @property
    def source(self) -> str:
        """Where the quote stands, as the tables show it: "Färdplan Västernorrland 2026,
        5.2 HälSams länsledning" (the document's short title, else its label)."""
        return ", ".join(
            part for part in (self.short_title or self.document_label, self.section) if part
        )

    def __str__(self) -> str:
        return f"{self.quote} ({self.source})"


def citations(graph: Graph, node: Node) -> tuple[Citation, ...]:
    """The quotes of a node's evidence with their document and section, sorted."""
    found = set()
    for evidence in graph.objects(node, PROV.wasDerivedFrom):
        document = graph.value(evidence, OA.hasSource)
        section = graph.value(evidence, NV.section)
        short_title = graph.value(document, DCTERMS.alternative) if document is not None else None
        for quote in _exact_quotes(graph, evidence):
            found.add(
                Citation(
                    quote,
                    term_to_text(document) or "",
                    label(graph, document) if document is not None else "",
                    str(section) if section is not None else "",
                    str(short_title) if short_title is not None else "",
                )
            )
    return tuple(sorted(found, key=lambda c: (c.document_label, c.section, c.quote, c.document)))


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (line breaks, tabs, blank lines) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class QuoteProblem:
    """An evidence node whose quote cannot be found, or that cannot be checked."""

    evidence: str
    problem: str

    def __str__(self) -> str:
        return f"{self.evidence}: {self.problem}"


def quote_problems(graph: Graph, shared: Path) -> list[QuoteProblem]:
    """Every evidence node whose quote is not in its source text under ``shared``.

    Quotes are compared after collapsing whitespace; for a source marked ``nv:ocrText``
    (OCR output that lost å, ä, ö) also without case and diacritics. ``InputFileError``
    when ``shared`` holds no ``corpus/`` folder: then no quote can be checked.
    """
    if not (shared / "corpus").is_dir():
        raise InputFileError(
            str(shared / "corpus"),
            "no corpus here, so the quotes cannot be checked "
            "(NARAVARD_SHARED names the folder that holds corpus/)",
        )
    texts: dict[Path, tuple[str, str]] = {}
    problems = []
    for evidence in sorted(graph.subjects(RDF.type, NV.Evidence)):
        name = term_to_text(evidence) or str(evidence)
        source = graph.value(evidence, OA.hasSource)
        selector = graph.value(evidence, OA.hasSelector)
        exact = graph.value(selector, OA.exact) if selector is not None else None
        source_file = graph.value(source, NV.sourceFile) if source is not None else None
        if exact is None or source_file is None:
            problems.append(QuoteProblem(name, "no quote, or its document has no nv:sourceFile"))
            continue
        path = shared / str(source_file)
        if path not in texts:
            if not path.is_file():
                problems.append(QuoteProblem(name, f"source text {path} not found"))
                continue
            text = normalise_space(path.read_text(encoding="utf-8"))
            texts[path] = (text, fold(text))
        plain, folded = texts[path]
        quote = normalise_space(str(exact))
        ocr = bool(graph.value(source, NV.ocrText))
        found = fold(quote) in folded if ocr else quote in plain
        if not found:
            problems.append(QuoteProblem(name, f"quote not found in {source_file}: {quote!r}"))
        elif len(quote) > MAX_QUOTE_LENGTH:
            problems.append(QuoteProblem(name, f"quote longer than {MAX_QUOTE_LENGTH} characters"))
    return problems
