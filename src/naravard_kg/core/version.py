"""The version of the package: the build reads it from here (``pyproject.toml``), the
package exports it as ``naravard_kg.__version__`` and a built store records it."""

__version__ = "0.5.0"
