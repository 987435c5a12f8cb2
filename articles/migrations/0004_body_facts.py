"""
Store on each article what listings show of its body (the techniques it recommends, its word
count), and fill them for the existing pages from their bodies, as ArticlePage.save() now does.

Only page rows are filled: a revision is turned into a page only to be published, which saves it,
or to be previewed, which reads its body.
"""

from itertools import islice

from django.db import migrations, models

from articles.raw_body import technique_ids, word_count

BATCH_SIZE = 500


def store_body_facts(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    pages = ArticlePage.objects.only("body").order_by("pk").iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(pages, BATCH_SIZE)):
        for page in batch:
            raw_stream = list(page.body.raw_data)
            page.body_technique_ids = technique_ids(raw_stream)
            page.body_word_count = word_count(raw_stream)
        ArticlePage.objects.bulk_update(batch, ["body_technique_ids", "body_word_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editors_manage_article_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="body_technique_ids",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="body_word_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(store_body_facts, migrations.RunPython.noop),
    ]
