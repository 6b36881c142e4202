"""The ``naravard-kg`` command line: the argument parser (``main``) and one handler per
command (``commands``).

May import: the facade (``naravard_kg.kg``), the build (``naravard_kg.publish``), the
endpoint, and the tables and constants of the parts below; never the views or the engines'
internals directly: pictures and files come through the facade and the build.
"""

from .main import main

__all__ = ["main"]
