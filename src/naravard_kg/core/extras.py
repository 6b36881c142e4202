"""The optional parts of the package and the extras that install them.

``pip install naravard-kg`` answers queries, follows chains, validates and exports RDF;
comparing regions, drawing pictures, serving an endpoint, reading rows into pandas and
documenting the ontology need the ``similarity``, ``figures``, ``server``, ``pandas`` and
``docs`` extras (``naravard-kg[all]`` installs them all). A call that
needs a missing one says which extra to install, instead of an ``ImportError``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from ..errors import MissingExtra

EXTRAS: dict[str, tuple[str, ...]] = {
    "similarity": ("numpy", "scipy", "sklearn"),
    "figures": ("matplotlib", "numpy"),
    "pandas": ("pandas",),
    "docs": ("pylode",),
}
"""The top-level modules each extra installs (as imported)."""

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def extra(*names: str) -> Iterator[None]:
    """Turn a missing module of the extras ``names`` into ``MissingExtra`` naming them."""
    try:
        yield
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        needed = [name for name in names if missing in EXTRAS[name]]
        if not needed:
            raise
        install = f"pip install 'naravard-kg[{','.join(needed)}]'"
        raise MissingExtra(f"this needs {missing}, which is not installed: {install}") from None


def needs(*names: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function that needs the extras ``names`` (see ``extra``)."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with extra(*names):
                return function(*args, **kwargs)

        return wrapper

    return decorate
