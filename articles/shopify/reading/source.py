"""
A Shopify export, read and checked before anything is written.

Records come in the Admin API's REST shape, `{"articles": [...]}`, `{"comments": [...]}`,
`{"blogs": [...]}`, `{"metafields": [...]}` or `{"redirects": [...]}`, the top-level key saying
which; files.py reads them from JSON, and from Matrixify's CSV and XLSX exports. Every record is
checked field by field, so a malformed file stops the import with a message naming the file, the
record and the field, before the database is touched. The GraphQL client (graphql.py) hands its
records to the same checks, so the importer sees one shape whatever the source.
"""

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

COMMENT_STATUSES = {"published", "unapproved", "pending", "spam", "removed"}
DEFAULT_BLOG = "news"
# The SEO metafields Shopify's admin writes for an article ("Search engine listing").
SEO_METAFIELDS = {("global", "title_tag"): "seo_title", ("global", "description_tag"): "seo_description"}


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
    blog: str = ""  # the blog's handle and title, once known (Export.for_blogs)
    blog_title: str = ""
    seo_title: str = ""
    seo_description: str = ""

    @property
    def old_path(self):
        return f"/blogs/{self.blog}/{self.handle}"


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
    title: str = ""


@dataclass(frozen=True)
class Metafield:
    owner_id: int
    namespace: str
    key: str
    value: str


@dataclass(frozen=True)
class UrlRedirect:
    path: str
    target: str


@dataclass
class Export:
    articles: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    blogs: list = field(default_factory=list)
    metafields: list = field(default_factory=list)
    redirects: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (subject, message) of records left out

    def extend(self, other):
        for name in ("articles", "comments", "blogs", "metafields", "redirects", "problems"):
            getattr(self, name).extend(getattr(other, name))

    def for_blogs(self, handles=None):
        """
        The articles of the blogs `handles` (every blog when None), each with its blog's handle
        and its SEO metafields. A blogs file (GET /admin/api/<version>/blogs.json) names each
        blog_id's handle; without one, an article is of the blog its record names, else of the
        one blog asked for, else of Shopify's default blog, "news".
        """
        names = {blog.id: blog.handle for blog in self.blogs}
        titles = {blog.handle: blog.title for blog in self.blogs}
        known = set(names.values())
        for handle in handles or ():
            if self.blogs and handle not in known:
                given = ", ".join(sorted(known))
                raise SourceError(f"No blog has the handle {handle!r} (the blogs given: {given}).")
        fallback = handles[0] if handles and len(handles) == 1 else DEFAULT_BLOG
        seo = self.seo_by_article()
        chosen = []
        for article in self.articles:
            blog = names.get(article.blog_id) or article.blog or fallback
            if handles and blog not in handles:
                continue
            chosen.append(
                replace(article, blog=blog, blog_title=titles.get(blog, ""), **seo.get(article.id, {}))
            )
        return chosen

    def seo_by_article(self):
        seo = {}
        for metafield in self.metafields:
            name = SEO_METAFIELDS.get((metafield.namespace, metafield.key))
            if name:
                seo.setdefault(metafield.owner_id, {})[name] = one_line(metafield.value)
        return seo


def one_line(value):
    """
    A title, name or tag on one line: NFC, line breaks and tabs as spaces, control and bidirectional
    override characters out, whitespace collapsed (a title with a newline breaks email subjects).
    """
    value = unicodedata.normalize("NFC", value or "")
    kept = (char if not char.isspace() else " " for char in value if not is_hidden_control(char))
    return " ".join("".join(kept).split())


def is_hidden_control(char):
    category = unicodedata.category(char)
    return (category == "Cc" and not char.isspace()) or (category == "Cf" and char not in "\u200d")


def parse_export(data, name):
    """The records of one export document (`name` says where it came from, for messages)."""
    keys = set(data) & set(PARSERS) if isinstance(data, dict) else set()
    if len(keys) != 1:
        raise SourceError(
            f"{name}: expected a JSON object with one of the keys "
            f'"articles", "comments", "blogs", "metafields" or "redirects" at the top level.'
        )
    (key,) = keys
    records = data[key]
    if not isinstance(records, list):
        raise SourceError(f'{name}: "{key}" must be a list.')
    parsed = [PARSERS[key](Record(record, where(name, key, i, record))) for i, record in enumerate(records)]
    return Export(**{key: [record for record in parsed if record is not None]})


def where(name, key, index, record):
    """How a message names a record: its row in a spreadsheet, its place in a JSON list."""
    row = record.pop("_row", None) if isinstance(record, dict) else None
    return f"{name}: row {row}" if row else f"{name}: {key}[{index}]"


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

    def line(self, name, required=False):
        value = one_line(self.text(name, required))
        if required and not value:
            raise SourceError(f"{self.where}: {name!r} has no visible character.")
        return value

    def datetime(self, name, required=False):
        value = self.text(name, required)
        if not value:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            raise SourceError(f"{self.where}: {name!r} is not a date and time: {value!r}.")
        # A time without its offset (a spreadsheet's) is taken as UTC, as Shopify stores it.
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


TYPE_NAMES = {"int": "a number", "str": "a string", "bool": "true or false", "dict": "an object"}


def parse_tags(record):
    """Tags as the REST API gives them ("a, b") or as GraphQL does (a list)."""
    tags = record.get("tags", (str, list), default="")
    names = tags.split(",") if isinstance(tags, str) else tags
    if not all(isinstance(name, str) for name in names):
        raise SourceError(f"{record.where}: 'tags' must be a string or a list of strings.")
    return tuple(dict.fromkeys(one_line(name) for name in names if one_line(name)))


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
        title=record.line("title", required=True),
        handle=record.line("handle", required=True),
        body_html=record.text("body_html"),
        author=record.line("author"),
        summary_html=record.text("summary_html"),
        tags=parse_tags(record),
        published=published,
        published_at=published_at,
        image=parse_image(record),
        blog=record.line("blog_handle"),
    )


def parse_comment(record):
    status = record.text("status", required=True).lower()
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
    return Blog(
        id=record.get("id", int, required=True),
        handle=record.line("handle", required=True),
        title=record.line("title"),
    )


def parse_metafield(record):
    """An article's metafield (GET /articles/<id>/metafields.json); other owners' are skipped."""
    if record.text("owner_resource") not in ("", "article"):
        return None
    return Metafield(
        owner_id=record.get("owner_id", int, required=True),
        namespace=record.text("namespace", required=True),
        key=record.text("key", required=True),
        value=record.text("value"),
    )


def parse_redirect(record):
    """One of the shop's URL redirects (GET /redirects.json, or the admin's CSV export)."""
    path, target = record.line("path", required=True), record.line("target", required=True)
    if not path.startswith("/"):
        raise SourceError(f"{record.where}: 'path' must start with /, not {path!r}.")
    return UrlRedirect(path=path, target=target)


PARSERS = {
    "articles": parse_article,
    "comments": parse_comment,
    "blogs": parse_blog,
    "metafields": parse_metafield,
    "redirects": parse_redirect,
}
