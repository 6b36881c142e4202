"""``python -m naravard_kg`` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
