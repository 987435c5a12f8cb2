"""System checks for settings that would otherwise fail quietly, event after event."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from .conf import moderation_settings


@checks.register(checks.Tags.compatibility)
def check_webhook_settings(app_configs=None, **kwargs):
    url = moderation_settings.COMMENT_WEBHOOK_URL
    if not url:
        return []
    if urlsplit(url).scheme not in {"http", "https"}:
        return [
            checks.Error(
                "COMMENT_WEBHOOK_URL must be an http:// or https:// URL.",
                id="moderation.E001",
            )
        ]
    if not moderation_settings.COMMENT_WEBHOOK_SECRET:
        return [
            checks.Warning(
                "COMMENT_WEBHOOK_URL is set but COMMENT_WEBHOOK_SECRET is empty: no event will be sent.",
                hint="Set COMMENT_WEBHOOK_SECRET to a long random string shared with the receiver.",
                id="moderation.W001",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility)
def check_triage_warm_up(app_configs=None, **kwargs):
    from .safety.lexicon import LANGUAGES

    languages = moderation_settings.COMMENT_TRIAGE_WARM_UP
    unknown = [language for language in languages if language not in LANGUAGES]
    if unknown:
        return [
            checks.Error(
                f"COMMENT_TRIAGE_WARM_UP names languages the triage does not read: {', '.join(unknown)}.",
                hint=f"Use some of: {', '.join(LANGUAGES)}.",
                id="moderation.E002",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility, deploy=True)
def check_tasks_run_in_a_worker(app_configs=None, **kwargs):
    """With DEBUG off, a request must not wait for its emails and webhooks: they need a worker."""
    if settings.DEBUG or not isinstance(task_backends["default"], ImmediateBackend):
        return []
    return [
        checks.Warning(
            "The tasks backend is the immediate one: each request waits for the emails and webhooks "
            "it causes, and a mail server or webhook receiver that hangs holds it.",
            hint="Use TASKS_BACKEND=django_tasks_db.DatabaseBackend (the default) and run "
            "`manage.py db_worker` beside the web server (docs/caching.md).",
            id="moderation.W002",
        )
    ]
