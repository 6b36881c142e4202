"""The package as users import it: quick, with no plotting or heavy numeric libraries, and
its parts keeping to their layers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import naravard_kg
from naravard_kg.core.paths import Layout

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")

HEAVY = ("matplotlib", "sklearn", "scipy", "numpy", "networkx", "pyshacl", "owlrl")


def test_import_loads_no_rdf_plotting_reasoning_learning_or_http_library():
    """``load``, ``KnowledgeGraph`` and ``connect`` are imported on first use."""
    probe = (
        "import sys, naravard_kg\n"
        f"heavy = {(*HEAVY, 'rdflib', 'pyoxigraph', 'httpx')!r}\n"
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
        ["query", "responsibility-chain", "-p", "node=init:mod-demensteam", "-f", "tsv"],
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
    reasoning library, not rdflib's own SPARQL engine, and no HTTP client."""
    probe = (
        "import sys, contextlib, io\n"
        "from naravard_kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-q', *{command!r}]) == 0\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        f"print(sorted(loaded & {{*{HEAVY!r}, 'rdflib.plugins.sparql', 'httpx'}}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_the_wheel_carries_its_data_and_works_from_any_folder(tmp_path: Path):
    """Build the wheel, install it with the pinned versions into a fresh environment
    outside the checkout, and run the README's Python example and a query from an empty
    folder: the data comes from the package, the store goes to the user's cache, and
    nothing is written into the environment."""
    wheels, env, work, cache = (tmp_path / name for name in ("wheels", "env", "work", "cache"))
    work.mkdir()
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, PROJECT])
    (wheel,) = wheels.glob("naravard_kg-*.whl")
    carried = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("naravard_kg/data/")}
    inputs = Layout(PROJECT).inputs()
    assert carried == {f"naravard_kg/data/{name}" for name in inputs}
    _run([sys.executable, "-m", "venv", env])
    python = env / "bin" / "python"
    constraints = ["-c", PROJECT / "constraints.txt"]
    _run([python, "-m", "pip", "install", "-q", *constraints, f"{wheel}[all]"])
    isolated = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("NARAVARD_ROOT", "NARAVARD_STORE", "NARAVARD_CACHE", "PYTHONPATH"):
        isolated.pop(name, None)
    before = _files(env)

    (example,) = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    done = _run([python, "-c", example], cwd=work, env=isolated)
    assert "Länsledning HälSam -> Högsta tjänsteledning (RD/KD)" in done.stdout
    query = [env / "bin" / "naravard-kg", "-q", "query", "responsibility-chain"]
    done = _run([*query, "-p", "node=init:mod-demensteam", "-f", "csv"], cwd=work, env=isolated)
    assert "Länsledning HälSam" in done.stdout
    version = _run([env / "bin" / "naravard-kg", "--version"], cwd=work, env=isolated)
    assert version.stdout.strip() == f"naravard-kg {naravard_kg.__version__}"

    assert _files(env) == before  # no cache or store inside the environment
    assert list((cache / "naravard-kg").glob("*/store/current"))
    assert sorted(p.name for p in work.iterdir()) == ["out"]  # the example's export only


def _run(command: list, **options) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(map(str, command)), capture_output=True, text=True, **options)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


@pytest.mark.parametrize(
    ("missing", "command", "extra"),
    [
        ("sklearn", ["similar", "Gotland"], "similarity"),
        ("matplotlib", ["chain", "init:mod-demensteam", "--figure", "chain"], "figures"),
    ],
)
def test_a_missing_extra_is_named(tmp_path: Path, missing, command, extra):
    """Without an optional dependency, the command that needs it says which extra to
    install (exit 2, no traceback). A store of its own, so no result kept beside the
    session's store spares the import."""
    probe = (
        "import sys, os\n"
        f"sys.modules[{missing!r}] = None  # as if it were not installed\n"
        f"os.chdir({str(tmp_path)!r})\n"
        "from naravard_kg.cli import main\n"
        f"sys.exit(main(['-q', *{command!r}]))\n"
    )
    env = {**os.environ, "NARAVARD_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 2, done.stderr
    assert f"pip install 'naravard-kg[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_version_is_the_same_everywhere():
    """The package, the top of the changelog (with its date) and the citation agree."""
    version = naravard_kg.__version__
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    top = re.search(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)$", changelog, flags=re.MULTILINE)
    assert top and top.group(1) == version
    citation = (PROJECT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{version}"' in citation
    assert f'date-released: "{top.group(2)}"' in citation
    assert (PROJECT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
