"""The package as users import it: quick, with no plotting or heavy numeric libraries, and
its parts keeping to their layers."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "sklearn", "scipy", "numpy", "networkx", "pyshacl", "owlrl")


def test_import_loads_no_rdf_plotting_reasoning_or_learning_library():
    """``load``, ``KnowledgeGraph`` and ``connect`` are imported on first use."""
    probe = (
        "import sys, naravard_kg\n"
        f"heavy = {(*HEAVY, 'rdflib', 'pyoxigraph')!r}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
        "print(naravard_kg.load.__module__, naravard_kg.KnowledgeGraph.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "naravard_kg.kg KnowledgeGraph"]


def test_listing_the_queries_loads_no_rdf_library():
    probe = (
        "import sys, contextlib, io\n"
        "from naravard_kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['queries']) == 0\n"
        "assert 'reporting-lines' in out.getvalue()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rdflib', 'pyoxigraph'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_drawing_uses_no_pyplot_and_sets_no_backend(tmp_path):
    """A picture is drawn through matplotlib's object API: in a notebook, the inline
    backend the user chose stays chosen."""
    probe = (
        "import sys, matplotlib, naravard_kg\n"
        f"naravard_kg.load().draw_chain('init:mod-demensteam', {str(tmp_path / 'chain')!r})\n"
        "print(matplotlib.rcParams._get_backend_or_none(), 'matplotlib.pyplot' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["None", "False"]
    assert (tmp_path / "chain.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(
    "command",
    [
        ["query", "reporting-lines"],
        ["query", "responsibility-chain", "-p", "node=init:mod-demensteam", "-f", "json"],
        ["query", "priorities-per-year"],
    ],
    ids=lambda c: c[1],
)
def test_a_query_from_the_built_store_loads_no_rdflib(kg, command):
    """Parameters are bound as pyoxigraph terms and rows read as text from Oxigraph's
    terms: answering a query of the library needs no rdflib at all."""
    probe = (
        "import sys, contextlib, io\n"
        "from naravard_kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['-q', *{command!r}]) == 0\n"
        "assert out.getvalue().count('\\n') > 2\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rdflib', 'pyoxigraph'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['pyoxigraph']"


@pytest.mark.parametrize(
    "command",
    [
        ["query", "reporting-lines"],
        ["chain", "init:mod-demensteam"],
        ["gaps"],
        ["search", "MOD"],
        ["lifecycle", "init:sip-pa-distans"],
    ],
    ids=lambda c: c[0],
)
def test_a_command_imports_only_what_it_uses(kg, command):
    """Questions answered from the built store load no plotting, learning, graph or
    reasoning library, and not rdflib's own SPARQL engine."""
    probe = (
        "import sys, contextlib, io\n"
        "from naravard_kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-q', *{command!r}]) == 0\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        f"print(sorted(loaded & {{*{HEAVY!r}, 'rdflib.plugins.sparql'}}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
