"""The nodes the analyses start from, and the language reports speak, when not told otherwise."""

COMPILATION = "doc:regionerna-nara-vard-2020"
"""The national compilation whose sections the coverage report checks."""
PLAN_VERSIONS = (
    "doc:vasternorrland-fardplan-2025",
    "doc:vasternorrland-fardplan-2026",
)
"""The two versions of a plan that ``diff`` compares by default."""
LANGUAGES = ("en", "sv")
"""The languages of the shapes' messages; a validation report speaks the first unless
asked for another."""
