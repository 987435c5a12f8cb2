"""
The techniques each article's body recommends, as rows the ?technique= filter and the technique
counts read (they read Wagtail's reference index, kept by a background task), filled for the
existing pages from the body_technique_ids their last save stored.
"""

import django.db.models.deletion
from django.db import migrations, models


def store_article_techniques(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArticleTechnique = apps.get_model("articles", "ArticleTechnique")
    Technique = apps.get_model("articles", "Technique")
    existing = set(Technique.objects.values_list("pk", flat=True))
    rows = [
        ArticleTechnique(article_id=page_id, technique_id=pk)
        for page_id, ids in ArticlePage.objects.values_list("pk", "body_technique_ids").iterator()
        for pk in dict.fromkeys(ids or [])
        if pk in existing
    ]
    ArticleTechnique.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_shopify_import_blocks_and_source_hash"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleTechnique",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="technique_uses",
                        to="articles.articlepage",
                    ),
                ),
                (
                    "technique",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="article_uses",
                        to="articles.technique",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("article", "technique"), name="unique_article_technique")
                ],
            },
        ),
        migrations.RunPython(store_article_techniques, migrations.RunPython.noop),
    ]
