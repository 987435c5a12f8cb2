"""Why a moderation service refused a request. The API turns each into its HTTP status."""

from django.utils.translation import gettext as _


class ModerationError(Exception):
    """A request the workflow refuses; `message` is fit to show the person who made it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SharedAddress(ModerationError):
    """
    An IP address blocking would send many readers to spam: loopback, private or link-local (a
    proxy of ours NUM_PROXIES does not count, the frontend's server), or one of
    COMMENT_OWN_ADDRESSES. Blocked only when the moderator confirms it.
    """


class CommentsClosed(ModerationError):
    """The article does not take comments: unpublished, or comments switched off."""


class NotReplyable(ModerationError):
    """A reply must answer an approved comment of the same article."""


class InvalidReply(ModerationError):
    """A staff reply's body is empty, invisible or too long once cleaned as a comment's is."""


class InvalidTransition(ModerationError):
    """The action does not apply to the comment's current status."""

    def __init__(self, *, action, status):
        self.action = action
        self.status = status
        super().__init__(
            _("Cannot %(verb)s this comment: it is %(status)s.") % {"verb": action.verb, "status": status}
        )


class AlreadyInState(InvalidTransition):
    """The comment already has the status the action leads to; nothing to do."""

    def __init__(self, *, action, status):
        self.action = action
        self.status = status
        ModerationError.__init__(self, _("This comment is already %(status)s.") % {"status": status})


class StaleVersion(ModerationError):
    """The caller saw an older version of the comment than the one stored."""

    def __init__(self, *, expected, current):
        self.expected = expected
        self.current = current
        super().__init__(
            _(
                "This comment changed since you loaded it (you sent version %(expected)s, "
                "it is now version %(current)s). Reload it and try again."
            )
            % {"expected": expected, "current": current}
        )
