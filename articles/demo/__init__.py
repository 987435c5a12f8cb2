"""The demo content `manage.py load_demo` loads: a data file shipped with the app, and its loader."""

# The demo editor's password (the demo moderator's too), published in the README: development
# settings use it, and `check --deploy` warns of any account that still has it (articles/checks.py).
DEMO_PASSWORD = "knee-pain-demo"  # noqa: S105 - published on purpose
