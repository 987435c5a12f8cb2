"""URLs of the comment endpoints, named once for every test module."""

from django.urls import reverse


def comments_url(slug):
    return reverse("api:article-comments", args=[slug])


def form_token_url(slug):
    return reverse("api:article-comment-form-token", args=[slug])


def fetched_form_token(client, slug):
    """The token a reader's comment form fetches, as the widget does."""
    response = client.get(form_token_url(slug))
    assert response.status_code == 200, response.content
    return response.json()["form_token"]


def queue_url():
    return reverse("api:moderation-comment-list")


def detail_url(pk):
    return reverse("api:moderation-comment-detail", args=[pk])


def action_url(pk, action):
    return reverse("api:moderation-comment-action", args=[pk, action])


def history_url(pk):
    return reverse("api:moderation-comment-history", args=[pk])


def reply_url(pk):
    return reverse("api:moderation-comment-reply", args=[pk])


def bulk_url():
    return reverse("api:moderation-comment-bulk")


def stats_url():
    return reverse("api:moderation-stats")


def token_url():
    return reverse("api:auth-token")
