"""The demo content `manage.py load_demo` loads: a data file shipped with the app, and its loader."""
