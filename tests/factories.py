"""Factories for the whole suite: snippets, images, pages, users. Build on wagtail-factories."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Page, Site

from articles.models import ArticleIndexPage, ArticlePage
from articles.snippets import Author, AuthorCredential, ClinicLocation, Condition, Technique


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        # The post-generation hooks of the subclasses add groups and permissions: nothing to save.
        skip_postgeneration_save = True


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class TechniqueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Technique {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "Promotes relaxation and circulation"
    pressure = "moderate"

    class Meta:
        model = Technique
        django_get_or_create = ("slug",)


class ConditionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    body_area = "knee"

    class Meta:
        model = Condition
        django_get_or_create = ("slug",)


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    job_title = "Registered massage therapist"

    class Meta:
        model = Author


class AuthorCredentialFactory(factory.django.DjangoModelFactory):
    author = factory.SubFactory(AuthorFactory)
    abbreviation = "RMT"
    name = "Registered Massage Therapist"
    issued_by = "College of Massage Therapists of Alberta"

    class Meta:
        model = AuthorCredential


class ClinicLocationFactory(factory.django.DjangoModelFactory):
    name = "ABD Naturals"
    street_address = "1 Perron Street"
    city = "St. Albert"
    region = "Alberta"
    postal_code = "T8N 1E3"
    booking_url = "https://example.com/book"

    class Meta:
        model = ClinicLocation


def blog_index():
    """The one blog index under the default site's root page, created on first use."""
    index = ArticleIndexPage.objects.first()
    if index:
        return index
    site = Site.objects.get(is_default_site=True)
    index = ArticleIndexPage(title="Blog", slug="blog")
    site.root_page.add_child(instance=index)
    return index


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    parent = factory.LazyFunction(lambda: Page.objects.get(depth=1))

    class Meta:
        model = ArticleIndexPage


def safe_body(technique=None):
    """Stream data for a body that passes the publishing safety rule."""
    technique = technique or TechniqueFactory()
    return [
        {"type": "paragraph", "value": "<p>Knee pain can affect daily life.</p>"},
        {
            "type": "causes",
            "value": {
                "heading": "Common causes",
                "intro": "",
                "items": [{"name": "Tight muscles", "description": "", "kind": "muscular"}],
            },
        },
        {
            "type": "techniques",
            "value": {
                "heading": "Techniques",
                "intro": "",
                "items": [{"technique": technique.pk, "application": "Around the knee."}],
            },
        },
        {
            "type": "contraindications",
            "value": {
                "heading": "When massage may not be appropriate",
                "intro": "",
                "items": [{"condition": "A suspected fracture", "severity": "avoid", "guidance": ""}],
            },
        },
    ]


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A published article under the blog index, with a body that may be published."""

    title = factory.Sequence(lambda n: f"Massage for knee pain, part {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "How massage therapy can support relief and mobility."
    parent = factory.LazyFunction(blog_index)
    body = factory.LazyFunction(safe_body)
    live = True

    class Meta:
        model = ArticlePage
