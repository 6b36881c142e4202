"""What people look at: the pictures of each analysis, RDF files, network exports
(GraphML, GEXF), the offline HTML view and the report.

Every function takes the analysis results or graph it shows and writes reproducible
files; none imports the facade (``naravard_kg.kg``). matplotlib is imported when the
first picture is drawn, through its object API: no backend is set.

May import: ``naravard_kg.core``, ``naravard_kg.library`` and ``naravard_kg.analytics``;
never the engines, the endpoint, the facade or the command line.
"""
