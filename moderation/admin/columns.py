"""
The queue's own columns: the spam score against its threshold with its signals in words, and the
row's actions (Approve, Mark as spam, Reply privately), which act without leaving the listing.

The actions are small POST forms driven by Wagtail's `w-swap` controller: the form is posted
with fetch and the listing's results (`#listing-results`) are replaced by the answer, the filters,
search, ordering and page kept. Without JavaScript the same forms post and come back to the
listing as a whole page.
"""

from django.middleware.csrf import get_token
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from .. import selectors, services
from ..conf import moderation_settings
from ..workflow import allowed_actions
from .forms import ReplyForm, RowActionForm, canned_reply_choices

# What a row offers, where the comment's status allows it (workflow.ACTIONS).
ROW_ACTIONS = RowActionForm.base_fields["action"].choices

# The spam checks' signals (moderation/abuse/spam.py) as a moderator would say them.
SPAM_SIGNAL_LABELS = {
    "honeypot": _("Filled in a field people never see"),
    "form_token": _("Not sent from the comment form"),
    "form_token_reused": _("The same form sent several comments"),
    "time_to_submit": _("Sent faster than a person types"),
    "links": _("Several links"),
    "blocklist": _("Matches the blocklist"),
    "duplicate": _("Sent the same text before"),
    "akismet": _("Akismet"),
    "akismet_discard": _("Akismet: blatant spam"),
}


def privately_replyable(comment):
    """Whether the commenter can be answered by email (services.comment_reply_privately agrees)."""
    return not comment.is_staff_reply and comment.status in services.PRIVATELY_REPLYABLE


def spam_signal_label(name):
    return SPAM_SIGNAL_LABELS.get(name, name.replace("_", " ").capitalize())


def format_score(score):
    """2.0 as "2", 2.5 as "2.5": a score is a count of points, not a measurement."""
    return f"{score:g}"


def spam_summary(comment):
    """The comment's spam score against the threshold, and the signals that added to it, in words."""
    return {
        "score": format_score(comment.spam_score),
        "threshold": format_score(moderation_settings.COMMENT_SPAM_THRESHOLD),
        "signals": [
            {
                "label": spam_signal_label(signal["name"]),
                "detail": signal.get("detail", ""),
                "score": format_score(signal["score"]),
            }
            for signal in comment.spam_signals
        ],
    }


class SpamScoreColumn(Column):
    """ "2 of 5": the score against COMMENT_SPAM_THRESHOLD, then each signal that added to it, in words."""

    cell_template_name = "moderation/admin/spam_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(spam_summary(instance))
        return context


class RowActionsColumn(Column):
    """
    Approve, Mark as spam and Reply privately on each row. `url_for(url_name, comment)` gives an
    action's address; the listing's query string travels with each form, so the answer is the
    same filtered page of the queue.
    """

    cell_template_name = "moderation/admin/row_actions_cell.html"

    def __init__(self, name, *, url_for, listing_query, **kwargs):
        super().__init__(name, accessor=lambda comment: comment, **kwargs)
        self.url_for = url_for
        self.listing_query = listing_query
        # The view builds its columns once per request: one table, one read.
        self._answered = None

    @cached_property
    def canned_choices(self):
        """The canned replies, read once for every row's reply form."""
        return canned_reply_choices()

    def privately_answered(self, table):
        """The ids of the listed comments already answered privately, read once for the table."""
        if self._answered is None:
            self._answered = selectors.privately_answered([comment.pk for comment in table.data])
        return self._answered

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        allowed = {action.name for action in allowed_actions(instance.status)}
        context.update(
            # A table's cells are rendered without the request's template context: the forms' token.
            csrf_token=get_token(context["request"]),
            comment=instance,
            answered_privately=instance.pk in self.privately_answered(context["table"]),
            listing_query=self.listing_query,
            action_url=self.url_for("row_action", instance),
            actions=[(name, label) for name, label in ROW_ACTIONS if name in allowed],
            reply_url=self.url_for("row_reply", instance) if privately_replyable(instance) else None,
            reply_form=ReplyForm(auto_id=f"row{instance.pk}_%s", canned_choices=self.canned_choices),
        )
        return context
