"""Fill a fresh database: N copies of the demo article and many comments (bulk, fast)."""

from datetime import timedelta

from django.utils import timezone

from articles.demo.loader import load_demo, read_demo_data
from articles.models import ArticlePage, ArticlePageTag
from moderation.models import Comment
from moderation.text.rendering import render_comment_body

STATUSES = ["approved"] * 6 + ["pending", "rejected", "spam", "removed"]


def seed(articles, comments):
    demo = load_demo(read_demo_data())
    template = ArticlePage.objects.get(pk=demo.article.pk)
    index = template.get_parent()
    pages = [template]
    for n in range(1, articles):
        page = ArticlePage(
            title=f"{template.title} ({n})",
            slug=f"{template.slug}-{n}",
            summary=template.summary,
            body=template.body.raw_data,
            hero_image_id=template.hero_image_id,
            author_id=template.author_id,
            medical_reviewer_id=template.medical_reviewer_id,
            published_date=template.published_date,
            last_reviewed=template.last_reviewed,
            live=True,
            first_published_at=timezone.now() - timedelta(days=n),
            last_published_at=timezone.now(),
        )
        index.add_child(instance=page)
        pages.append(page)
    conditions = list(template.conditions.all())
    ArticlePage.conditions.through.objects.bulk_create(
        ArticlePage.conditions.through(articlepage=page, condition=condition)
        for page in pages[1:]
        for condition in conditions
    )
    tags = list(template.tags.all())
    ArticlePageTag.objects.bulk_create(
        ArticlePageTag(content_object=page, tag=tag) for page in pages[1:] for tag in tags
    )
    start = timezone.now() - timedelta(days=365)
    Comment.objects.bulk_create(
        (seeded_comment(pages[n % len(pages)], n, start + timedelta(minutes=5 * n)) for n in range(comments)),
        batch_size=5000,
    )
    return template


def seeded_comment(article, n, created_at):
    """A comment as the services store it (its body rendered), written in bulk without them."""
    body = f"Comment number {n} about massage and knee pain."
    return Comment(
        article=article,
        author_name=f"Reader {n}",
        author_email=f"reader{n % 5000}@example.org",
        author_email_key=f"reader{n % 5000}@example.org",
        body=body,
        body_html=render_comment_body(body),
        status=STATUSES[(n * 7) % len(STATUSES)],
        created_at=created_at,
    )
