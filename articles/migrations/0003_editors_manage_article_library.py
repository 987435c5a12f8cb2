"""
Let Wagtail's Editors and Moderators groups manage the article library (techniques, conditions,
authors, clinic locations), as Wagtail's own migrations let them manage images and documents.

A site that renamed or removed those groups is left alone. Permissions are created here if
needed because Django only creates them after all migrations have run.
"""

from django.db import migrations

LIBRARY_MODELS = ("technique", "condition", "author", "cliniclocation")
ACTIONS = ("add", "change", "delete", "view")
GROUPS = ("Editors", "Moderators")


def library_permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    permissions = []
    for model in LIBRARY_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="articles", model=model)
        verbose_name = apps.get_model("articles", model)._meta.verbose_name
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            permissions.append(permission)
    return permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = library_permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = library_permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_cliniclocation_address_optional"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Wagtail's initial data creates the Editors and Moderators groups.
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
