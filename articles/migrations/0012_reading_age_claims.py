"""
Store each article's reading age and grade (articles/governance/readability.py) and its count of
claims citing no evidence (articles/governance/claims.py), as ArticlePage.save() now does, and
fill them for the existing pages from their bodies. Benefits get an `evidence` field.
"""

from itertools import islice

from django.db import migrations, models

from articles.governance.claims import uncited_claims
from articles.governance.readability import body_facts

BATCH_SIZE = 500


def store_governance_facts(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    pages = ArticlePage.objects.only("body").order_by("pk").iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(pages, BATCH_SIZE)):
        for page in batch:
            raw_stream = list(page.body.raw_data)
            page.body_readability = body_facts(raw_stream)
            page.reading_age = page.body_readability["reading_age"]
            page.reading_grade = page.body_readability["grade"]
            page.uncited_claim_count = len(uncited_claims(raw_stream))
        fields = ["body_readability", "reading_age", "reading_grade", "uncited_claim_count"]
        ArticlePage.objects.bulk_update(batch, fields)


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
        migrations.AddField(
            model_name="articlepage",
            name="body_readability",
            field=models.JSONField(default=dict, editable=False),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="uncited_claim_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(store_governance_facts, migrations.RunPython.noop),
    ]
