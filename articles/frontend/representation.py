"""
What a response about several articles needs besides the article rows, fetched in bulk.

An article's JSON refers to other objects: the techniques its body recommends, images (hero,
social, image blocks), pages and documents linked from rich text, clinics. Read one article at a
time, each costs queries per article and per block. `ArticleSet` collects what the articles of a
response refer to and fetches each kind once: the same number of queries for 1 article or 100.

Listed articles are never read from their bodies: their techniques and word count are stored on
the page when it is saved (ArticlePage.store_body_facts), so a listing neither loads nor parses a
body. Their tags and conditions are read as plain values, one query each for all of them.
Articles shown whole (a detail, a preview's draft) are read from themselves: the body they show,
with Wagtail's `bulk_to_python`, and their own tags and conditions (a draft holds its own).
"""

import math
from collections import defaultdict

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from ..conf import articles_settings
from ..models import ArticlePage, ArticlePageTag, AuthorCredential, Technique
from ..raw_body import technique_ids, word_count
from ..snippets import split_names
from .images import ImageSet
from .richtext import FrontendRichText

BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block


class ArticleSet:
    """
    The articles of one response. `full` are those shown whole (body, SEO image, JSON-LD); the
    others are listed (hero image, techniques, reading time).
    """

    def __init__(self, articles, *, full=(), drafts=(), request=None):
        self.request = request
        articles, full = list(articles), list(full)
        # Articles shown whole from a draft (a preview): their tags and conditions are their own.
        self._drafts = {article.pk for article in drafts}
        self._read_bodies(articles, full)
        references = self._references(self._bodies.values())
        # Bodies shown whole have their techniques already (bulk_to_python fetched them).
        self._techniques = chosen_techniques(self._bodies.values())
        missing = {pk for ids in self._technique_ids.values() for pk in ids} - self._techniques.keys()
        self._techniques.update(Technique.objects.in_bulk(missing) if missing else {})
        saved = [article.pk for article in articles + full if article.pk not in self._drafts]
        self._tags = tags_by_article(saved)
        self._conditions = conditions_by_article(saved)
        people = {a.author_id for a in articles + full} | {a.medical_reviewer_id for a in full}
        self._credentials = credentials_by_author(people - {None})
        image_ids = {a.hero_image_id for a in articles + full} | {a.social_image_id for a in full}
        self.images = ImageSet.fetch(image_ids | references[get_image_model()])
        self.rich_text = FrontendRichText(
            references[Page], references[get_document_model()], self.images, request
        )

    def _read_bodies(self, articles, full):
        """
        What each body says: stored on the page for a listed article; for one shown whole, read
        from the body shown (the published content for a page row, the draft for a preview).
        """
        self._technique_ids = {article.pk: article.body_technique_ids for article in articles}
        self._word_counts = {article.pk: article.body_word_count for article in articles}
        raw_bodies = [list(article.body.raw_data) for article in full]
        for article, raw_stream in zip(full, raw_bodies, strict=True):
            self._technique_ids[article.pk] = technique_ids(raw_stream)
            self._word_counts[article.pk] = word_count(raw_stream)
        bodies = BODY_BLOCK.bulk_to_python(raw_bodies)
        self._bodies = {article.pk: body for article, body in zip(full, bodies, strict=True)}

    def covers(self, articles, full=()):
        """Whether this set was prepared for these articles (and these shown whole)."""
        listed = {a.pk for a in articles} <= self._technique_ids.keys()
        return listed and {a.pk for a in full} <= self._bodies.keys()

    @property
    def block_context(self):
        """The context blocks' get_api_representation() reads the prefetched objects from."""
        return {"request": self.request, "images": self.images, "rich_text": self.rich_text}

    def body(self, article):
        """The article's body as blocks (StreamValue); only for articles shown whole."""
        return self._bodies[article.pk]

    def techniques(self, article):
        """The library techniques the body recommends, in order, without repeats."""
        found = (self._techniques.get(pk) for pk in self._technique_ids[article.pk])
        return [technique for technique in found if technique is not None]

    def tags(self, article):
        """The article's tags as `{"slug", "name"}`, by name."""
        if article.pk in self._drafts:
            return sorted(slug_names(article.tags.all()), key=by_name)
        return self._tags.get(article.pk, [])

    def conditions(self, article):
        """The conditions the article is about as `{"slug", "name"}`, by name."""
        return [{"slug": item["slug"], "name": item["name"]} for item in self.condition_details(article)]

    def condition_details(self, article):
        """The conditions as the JSON-LD describes them: `{"slug", "name", "other_names", "body_area"}`."""
        if article.pk in self._drafts:
            return [
                condition_detail(condition.slug, condition.name, condition.other_names, condition.body_area)
                for condition in article.conditions.all()
            ]
        return self._conditions.get(article.pk, [])

    def credentials(self, author):
        """The author's (or reviewer's) AuthorCredentials, in the editor's order."""
        return self._credentials.get(author.pk, [])

    def reading_time_minutes(self, article):
        words = len(f"{article.title} {article.summary}".split()) + self._word_counts[article.pk]
        return max(1, math.ceil(words / articles_settings.ARTICLES_WORDS_PER_MINUTE))

    @staticmethod
    def _references(bodies):
        """Ids of the objects the bodies refer to, by model (concrete base class for pages)."""
        references = defaultdict(set)
        for body in bodies:
            for model, pk, _path, _content_path in BODY_BLOCK.extract_references(body):
                key = Page if issubclass(model, Page) else model
                references[key].add(pk)
        return references


