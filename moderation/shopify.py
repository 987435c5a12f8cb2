"""
Shopify comments brought over with their status and history, through services.comment_import.

This side of the import lives here rather than in articles/shopify/: comments build on articles,
and articles know nothing of comments. A comment finds its article by the Shopify id the article
import keeps on the page.
"""

import ipaddress

from articles.models import ArticlePage

from . import services
from .models import NAME_MAX_LENGTH, Comment

Status = Comment.Status

# Shopify's comment statuses (REST and GraphQL, lower-cased) and what they are here.
STATUSES = {
    "published": Status.APPROVED,
    "unapproved": Status.PENDING,
    "pending": Status.PENDING,
    "spam": Status.SPAM,
    "removed": Status.REMOVED,
}


def import_comments(comments, *, report, advance=lambda: None):
    """Import `comments` (source.Comment) onto their imported articles, counting in `report`."""
    pages = ArticlePage.objects.in_bulk({comment.article_id for comment in comments}, field_name="shopify_id")
    orphans = 0
    for comment in comments:
        page = pages.get(comment.article_id)
        if page is None:
            orphans += 1
        else:
            import_comment(comment, page, report)
        advance()
    if orphans:
        report.warn(
            "comments",
            f"{orphans} left out: their article is not imported (another blog, or it failed)",
        )


def import_comment(comment, page, report):
    stored, outcome = services.comment_import(
        article=page,
        shopify_id=comment.id,
        status=STATUSES[comment.status],
        author_name=comment.author[:NAME_MAX_LENGTH],
        author_email=comment.email,
        body=comment.body,
        ip_address=ip_address(comment, report),
        user_agent=comment.user_agent,
        created_at=comment.created_at,
    )
    report.count("comments by status", stored.status)
    report.count("comments", outcome)
    if outcome == "kept":
        report.warn(f"comment {comment.id}", "moderated here since the last import: left as it is")
    elif outcome != "unchanged":
        report.change(f"comment {comment.id} on {page.slug}: {outcome} ({stored.status})")


def ip_address(comment, report):
    if not comment.ip:
        return None
    try:
        return str(ipaddress.ip_address(comment.ip))
    except ValueError:
        report.warn(f"comment {comment.id}", f"its IP address {comment.ip!r} is not one: left out")
        return None
