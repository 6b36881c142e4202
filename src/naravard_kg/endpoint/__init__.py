"""The graph over HTTP: Oxigraph's SPARQL server for the built graph, and the query library
against any SPARQL 1.1 endpoint (querying, and pushing the graph with the Graph Store
Protocol).

May import: rdflib, httpx, the standard library, ``naravard_kg.core``, ``naravard_kg.engines``
and ``naravard_kg.library``; never analytics, views, the facade or the command line.
"""
