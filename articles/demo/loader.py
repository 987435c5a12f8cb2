"""
Load the demo content into the database, idempotently.

Every step looks the object up by a natural key (slug, name) and makes it match the data file,
so running the loader again creates nothing new; the demo article gets a new published revision
only when it differs from the data file (for instance after an editor changed it).
"""

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from articles.models import ArticleIndexPage, ArticlePage
from articles.snippets import ClinicLocation, Condition, Technique

DEMO_FILE = Path(__file__).with_name("massage-for-knee-pain.json")
DEMO_EDITOR_GROUPS = ("Editors", "Moderators")
# The demo reviewer signs off what the demo editor submits (articles/governance/signoff.py).
DEMO_REVIEWER_GROUPS = ("Medical reviewers",)
WAGTAIL_PLACEHOLDER_TITLE = "Welcome to your new Wagtail site!"
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class DemoResult:
    site: Site
    index: ArticleIndexPage
    article: ArticlePage
    article_status: str  # "created", "updated" or "unchanged"


def read_demo_data(path=DEMO_FILE):
    with open(path, encoding="utf-8") as data_file:
        return json.load(data_file)


@transaction.atomic
def load_demo(data):
    """Create or update the site, blog index, library snippets, clinic and the article."""
    root = Page.get_first_root_node()
    index = load_index(root, data["index"])
    site = load_site(index, data["site"])
    remove_wagtail_placeholder(root)
    ClinicLocation.objects.update_or_create(
        name=data["clinic"]["name"], city=data["clinic"]["city"], defaults=data["clinic"]
    )
    conditions = {
        item["slug"]: Condition.objects.update_or_create(slug=item["slug"], defaults=item)[0]
        for item in data["conditions"]
    }
    techniques = {
        item["slug"]: Technique.objects.update_or_create(slug=item["slug"], defaults=item)[0]
        for item in data["techniques"]
    }
    article, status = load_article(index, data["article"], conditions, techniques)
    return DemoResult(site=site, index=index, article=article, article_status=status)


def load_index(root, fields):
    index = ArticleIndexPage.objects.child_of(root).filter(slug=fields["slug"]).first()
    if index is None:
        index = ArticleIndexPage(**fields, live=False)
        root.add_child(instance=index)
    elif all(getattr(index, name) == value for name, value in fields.items()) and index.live:
        return index
    for name, value in fields.items():
        setattr(index, name, value)
    index.save_revision(log_action=True).publish()
    index.refresh_from_db()
    return index


def load_site(index, fields):
    """
    The default site serves the blog index: a headless CMS needs no separate home page. It is at
    this server's address (WAGTAILADMIN_BASE_URL, e.g. `make run PORT=8011`), else the demo's.
    """
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    address = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    site.hostname = address.hostname or fields["hostname"]
    site.port = (address.port or DEFAULT_PORTS.get(address.scheme)) if address.hostname else fields["port"]
    site.site_name = fields["site_name"]
    site.root_page = index
    site.save()
    return site


def remove_wagtail_placeholder(root):
    """
    Delete the "Welcome to your new Wagtail site!" page Wagtail's migrations create, once no site
    uses it, and only while nobody has touched it (no revision, no children).
    """
    Page.objects.child_of(root).filter(
        content_type=ContentType.objects.get_for_model(Page),
        title=WAGTAIL_PLACEHOLDER_TITLE,
        latest_revision__isnull=True,
        numchild=0,
        sites_rooted_here__isnull=True,
    ).delete()


def load_article(index, fields, conditions, techniques):
    fields = dict(fields)
    condition_objects = [conditions[slug] for slug in fields.pop("conditions")]
    fields["body"] = with_technique_ids(fields["body"], techniques)
    article = ArticlePage.objects.child_of(index).filter(slug=fields["slug"]).first()
    if article is None:
        article = ArticlePage(**fields, live=False)
        article.conditions.set(condition_objects)
        index.add_child(instance=article)
        status = "created"
    elif article_matches(article, fields, condition_objects):
        return article, "unchanged"
    else:
        for name, value in fields.items():
            setattr(article, name, value)
        article.conditions.set(condition_objects)
        status = "updated"
    article.save_revision(log_action=True).publish()
    article.refresh_from_db()
    return article, status


def with_technique_ids(body, techniques):
    """The data file names library techniques by slug; the stream stores their ids."""
    resolved = []
    for block in body:
        if block["type"] == "techniques":
            items = [
                {**item, "technique": techniques[item["technique"]].pk} for item in block["value"]["items"]
            ]
            block = {**block, "value": {**block["value"], "items": items}}
        resolved.append(block)
    return resolved


def article_matches(article, fields, conditions):
    """True when the live article already says exactly what the data file says."""
    if not article.live or article.has_unpublished_changes:
        return False
    if {condition.pk for condition in article.conditions.all()} != {c.pk for c in conditions}:
        return False
    if comparable(article.body) != comparable(article.body.stream_block.to_python(fields["body"])):
        return False
    return all(getattr(article, name) == value for name, value in fields.items() if name != "body")


def comparable(stream):
    """
    A stream as JSON in Wagtail's current format, whichever format its source had (a list's items
    as plain values or as blocks), its generated block ids left out: two streams compare by content.
    """
    return without_ids([child.get_prep_value() for child in stream])


def without_ids(value):
    """Stream data with the generated block ids left out, so two streams compare by content."""
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items() if key != "id"}
    return value


def ensure_demo_editor(*, username, password, email="", groups=DEMO_EDITOR_GROUPS):
    """
    The demo editor: an ordinary editor (not a superuser) in Wagtail's Editors and Moderators
    groups, so the demo shows what an editor really sees: pages, publishing, the article library.
    """
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    if user.email != email or not user.is_active or not user.check_password(password):
        user.email = email
        user.is_active = True
        user.set_password(password)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
