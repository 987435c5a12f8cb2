"""
The pages emails link to, for people who are not signed in: a reader's one-click unsubscribe and
a moderator's approve or spam link. GET only shows what a button would do (mail scanners open
links); the button's POST does it. Nothing here is cached, indexed or passed on as a referrer.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..conf import moderation_settings
from ..exceptions import ModerationError
from . import email_actions, unsubscribe

# What each email action's page asks, then says once it is done.
ACTION_WORDS = {
    "approve": (
        gettext_lazy("Approve this comment?"),
        gettext_lazy("Approve"),
        gettext_lazy("Approved: readers see it now."),
    ),
    "spam": (
        gettext_lazy("Mark this comment as spam?"),
        gettext_lazy("Mark as spam"),
        gettext_lazy("Marked as spam: readers never see it."),
    ),
}


def page(request, *, title, message, status=200, **context):
    response = render(
        request,
        "moderation/email_links/page.html",
        {"title": title, "message": message, **context},
        status=status,
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


# RFC 8058: mail clients POST `List-Unsubscribe=One-Click` with no cookie; the token is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """GET: a page asking to confirm; POST (its button, or a mail client's one click): unsubscribed."""
    commenter = unsubscribe.commenter_of_token(token)
    if commenter is None:
        return page(
            request, title=_("Link not valid"), message=_("This unsubscribe link is not valid."), status=404
        )
    if request.method == "POST":
        unsubscribe.unsubscribe(commenter)
        return page(
            request,
            title=_("Unsubscribed"),
            message=_("You will get no more email from us about your comments."),
        )
    return page(
        request,
        title=_("Unsubscribe?"),
        message=_(
            "Stop all email from us about your comments: when they are published, and the clinic's answers."
        ),
        button=_("Unsubscribe"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def email_action_view(request, token):
    """GET: the comment and a button; POST: the action applied, as the moderator the link names."""
    try:
        link = email_actions.read_link(token)
        question, button, done = ACTION_WORDS[link.action]
        if request.method == "POST":
            comment = email_actions.use(link)
            return page(
                request, title=done, message=_("Recorded in the comment's history."), **_about(comment)
            )
        user, comment = email_actions.check(link)
    except ModerationError as error:
        status = getattr(error, "status", 409)
        return page(request, title=_("Nothing was changed"), message=error.message, status=status)
    message = _("Signed in or not, this acts as %(name)s.") % {
        "name": user.get_full_name() or user.get_username()
    }
    return page(request, title=question, message=message, button=button, **_about(comment))


def _about(comment):
    admin_url = moderation_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "moderation_comments:edit", args=[comment.pk]
    )
    return {"comment": comment, "admin_url": admin_url}
