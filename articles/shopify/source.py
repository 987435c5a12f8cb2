"""
A Shopify export, read and checked before anything is written.

Files hold the Admin API's REST JSON: `{"articles": [...]}`, `{"comments": [...]}` or
`{"blogs": [...]}`, the top-level key saying which. Every record is checked field by field, so
a malformed file stops the import with a message naming the file, the record and the field,
before the database is touched. The GraphQL client (graphql.py) hands its records to the same
checks, so the importer sees one shape whatever the source.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime

COMMENT_STATUSES = {"published", "unapproved", "pending", "spam", "removed"}


class SourceError(Exception):
    """A file or an API answer that is not a Shopify export; the message says where and what."""


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""


@dataclass(frozen=True)
class Article:
    id: int
    blog_id: int | None
    title: str
    handle: str
    body_html: str
    author: str = ""
    summary_html: str = ""
    tags: tuple = ()
    published: bool = False
    published_at: datetime | None = None
    image: Image | None = None


@dataclass(frozen=True)
class Comment:
    id: int
    article_id: int
    body: str
    author: str
    email: str
    status: str
    created_at: datetime
    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class Blog:
    id: int
    handle: str


@dataclass
class Export:
    articles: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    blogs: list = field(default_factory=list)

    def extend(self, other):
        self.articles += other.articles
        self.comments += other.comments
        self.blogs += other.blogs

    def for_blog(self, handle):
        """
        The articles of the blog `handle`. A blogs file (GET /admin/api/<version>/blogs.json)
        names each blog_id's handle; without one, every article given is taken to be of the blog
        (an export of `/blogs/<id>/articles.json` holds one blog's articles).
        """
        if not self.blogs:
            return list(self.articles)
        ids = {blog.id for blog in self.blogs if blog.handle == handle}
        if not ids:
            known = ", ".join(sorted(blog.handle for blog in self.blogs))
            raise SourceError(f"No blog has the handle {handle!r} (the blogs given: {known}).")
        return [article for article in self.articles if article.blog_id in ids]


def read_files(paths):
    """Every file's records, checked; SourceError on the first file that is not an export."""
    export = Export()
    for path in paths:
        try:
            with open(path, encoding="utf-8") as source:
                data = json.load(source)
        except OSError as error:
            raise SourceError(f"{path}: cannot be read ({error.strerror}).") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise SourceError(f"{path}: not valid JSON ({error}).") from error
        export.extend(parse_export(data, str(path)))
    return export


def parse_export(data, name):
    """The records of one export document (`name` says where it came from, for messages)."""
    keys = set(data) & set(PARSERS) if isinstance(data, dict) else set()
    if len(keys) != 1:
        raise SourceError(
            f"{name}: expected a JSON object with one of the keys "
            f'"articles", "comments" or "blogs" at the top level.'
        )
    (key,) = keys
    records = data[key]
    if not isinstance(records, list):
        raise SourceError(f'{name}: "{key}" must be a list.')
    parsed = [PARSERS[key](Record(record, f"{name}: {key}[{i}]")) for i, record in enumerate(records)]
    return Export(**{key: parsed})


class Record:
    """One record of a file, read field by field with its type checked."""

    def __init__(self, data, where):
        if not isinstance(data, dict):
            raise SourceError(f"{where}: must be a JSON object.")
        self.data = data
        self.where = f"{where} (id {data['id']})" if "id" in data else where

    def get(self, name, kind, required=False, default=None):
        value = self.data.get(name)
        if value is None or (required and value == ""):
            if required:
                raise SourceError(f"{self.where}: {name!r} is missing.")
            return default
        # JSON's true and false are ints to Python: a number field must not accept them.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            expected = getattr(kind, "__name__", None) or " or ".join(k.__name__ for k in kind)
            raise SourceError(f"{self.where}: {name!r} must be {TYPE_NAMES.get(expected, expected)}.")
        return value

    def text(self, name, required=False):
        return self.get(name, str, required, default="")

    def datetime(self, name, required=False):
        value = self.text(name, required)
        if not value:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            raise SourceError(f"{self.where}: {name!r} is not a date and time: {value!r}.")
        return parsed


TYPE_NAMES = {"int": "a number", "str": "a string", "bool": "true or false", "dict": "an object"}


def parse_tags(record):
    """Tags as the REST API gives them ("a, b") or as GraphQL does (a list)."""
    tags = record.get("tags", (str, list), default="")
    names = tags.split(",") if isinstance(tags, str) else tags
    if not all(isinstance(name, str) for name in names):
        raise SourceError(f"{record.where}: 'tags' must be a string or a list of strings.")
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


def parse_image(record):
    image = record.get("image", dict)
    if image is None:
        return None
    image_record = Record(image, f"{record.where}: image")
    return Image(src=image_record.text("src", required=True), alt=image_record.text("alt"))


def parse_article(record):
    published_at = record.datetime("published_at")
    published = record.get("published", bool, default=published_at is not None)
    return Article(
        id=record.get("id", int, required=True),
        blog_id=record.get("blog_id", int),
        title=record.text("title", required=True),
        handle=record.text("handle", required=True),
        body_html=record.text("body_html"),
        author=record.text("author"),
        summary_html=record.text("summary_html"),
        tags=parse_tags(record),
        published=published,
        published_at=published_at,
        image=parse_image(record),
    )


def parse_comment(record):
    status = record.text("status", required=True)
    if status not in COMMENT_STATUSES:
        raise SourceError(
            f"{record.where}: 'status' must be one of {', '.join(sorted(COMMENT_STATUSES))}, not {status!r}."
        )
    return Comment(
        id=record.get("id", int, required=True),
        article_id=record.get("article_id", int, required=True),
        body=record.text("body", required=True),
        author=record.text("author", required=True),
        email=record.text("email"),
        status=status,
        created_at=record.datetime("created_at", required=True),
        ip=record.text("ip"),
        user_agent=record.text("user_agent"),
    )


def parse_blog(record):
    return Blog(id=record.get("id", int, required=True), handle=record.text("handle", required=True))


PARSERS = {"articles": parse_article, "comments": parse_comment, "blogs": parse_blog}
