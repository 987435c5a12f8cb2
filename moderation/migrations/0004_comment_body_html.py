from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_editors_manage_article_library"),
        ("moderation", "0003_blocklist_commenter"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_html",
            field=models.TextField(default="", editable=False),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("status", "pending")), fields=["created_at", "id"], name="comment_pending_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["created_at", "id"], name="comment_created_idx"),
        ),
    ]
