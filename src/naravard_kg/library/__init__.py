"""The query library: the ``.rq`` files with their headers, and running them on a store.

May import: ``naravard_kg.core`` and ``naravard_kg.engines``.
"""
