"""
What send_review_reminders sent: one row per article and due date, so that a reviewer hears of an
article once, and again only when its next review date changes (a new review moved it).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    next_review_due = models.DateField(help_text=_("The due date the reminder was about."))
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "next_review_due"], name="review_reminder_once_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.article_id} due {self.next_review_due}, sent to {self.sent_to}"
