"""
The "Comment moderators" group, holding moderation.moderate_comment and access to the Wagtail
admin (to sign in there and use the admin session). Wagtail's own "Moderators" group is about
pages; the two stay apart.
"""

from django.db import migrations

GROUP_NAME = "Comment moderators"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations ran; this one is needed now.
    comment_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="comment")
    moderate, _ = Permission.objects.get_or_create(
        content_type=comment_type,
        codename="moderate_comment",
        defaults={"name": "Can moderate readers' comments"},
    )
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(moderate, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
