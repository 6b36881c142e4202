"""Typed errors. Each names what was wrong and where, so the CLI can print it as is."""

from __future__ import annotations


class NaravardError(Exception):
    """Base class of the errors this package raises on bad input (CLI exit code 2)."""

    exit_code = 2


class InputFileError(NaravardError):
    """A data, ontology, shapes or query file is missing or cannot be parsed."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class QueryNotFound(NaravardError):
    """No query of that name is in the library."""


class MissingParameter(NaravardError):
    """A query was called without a required parameter."""


class BadParameter(NaravardError):
    """A parameter is unknown to the query, or its value is not of the declared type."""


class NodeNotFound(NaravardError):
    """A node named on the command line or in a call is not in the graph."""


class ValidationError(NaravardError):
    """The graph does not conform to the shapes (CLI exit code 1)."""

    exit_code = 1

    def __init__(self, report_text: str) -> None:
        super().__init__(report_text)
