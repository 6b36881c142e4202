"""The measures that compare regions, their weights and names: all the command line needs
to offer them, without loading the numerical libraries that compute them."""

WEIGHTS: dict[str, float] = {"themes": 0.4, "text": 0.3, "governance": 0.3}
"""Each measure's weight in the combined score."""
MEASURES: tuple[str, ...] = (*WEIGHTS, "combined")
MEASURE_LABELS = {
    "themes": "teman",
    "text": "text",
    "governance": "styrning",
    "combined": "sammanvägd",
}
"""The Swedish name of each measure, for tables and pictures."""
DEFAULT_CLUSTERS = 6
"""How many clusters of regions ``clusters`` makes unless told."""
