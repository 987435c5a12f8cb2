"""
Every comment's address in the one form it is matched in (moderation.text.normalise.email_key): SQLite's
case-insensitive comparison folds ASCII letters only, so erasure and export missed addresses
differing in the case of a non-ASCII letter. The fold is written out here, frozen as it was
when this ran. Batches are their own transactions and a stopped run resumes.
"""

from django.db import migrations, models, transaction

BACKFILL_BATCH_SIZE = 1000


def fill_email_keys(apps, schema_editor, batch_size=BACKFILL_BATCH_SIZE):
    Comment = apps.get_model("moderation", "Comment")
    missing = Comment.objects.filter(author_email_key="").order_by("pk").only("pk", "author_email")
    last_id = 0
    while batch := list(missing.filter(pk__gt=last_id)[:batch_size]):
        for comment in batch:
            comment.author_email_key = comment.author_email.strip().casefold()
        with transaction.atomic():
            Comment.objects.bulk_update(batch, ["author_email_key"])
        last_id = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("moderation", "0005_render_comment_bodies"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="author_email_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=254),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="comment",
            name="author_email",
            field=models.EmailField(max_length=254),
        ),
        migrations.RunPython(fill_email_keys, migrations.RunPython.noop, atomic=False, elidable=True),
    ]
