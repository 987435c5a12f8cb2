"""
`manage.py check --deploy`: no account may still have the demo accounts' password (the demo
editor's, which the demo moderator shares), which this project publishes (cms/settings/dev.py,
the README). `manage.py check`: the review interval fits within the longest a review may hold,
and the medical sign-off's approval is what Wagtail runs when a workflow is approved.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import DatabaseError
from django.db.models import Q

from .conf import articles_settings
from .demo import DEMO_PASSWORD
from .governance.finish import FINISH_ACTION


@checks.register(checks.Tags.security, deploy=True)
def check_demo_passwords(app_configs=None, databases=None, **kwargs):
    """
    Warn about every active account that can reach the admin and whose password is a published
    demo one. Reads the database (the default one unless --database names others); a database
    not migrated yet has no accounts to warn about.
    """
    found = []
    for alias in databases or ["default"]:
        try:
            users = list(admin_users(alias))
        except DatabaseError:
            continue
        found += [user for user in users if user.check_password(DEMO_PASSWORD)]
    return [
        checks.Warning(
            f"The account {user.get_username()!r} has the published demo password.",
            hint="Change its password or deactivate it: anyone who read the README can log in.",
            obj=user,
            id="articles.W001",
        )
        for user in found
    ]


def admin_users(alias):
    """Active accounts that may log in to the Wagtail admin: staff, superusers, members of a group."""
    users = get_user_model()._default_manager.using(alias).filter(is_active=True)
    return users.filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False)).distinct()


@checks.register()
def check_review_interval(app_configs=None, **kwargs):
    """The review interval may not exceed the longest a review may hold (three years by default)."""
    interval = articles_settings.ARTICLES_REVIEW_INTERVAL_DAYS
    longest = articles_settings.ARTICLES_REVIEW_MAX_INTERVAL_DAYS
    if interval <= longest:
        return []
    return [
        checks.Warning(
            f"ARTICLES_REVIEW_INTERVAL_DAYS ({interval}) exceeds "
            f"ARTICLES_REVIEW_MAX_INTERVAL_DAYS ({longest}).",
            hint="A medical sign-off sets the next review at most ARTICLES_REVIEW_MAX_INTERVAL_DAYS later.",
            id="articles.W002",
        )
    ]


@checks.register()
def check_finish_workflow_action(app_configs=None, **kwargs):
    """
    Under the medical sign-off nobody may press Publish on an article, so Wagtail's own action on
    approval (publishing as the approver, who may not) would fail: the host must name ours.
    """
    if not articles_settings.ARTICLES_MEDICAL_SIGN_OFF:
        return []
    action = getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "wagtail.workflows.publish_workflow_state")
    if action == FINISH_ACTION:
        return []
    return [
        checks.Error(
            f"WAGTAIL_FINISH_WORKFLOW_ACTION is {action!r}: an approved medical sign-off could not publish.",
            hint=f"Set WAGTAIL_FINISH_WORKFLOW_ACTION = {FINISH_ACTION!r} "
            "(or ARTICLES_MEDICAL_SIGN_OFF = False).",
            id="articles.E001",
        )
    ]
