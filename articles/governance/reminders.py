"""
What send_review_reminders sent: one row per article and due date, so that a reviewer hears of an
article once, and again only when its next review date changes (a new review moved it).

A row is written when a run claims the reminder (`claimed_at`) and marked when its email has left
(`sent_at`): a claim never marked was left by a run that died while sending, and a later run takes
it over (review.py).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    next_review_due = models.DateField(help_text=_("The due date the reminder was about."))
    sent_to = models.EmailField()
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "next_review_due"], name="review_reminder_once_per_due_date"
            )
        ]

    def __str__(self):
        state = "sent" if self.sent_at else "being sent"
        return f"{self.article_id} due {self.next_review_due}, {state} to {self.sent_to}"
