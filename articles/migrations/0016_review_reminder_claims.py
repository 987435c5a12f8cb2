"""
A review reminder is claimed (`claimed_at`) before its email is sent, and marked `sent_at` once it
has left: a claim left unmarked by a run that died while sending is sent by a later run. The rows
already there were sent.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_article_techniques"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewreminder",
            name="claimed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="reviewreminder",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
