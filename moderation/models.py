"""
Readers' comments on articles and the audit trail of what moderators did with them.

(`wagtail.models.Comment` is the editors' commenting on page fields; these are public comments.)
Status only ever changes through moderation/services.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(db_index=True)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    is_staff_reply = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    # Bumped on every change, so that two moderators never overwrite each other silently.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", _("Can moderate readers' comments"))]
        indexes = [
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article_id}: {self.body[:40]}"


class AuditEntry(models.Model):
    """One change to a comment. Append-only: entries are never updated or deleted."""

    class Source(models.TextChoices):
        API = "api", _("API")
        BULK = "bulk", _("Bulk action")
        ADMIN = "admin", _("Admin")
        SYSTEM = "system", _("System")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="audit_entries")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.API)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.action} on comment {self.comment_id}"
