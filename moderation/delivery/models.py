"""
What the emails' signed links remember. Imported by moderation/models.py.

A moderator's link (email_actions.py) works once: its random id is stored here when it is used,
in the transaction that applies its action, so a replayed link finds it and changes nothing.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class UsedEmailLink(models.Model):
    link_id = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    comment_id = models.BigIntegerField()
    action = models.CharField(max_length=20)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.action} on comment {self.comment_id}"
