"""Typed errors. Each names what was wrong and where, so the CLI can print it as is.

May import: the standard library only; every part of the package imports this module.
"""

from __future__ import annotations

EXIT_OK, EXIT_NONCONFORMANT, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
"""The command line's exit codes (as pySHACL's): ok or conforms, does not conform, bad
input or usage, internal error."""
EXIT_INTERRUPTED = 130
"""The exit code after Ctrl-C (SIGINT), as a shell reports a command it interrupted."""


class NaravardError(Exception):
    """Base class of the errors this package raises on bad input (CLI exit code 2)."""

    exit_code = EXIT_BAD_INPUT


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


class MissingExtra(NaravardError):
    """A part of the package needs an optional dependency that is not installed."""


class RootError(NaravardError):
    """A project folder lacks what a build needs: an ontology, graph files, any triples."""


class InferenceLimit(NaravardError):
    """Reasoning over the data inferred more triples than the limit allows (a long chain
    of a transitive property, a large ``owl:sameAs`` group)."""


class StoreError(NaravardError):
    """The built store cannot be written (a read-only folder, a full disk)."""


class OutputError(NaravardError):
    """An output folder cannot be written: not a folder, read-only, a full disk, or another
    build is writing to it."""


class EndpointError(NaravardError):
    """A SPARQL endpoint could not be reached or refused a request."""


class ServerError(NaravardError):
    """The SPARQL server could not be started or stopped working."""
