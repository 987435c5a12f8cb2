"""
Readers' comments on articles and the audit trail of what moderators did with them.

(`wagtail.models.Comment` is the editors' commenting on page fields; these are public comments.)
Status only ever changes through moderation/services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .abuse.models import BlocklistEntry, Commenter  # noqa: F401 - registers the abuse models
from .canned_replies import CannedReply  # noqa: F401 - registers the canned replies
from .delivery.models import UsedEmailLink  # noqa: F401 - registers the used email links
from .text.limits import (  # noqa: F401
    BODY_MAX_LENGTH,
    BODY_MIN_LENGTH,
    NAME_MAX_LENGTH,
    USER_AGENT_MAX_LENGTH,
)
from .text.normalise import email_key

# What `details` of an audit entry holds once the commenter's personal data was erased from it.
ERASED_MARK = "personal_data_erased"


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
    author_name = models.CharField(max_length=NAME_MAX_LENGTH)
    author_email = models.EmailField()
    # author_email as it is matched (text.email_key): erasure, export, trust and duplicates.
    author_email_key = models.CharField(max_length=254, db_index=True, editable=False)
    body = models.TextField()
    # `body` as the frontend shows it (rendering.render_comment_body), stored by the services that
    # write the body, so that listings serve it instead of rendering every comment per request.
    body_html = models.TextField(editable=False)
    # The Shopify comment this one was imported from (services.comment_import), so a re-run updates it.
    shopify_id = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    # The Shopify customer who posted it while logged in to the shop, as Shopify's app proxy
    # signed it (`logged_in_customer_id`, api/comments/app_proxy.py); None for everyone else.
    # Only a verified request sets it: it is what "verified customer" means.
    shopify_customer_id = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    is_staff_reply = models.BooleanField(default=False)
    # The reader ticked "email me when it is published" (and, once their address is confirmed,
    # when the clinic answers): the only consent reader emails rely on, besides a private reply.
    notify_author = models.BooleanField(
        default=False,
        help_text=_("The reader asked to be emailed when it is published and when the clinic answers."),
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=USER_AGENT_MAX_LENGTH, blank=True)
    # What the spam checks observed, each `{"name", "score", "detail"}`, so a moderator sees why.
    spam_signals = models.JSONField(default=list, blank=True)
    spam_score = models.FloatField(default=0)
    # What the clinical-safety checks found (moderation/safety.py), each `{"name", "matched",
    # "detail"}`; a flagged comment waits for a person and sorts first in the queue.
    safety_signals = models.JSONField(default=list, blank=True)
    safety_flagged = models.BooleanField(default=False)
    # Bumped on every change, so that two moderators never overwrite each other silently.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", _("Can moderate readers' comments"))]
        indexes = [
            # The moderation queue: one status, oldest first.
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            # The queue's default view, counted and paged: only the comments waiting, in its order
            # (safety-flagged first, then oldest first).
            models.Index(
                fields=["-safety_flagged", "created_at", "id"],
                condition=Q(status="pending"),
                name="comment_pending_idx",
            ),
            # The queue of every status (`?status=all`), paged in its order.
            models.Index(fields=["-safety_flagged", "created_at", "id"], name="comment_created_idx"),
            # An article's approved comments, and the pending count per article.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article_id}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        # Derived from author_email, which any save may have changed.
        self.author_email_key = email_key(self.author_email)
        if kwargs.get("update_fields") is not None and "author_email" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "author_email_key"}
        super().save(*args, **kwargs)

    @property
    def verified_customer(self):
        """Posted by a customer logged in to the shop, through Shopify's signed app proxy."""
        return self.shopify_customer_id is not None


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    """Refuses the bulk writes that would change history behind the model's back."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly(_("Audit entries are never updated."))

    def delete(self):
        raise AuditLogIsAppendOnly(_("Audit entries are never deleted."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly(_("Audit entries are never updated."))

    def erase_personal_data(self):
        """
        The one change the audit log allows: a commenter's right to erasure. Only the free text
        (`reason`, which may quote the commenter) and `details` (which may hold bodies) are
        blanked; who acted, what, when and the statuses stay. Called by moderation/privacy/rights.py
        alone; returns the number of entries scrubbed.
        """
        return super().update(reason="", details={ERASED_MARK: True})


class AuditEntry(models.Model):
    """
    One change to a comment. Append-only: entries are never updated or deleted, with one
    narrow exception, `AuditEntryQuerySet.erase_personal_data()`, for a commenter's erasure.

    The foreign keys neither cascade nor null themselves out: an entry outlives the comment and
    the user it names, and `actor_name` keeps who acted readable after the account is gone.
    """

    class Source(models.TextChoices):
        API = "api", _("API")
        BULK = "bulk", _("Bulk action")
        ADMIN = "admin", _("Admin")
        SYSTEM = "system", _("System")
        IMPORT = "import", _("Import")
        # A moderator's signed link in the new-comment email (moderation/delivery/email_actions.py).
        EMAIL = "email", _("Email link")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    reason = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.API)
    # What else the change carried, such as the body an edit replaced.
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["comment", "at"], name="audit_comment_idx")]

    def __str__(self):
        return f"{self.action} on comment {self.comment_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly(_("Audit entries are never updated."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("Audit entries are never deleted."))
