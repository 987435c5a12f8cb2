"""
The committed OpenAPI snapshot, clients/openapi.json: exactly what /api/schema/ serves, so that a
change to the API shows up in review as a change to this file (and to the TypeScript types
generated from it, clients/typescript/src/schema.d.ts).

    .venv/bin/python clients/openapi.py            # rewrite the snapshot from the code
    .venv/bin/python clients/openapi.py --check    # exit 1 if it differs (CI runs the pytest twin)

Then regenerate the types: `cd clients/typescript && npm run generate`.
"""

import json
import os
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "openapi.json"


def served_document():
    """The OpenAPI document as /api/schema/ serves it (JSON), formatted for readable diffs."""
    from django.test import Client

    response = Client().get("/api/schema/", {"format": "json"})
    if response.status_code != 200:
        raise RuntimeError(f"/api/schema/ answered {response.status_code}")
    return json.dumps(response.json(), indent=2, ensure_ascii=False) + "\n"


def main(argv):
    sys.path.insert(0, str(SNAPSHOT.parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    document = served_document()
    if "--check" in argv:
        if SNAPSHOT.read_text() != document:
            print(f"{SNAPSHOT} is out of date: run .venv/bin/python clients/openapi.py", file=sys.stderr)
            return 1
        return 0
    SNAPSHOT.write_text(document)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
