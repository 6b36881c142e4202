"""The analyses: responsibility chains, region similarity, plans over time, coverage,
evidence and label search.

Each takes the graph it reads (an rdflib graph) and, where it runs queries of the library,
a ``QueryRunner``; none imports the facade (``naravard_kg.kg``), so each can be used on
any graph. SciPy and scikit-learn are imported inside the functions that use them.

May import: rdflib, NetworkX, NumPy, SciPy, scikit-learn, ``naravard_kg.core`` and
``naravard_kg.library``.
"""
