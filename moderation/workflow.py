"""
The moderation actions and the status changes they allow: the one table every writer consults.

    pending  --approve--> approved      approved --remove--> removed
    pending  --reject---> rejected      approved --spam----> spam
    pending  --spam-----> spam          spam     --not-spam-> pending
    rejected --restore--> pending       removed  --restore--> pending
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Comment

Status = Comment.Status


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset
    target: str
    verb: str
    # What the admin's button says, capitalised as Wagtail labels its own actions.
    label: str

    def allows(self, status):
        return status in self.sources


ACTIONS = {
    action.name: action
    for action in [
        Action("approve", frozenset({Status.PENDING}), Status.APPROVED, _("approve"), _("Approve")),
        Action("reject", frozenset({Status.PENDING}), Status.REJECTED, _("reject"), _("Reject")),
        Action(
            "spam",
            frozenset({Status.PENDING, Status.APPROVED}),
            Status.SPAM,
            _("mark as spam"),
            _("Mark as spam"),
        ),
        Action("not-spam", frozenset({Status.SPAM}), Status.PENDING, _("mark as not spam"), _("Not spam")),
        Action("remove", frozenset({Status.APPROVED}), Status.REMOVED, _("remove"), _("Remove")),
        Action(
            "restore",
            frozenset({Status.REJECTED, Status.REMOVED}),
            Status.PENDING,
            _("restore"),
            _("Restore"),
        ),
    ]
}


def allowed_actions(status):
    """The actions that apply to a comment of `status`, in the table's order: what a moderator is offered."""
    return [action for action in ACTIONS.values() if action.allows(status)]
