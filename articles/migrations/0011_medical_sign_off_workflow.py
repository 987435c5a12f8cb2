"""
Ship the two-person medical sign-off: the "Medical reviewers" group (admin access), a "Medical
review" task only they can approve, the "Medical sign-off" workflow with that task, assigned to
every blog index page (its articles inherit it) that has no workflow of its own yet, whose
articles the reviewers may then publish (Wagtail publishes an approved page as its approver).

A site with ARTICLES_MEDICAL_SIGN_OFF = False gets the group but no task or workflow. Reversing
removes the workflow and the task; the group stays (people may have been added to it).
"""

from django.conf import settings
from django.db import migrations

REVIEWERS_GROUP = "Medical reviewers"
WORKFLOW_NAME = "Medical sign-off"
TASK_NAME = "Medical review"


def reviewers_group(apps):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access_admin)
    return group


def create_workflow(apps, schema_editor):
    group = reviewers_group(apps)
    if not getattr(settings, "ARTICLES_MEDICAL_SIGN_OFF", True):
        return
    ContentType = apps.get_model("contenttypes.ContentType")
    MedicalReviewTask = apps.get_model("articles.MedicalReviewTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ArticleIndexPage = apps.get_model("articles.ArticleIndexPage")

    task_type, _ = ContentType.objects.get_or_create(app_label="articles", model="medicalreviewtask")
    task = MedicalReviewTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(group)
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Permission = apps.get_model("auth.Permission")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
    )
    for index in ArticleIndexPage.objects.exclude(pk__in=WorkflowPage.objects.values("page_id")):
        WorkflowPage.objects.create(workflow=workflow, page_id=index.pk)
        GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=publish)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    MedicalReviewTask = apps.get_model("articles.MedicalReviewTask")
    Workflow.objects.filter(workflow_tasks__task__in=MedicalReviewTask.objects.all()).delete()
    MedicalReviewTask.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_medical_sign_off"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
