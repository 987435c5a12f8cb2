"""OpenAPI schema helpers for drf-spectacular."""


def only_this_api(endpoints):
    """Document our API alone, not the Wagtail admin's internal endpoints that share DRF."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
