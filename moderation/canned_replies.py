"""
Canned replies: answers the clinic has approved once ("please see a doctor before booking"), so
that a moderator answering a reader's red flag posts words a therapist agreed on, not improvised
advice. A moderator picks one to post a staff reply (services.comment_reply); the reply's audit
entry records which one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .text.limits import BODY_MAX_LENGTH


class CannedReplyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CannedReply(index.Indexed, models.Model):
    title = models.CharField(
        max_length=100,
        unique=True,
        help_text=_("What moderators pick it by, e.g. “See a doctor before booking”."),
    )
    body = models.TextField(
        max_length=BODY_MAX_LENGTH,
        help_text=_("The reply readers see, as approved by the clinic. Plain text; links are allowed."),
    )
    active = models.BooleanField(
        default=True,
        help_text=_("Only active replies are offered to moderators: retire one rather than delete it."),
    )

    objects = CannedReplyQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("body"), FieldPanel("active")]
    search_fields = [index.SearchField("title"), index.SearchField("body"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self):
        return self.title
