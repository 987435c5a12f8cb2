"""With DEBUG off, a deployment check warns of a tasks backend that runs deliveries in the request."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.parametrize(
    "debug, tasks, warned",
    [(False, IMMEDIATE, True), (True, IMMEDIATE, False), (False, DATABASE_QUEUE, False)],
)
def test_the_deploy_check_warns_when_requests_would_run_their_own_deliveries(debug, tasks, warned):
    with override_settings(DEBUG=debug, TASKS=tasks):
        ids = [message.id for message in run_checks(include_deployment_checks=True)]

    assert ("moderation.W002" in ids) is warned


def test_the_deploy_check_is_only_a_deployment_check():
    with override_settings(DEBUG=False, TASKS=IMMEDIATE):
        assert "moderation.W002" not in [message.id for message in run_checks()]
