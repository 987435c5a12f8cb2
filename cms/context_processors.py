"""What the host's own templates need in every context."""

from django.conf import settings


def branding(request):
    """
    The clinic's name for the admin's branding blocks (cms/templates/wagtailadmin/): Wagtail's
    login view passes no site name of its own.
    """
    return {"WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME}
