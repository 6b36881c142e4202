"""The progress callback that long work reports its steps to, one line a step."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]
"""Receives one human-readable line per step (the command line prints it to stderr)."""


def silent(_message: str) -> None:
    """The default progress callback: say nothing."""
