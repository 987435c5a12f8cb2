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


class ReplyForm(forms.Form):
    """A staff reply: a canned reply as the clinic approved it, or one adapted, or new words."""

    canned_reply = forms.ModelChoiceField(
        label=_("Canned reply"),
        queryset=selectors.active_canned_replies(),
        required=False,
        empty_label=_("None: write the reply below"),
        help_text=_("Posted as it is, unless you write the reply below to adapt it."),
    )
    body = forms.CharField(
        label=_("Reply"),
        required=False,
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea,
    )

    def clean(self):
        data = super().clean()
        if not data.get("body") and not data.get("canned_reply") and not self.errors:
            raise forms.ValidationError(_("Pick a canned reply or write a reply."))
        return data
