"""The package as users import it: quick, with no plotting or heavy numeric libraries, and
its parts keeping to their layers."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("matplotlib", "sklearn", "scipy", "pyshacl", "owlrl")


def test_import_loads_no_plotting_reasoning_or_learning_library():
    probe = (
        "import sys, naravard_kg\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
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


def test_the_query_command_imports_only_what_it_uses(kg):
    """``naravard-kg query`` answers from the built store: no plotting, no learning, and
    not rdflib's own SPARQL engine."""
    probe = (
        "import sys, contextlib, io\n"
        "from naravard_kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['-q', 'query', 'reporting-lines']) == 0\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print(sorted(loaded & {'matplotlib', 'sklearn', 'scipy', 'rdflib.plugins.sparql'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
