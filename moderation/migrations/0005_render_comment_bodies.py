"""
Render the body of every comment stored before `body_html` existed.

With the function the services render with, so that each comment shows exactly what it showed
when it was rendered per request. Each batch is its own transaction, so that a long backfill
never holds the comment table, and a run that stopped half-way resumes where it stopped: only
the comments still without HTML are rendered (a comment body is never empty).
"""

from django.db import migrations, transaction

from moderation.text.rendering import render_comment_body

BACKFILL_BATCH_SIZE = 1000


def render_stored_bodies(apps, schema_editor, batch_size=BACKFILL_BATCH_SIZE):
    """Fill `body_html` where it is empty, a batch at a time, walking the ids upwards."""
    Comment = apps.get_model("moderation", "Comment")
    unrendered = Comment.objects.filter(body_html="").order_by("pk").only("pk", "body")
    last_id = 0
    while batch := list(unrendered.filter(pk__gt=last_id)[:batch_size]):
        for comment in batch:
            comment.body_html = render_comment_body(comment.body)
        with transaction.atomic():
            Comment.objects.bulk_update(batch, ["body_html"])
        last_id = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("moderation", "0004_comment_body_html"),
    ]

    operations = [
        migrations.RunPython(render_stored_bodies, migrations.RunPython.noop, atomic=False, elidable=True),
    ]
