"""The plugin claim: the apps work inside a bare Wagtail project that knows nothing of cms/."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHECKS = Path(__file__).with_name("checks.py")


def test_the_apps_pass_their_smoke_checks_in_a_bare_wagtail_host():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - our own interpreter running our own test module
        [
            sys.executable,
            "-m",
            "pytest",
            str(CHECKS.relative_to(REPO)),
            "--ds",
            "tests.plugin_host.settings",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout


def test_no_app_imports_the_development_host():
    """cms/ hosts the apps for development; a host of the plugin has none, so no app may lean on it."""
    leaning = [
        f"{path.relative_to(REPO)}:{number}"
        for app in ("articles", "api", "moderation")
        for path in (REPO / app).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.lstrip().startswith(("from cms.", "from cms import", "import cms"))
    ]

    assert leaning == []
