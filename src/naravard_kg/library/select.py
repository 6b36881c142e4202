"""Running a SELECT query on a store into rows: a file of the library as written, a query
written by hand with the project's prefixes predeclared."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from ..core.prefixes import sparql_prologue
from ..core.rows import Rows
from ..errors import BadParameter

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..engines.base import SparqlStore
    from ..engines.terms import Bindable

_FORM = re.compile(r"(?<![\w:?$])(SELECT|CONSTRUCT|ASK|DESCRIBE)(?![\w:-])", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


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


def run_sparql(
    store: SparqlStore,
    text: str,
    bindings: Mapping[str, Bindable],
    allow_service: bool = False,
) -> Rows:
    """Run a SELECT query written by hand over ``store``, every prefix of the project
    predeclared (a PREFIX line of its own redefines one).

    ``BadParameter`` if ``text`` is another form of query (CONSTRUCT, ASK, DESCRIBE), or
    uses ``SERVICE`` (the engine would send HTTP requests to the IRI it names) unless
    ``allow_service``."""
    check_hand_written(text, allow_service)
    return run_select(store, sparql_prologue() + text, bindings)


def check_hand_written(text: str, allow_service: bool) -> None:
    """``BadParameter`` unless ``text`` is a SELECT query, without ``SERVICE`` unless
    ``allow_service``; keywords in comments, strings and IRIs do not count."""
    from ..engines.binding import masked  # pyoxigraph is loaded when a query runs

    code = masked(text)
    form = _FORM.search(code)
    if form is None or form.group(1).upper() != "SELECT":
        found = form.group(1).upper() if form else "no query form"
        raise BadParameter(
            f"only SELECT queries are answered here, this is {found}; for a graph use "
            "naravard-kg export or any SPARQL engine on the exported Turtle"
        )
    if not allow_service and _SERVICE.search(code):
        raise BadParameter(
            "the query uses SERVICE, which would send HTTP requests from this machine to "
            "the IRI it names; pass allow_service=True to allow it"
        )
