"""Random argument lists never make the command line crash: exit 0, 1 or 2 with a message,
never a traceback or the internal error's exit 3."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import naravard_kg
from naravard_kg.cli import main

WORDS = (
    "queries",
    "prefixes",
    "query",
    "gaps",
    "search",
    "chain",
    "--markdown",
    "-p",
    "--param",
    "-f",
    "--format",
    "csv",
    "json",
    "turtle",
    "--region",
    "--engine",
    "oxigraph",
    "--root",
    "-q",
    "-v",
    "--version",
    "--help",
    "reporting-lines",
    "regions-with-theme",
    "theme=theme:mobila-team",
    "region=Gotland",
    "=",
    "x=y",
    "--limit",
    "-1",
    "",
)
"""Options, commands and values of the commands that answer without building or writing
files; with random text beside them most lists are parsing errors."""

ARGUMENTS = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=6)


@settings(
    max_examples=60,
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(argv=ARGUMENTS)
def test_random_arguments_exit_0_1_or_2_with_a_message(kg: naravard_kg.KnowledgeGraph, argv):
    err, out = io.StringIO(), io.StringIO()
    with redirect_stderr(err), redirect_stdout(out):
        code = main(argv, graph=kg)
    assert code in (0, 1, 2), (argv, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert "error" in err.getvalue(), argv
    else:
        assert out.getvalue() or err.getvalue(), argv
