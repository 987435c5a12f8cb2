"""
Store each article's reading age and grade (articles/governance/readability.py), as
ArticlePage.save() now does, and fill them for the existing pages from their bodies.
"""

from itertools import islice

from django.db import migrations, models

from articles.governance.readability import article_readability

BATCH_SIZE = 500


def store_reading_ages(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    pages = ArticlePage.objects.only("body").order_by("pk").iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(pages, BATCH_SIZE)):
        for page in batch:
            found = article_readability(list(page.body.raw_data))
            page.reading_age = found.reading_age if found else None
            page.reading_grade = found.grade if found else None
        ArticlePage.objects.bulk_update(batch, ["reading_age", "reading_grade"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_medical_sign_off_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="reading_age",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="reading_grade",
            field=models.FloatField(editable=False, null=True),
        ),
        migrations.RunPython(store_reading_ages, migrations.RunPython.noop),
    ]
