"""A worker loads the triage's readers as it starts, so that no reader's comment waits for one."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings

from moderation import safety
from moderation.checks import check_triage_warm_up

WORKER_STARTED = """
import gc, json
import cms.wsgi
from moderation.safety.matching import term_matcher
print(json.dumps({"loaded": term_matcher.cache_info().currsize, "frozen": gc.get_freeze_count()}))
"""


def test_a_worker_starts_with_every_language_read_and_frozen():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    env.pop("COMMENT_TRIAGE_WARM_UP", None)
    result = subprocess.run(  # noqa: S603 - this interpreter, this test's code
        [sys.executable, "-c", WORKER_STARTED], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    started = json.loads(result.stdout.strip().splitlines()[-1])
    assert started["loaded"] == 3  # English, French and Spanish, before the first comment
    assert started["frozen"] > 0  # and out of the garbage collector's way


def test_warm_up_loads_the_languages_the_setting_names(monkeypatch):
    loaded = []
    monkeypatch.setattr(safety, "term_matcher", loaded.append)

    with override_settings(COMMENT_TRIAGE_WARM_UP=["es", "en"]):
        safety.warm_up()

    assert loaded == ["es", "en"]


def test_a_language_the_triage_does_not_read_is_refused_at_start():
    with override_settings(COMMENT_TRIAGE_WARM_UP=["en", "de"]):
        errors = check_triage_warm_up()

    assert [error.id for error in errors] == ["moderation.E002"]
    assert "de" in errors[0].msg