def chosen_techniques(bodies):
    """{pk: Technique} of the techniques blocks of bodies already converted to blocks."""
    return {
        item["technique"].pk: item["technique"]
        for body in bodies
        for block in body
        if block.block_type == "techniques"
        for item in block.value["items"]
        if item["technique"] is not None
    }


def slug_names(objects):
    """`[{"slug", "name"}]` of tags, conditions or techniques."""
    return [{"slug": obj.slug, "name": obj.name} for obj in objects]


def by_name(item):
    """Sort key of tags: their names without regard to case, then their slugs."""
    return item["name"].lower(), item["slug"]


def tags_by_article(article_ids):
    """{article id: [{"slug", "name"}]} of these articles' tags, by name."""
    rows = ArticlePageTag.objects.filter(content_object_id__in=article_ids).values_list(
        "content_object_id", "tag__slug", "tag__name"
    )
    tags = grouped(rows, ("slug", "name"))
    return {pk: sorted(items, key=by_name) for pk, items in tags.items()}


def conditions_by_article(article_ids):
    """{article id: [condition_detail]} of the conditions these articles are about, by name."""
    fields = ("slug", "name", "other_names", "body_area")
    rows = (
        ArticlePage.conditions.through.objects.filter(articlepage_id__in=article_ids)
        .order_by("condition__name", "condition_id")
        .values_list("articlepage_id", *(f"condition__{field}" for field in fields))
    )
    details = defaultdict(list)
    for pk, *values in rows:
        details[pk].append(condition_detail(*values))
    return details


def condition_detail(slug, name, other_names, body_area):
    """A condition as the JSON-LD describes it; `other_names` as the editor typed them."""
    return {"slug": slug, "name": name, "other_names": split_names(other_names), "body_area": body_area}


def credentials_by_author(author_ids):
    """{author id: [AuthorCredential]} of these people's credentials, in the editor's order."""
    if not author_ids:
        return {}  # articles without authors: not even a queryset to build
    credentials = defaultdict(list)
    for credential in AuthorCredential.objects.filter(author_id__in=author_ids).order_by("sort_order", "pk"):
        credentials[credential.author_id].append(credential)
    return credentials


def grouped(rows, names):
    """`{key: [{name: value}]}` of rows `(key, *values)`, in the rows' order."""
    groups = defaultdict(list)
    for key, *values in rows:
        groups[key].append(dict(zip(names, values, strict=True)))
    return groups
