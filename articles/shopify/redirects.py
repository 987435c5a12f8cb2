"""
The shop's own URL redirects (Admin API `urlRedirects`, or the admin's redirects export) carried
over as Wagtail redirects, so that an address that led somewhere on Shopify still does.

A redirect whose target is an imported article's old address (`/blogs/<blog>/<handle>`) leads to
that article's page, and follows it if it moves; any other target is kept as a link. A redirect
already here with the same path and target is left as it is, so a re-run changes nothing.
"""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect


def import_redirects(redirects, *, report):
    for redirect in redirects:
        path = Redirect.normalise_path(redirect.path)
        page = article_page_at(redirect.target)
        wanted = {
            "redirect_page": page,
            "redirect_link": "" if page else redirect.target,
            "is_permanent": True,
        }
        existing = Redirect.objects.filter(old_path=path, site=None).first()
        if existing and all(getattr(existing, name) == value for name, value in wanted.items()):
            report.count("redirects", "kept")
            continue
        Redirect.objects.update_or_create(old_path=path, site=None, defaults=wanted)
        outcome = "updated" if existing else "created"
        report.count("redirects", outcome)
        report.change(f"redirect {path} -> {redirect.target}: {outcome}")


def article_page_at(target):
    """The page an imported article's old address leads to, when `target` is one."""
    parts = urlsplit(target)
    if not parts.path.startswith("/blogs/"):
        return None
    found = Redirect.objects.filter(
        old_path=Redirect.normalise_path(parts.path), redirect_page__isnull=False
    ).first()
    return found.redirect_page if found else None
