"""Running a SELECT query on a store into rows: a file of the library as written, a query
written by hand with the project's prefixes predeclared."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from ..core.prefixes import sparql_prologue
from ..core.rows import Rows

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..engines.base import SparqlStore
    from ..engines.terms import Bindable


class QueryRunner(Protocol):
    """Runs a query of the library by name with its parameters (``KnowledgeGraph.query``).

    The analytics take one of these rather than the knowledge graph itself."""

    def __call__(self, name: str, /, **params: str | Node) -> Rows:
        """The rows of query ``name`` with ``params`` bound."""
        ...


def run_select(store: SparqlStore, text: str, bindings: Mapping[str, Bindable]) -> Rows:
    """Run a SELECT query over ``store`` as written (a file of the library declares its
    own prefixes), rows of Python values (``core.values``)."""
    columns, rows = store.select_values(text, bindings)
    return Rows(columns, [dict(zip(columns, row, strict=True)) for row in rows])


def run_sparql(store: SparqlStore, text: str, bindings: Mapping[str, Bindable]) -> Rows:
    """Run a SELECT query written by hand over ``store``, every prefix of the project
    predeclared (a PREFIX line of its own redefines one)."""
    return run_select(store, sparql_prologue() + text, bindings)
