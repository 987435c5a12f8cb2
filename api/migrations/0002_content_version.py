"""
Replace articles' stored JSON and its versions with the one content version responses are
cached on (docs/caching.md).
"""

from django.db import migrations, models


def create_version(apps, schema_editor):
    apps.get_model("articles_api", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("articles_api", "0001_stored_representations"),
    ]

    operations = [
        migrations.DeleteModel(name="StoredRepresentation"),
        migrations.DeleteModel(name="RepresentationVersion"),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.PositiveBigIntegerField(default=0)),
                ("changed_at", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(create_version, migrations.RunPython.noop),
    ]
