"""
Work done after the request that caused it: emails and webhook deliveries.

They run on the TASKS backend (django-tasks): immediately after the commit in development and
tests, on a worker in production (docs/moderation.md). Arguments are plain JSON.
"""

from django_tasks import task

from . import notifications, webhooks


@task()
def email_moderators_about_comment(comment_id):
    """Tell the moderators a comment waits for them; the number of emails sent."""
    return notifications.email_moderators(comment_id)


@task()
def deliver_webhook_event(event):
    return webhooks.deliver(event)
