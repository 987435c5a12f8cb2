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

    def allows(self, status):
        return status in self.sources


ACTIONS = {
    action.name: action
    for action in [
        Action("approve", frozenset({Status.PENDING}), Status.APPROVED, _("approve")),
        Action("reject", frozenset({Status.PENDING}), Status.REJECTED, _("reject")),
        Action("spam", frozenset({Status.PENDING, Status.APPROVED}), Status.SPAM, _("mark as spam")),
        Action("not-spam", frozenset({Status.SPAM}), Status.PENDING, _("mark as not spam")),
        Action("remove", frozenset({Status.APPROVED}), Status.REMOVED, _("remove")),
        Action("restore", frozenset({Status.REJECTED, Status.REMOVED}), Status.PENDING, _("restore")),
    ]
}
