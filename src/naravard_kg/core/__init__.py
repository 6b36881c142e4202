"""The foundation every part stands on: namespaces, terms as text, result tables, labels,
slugs, paths, atomic files and the progress callback.

May import: rdflib, platformdirs, the standard library and ``naravard_kg.errors``; nothing
else of the package.
"""
