"""
Store on each article the date readers see (the editor's published date, else the day of first
publication) as ArticlePage.save() now does, and fill it for the existing pages.
"""

from django.db import migrations, models
from django.utils import timezone

BATCH_SIZE = 500


def store_listing_dates(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    pages = list(ArticlePage.objects.only("published_date", "first_published_at").order_by("pk"))
    for page in pages:
        first = page.first_published_at
        page.listing_date = page.published_date or (timezone.localdate(first) if first else None)
    ArticlePage.objects.bulk_update(pages, ["listing_date"], batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_body_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="listing_date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(store_listing_dates, migrations.RunPython.noop),
    ]
