"""
What Wagtail does when a workflow is approved (its WAGTAIL_FINISH_WORKFLOW_ACTION setting): publish
the approved page, as Wagtail's own action does. An article under the medical sign-off may not be
published by pressing Publish, by anyone (signoff.SignOffArticlePermissions), so the approval
itself is what lets it go live: its publish skips the approver's publish permission. The task
has already refused anyone but a medical reviewer other than the submitter (MedicalReviewTask).

Wagtail imports this while it loads its own models, so the import of the sign-off is deferred to
the call.
"""

from wagtail.workflows import publish_workflow_state

FINISH_ACTION = "articles.governance.finish.publish_approved"


def publish_approved(workflow_state, user=None):
    from .signoff import is_sign_off_workflow

    if not is_sign_off_workflow(workflow_state.workflow):
        return publish_workflow_state(workflow_state, user=user)
    revision = workflow_state.content_object.get_latest_revision()
    return revision.publish(user=user, skip_permission_checks=True)
