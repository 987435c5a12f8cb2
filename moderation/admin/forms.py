"""
What the admin's comment page posts. Each form carries the version the moderator saw, where the
service checks one, so that a stale page is refused as a stale API call is.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..text.limits import BODY_MAX_LENGTH, BODY_MIN_LENGTH, REASON_MAX_LENGTH
from ..workflow import ACTIONS


def reason_field():
    return forms.CharField(label=_("Reason (optional)"), required=False, max_length=REASON_MAX_LENGTH)


class ReasonForm(forms.Form):
    """The bulk actions' confirmation: the reason given for every selected comment."""

    reason = reason_field()


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, action.label) for name, action in ACTIONS.items()])
    reason = reason_field()
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH, widget=forms.Textarea
    )
    reason = reason_field()
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CannedReplyRadioSelect(forms.RadioSelect):
    """
    The canned replies as radio buttons, each carrying its words: choosing one puts them in the
    reply box for editing (the `moderation-canned-reply` controller, moderation/static).
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        canned_reply = getattr(value, "instance", None)
        option["attrs"]["data-action"] = "change->moderation-canned-reply#fill"
        option["attrs"]["data-reply-body"] = canned_reply.body if canned_reply else ""
        return option


def canned_reply_choices():
    """The canned reply field's choices, read once: a listing's rows all offer the same ones."""
    return list(ReplyForm().fields["canned_reply"].choices)


class ReplyForm(forms.Form):
    """
    A staff reply: a canned reply as the clinic approved it, or one adapted, or new words.
    `canned_choices` (canned_reply_choices()) spares a query per form where many are shown.
    """

    canned_reply = forms.ModelChoiceField(
        label=_("Canned reply"),
        queryset=selectors.active_canned_replies(),
        required=False,
        empty_label=_("None: write the reply below"),
        widget=CannedReplyRadioSelect,
        help_text=_("Choosing one puts its words in the reply box, for you to adapt."),
    )
    body = forms.CharField(
        label=_("Reply"),
        required=False,
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "data-moderation-canned-reply-target": "body"}),
    )

    def __init__(self, *args, canned_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if canned_choices is not None:
            self.fields["canned_reply"].choices = canned_choices

    def clean(self):
        data = super().clean()
        if not data.get("body") and not data.get("canned_reply") and not self.errors:
            raise forms.ValidationError(_("Pick a canned reply or write a reply."))
        return data


class ApproveReplyForm(ReplyForm):
    """Approve and reply: the reply's fields and the version the moderator saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class RowActionForm(forms.Form):
    """A queue row's one-click action: no reason asked, the row's version checked."""

    action = forms.ChoiceField(choices=[(name, ACTIONS[name].label) for name in ("approve", "spam")])
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
