"""What the abuse tests share: a valid submission, and posting it from a given address."""

import itertools

from django.urls import reverse

from tests.moderation.helpers import comments_url

_numbers = itertools.count()


def submission(**changes):
    """A valid comment; each call a different body, so none repeats another."""
    return {
        "author_name": "Ada",
        "author_email": "ada@example.org",
        "body": f"My knee feels better, week {next(_numbers)}.",
        **changes,
    }


def post_comment(client, article, data=None, **extra):
    return client.post(comments_url(article.slug), data or submission(), format="json", **extra)


def block_url(pk):
    return reverse("api:moderation-comment-block", args=[pk])


def revoke_trust_url():
    return reverse("api:moderation-commenter-revoke-trust")


def confirm_url():
    return reverse("api:comment-email-confirm")
