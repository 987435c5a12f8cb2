"""
Articles' JSON, stored once built (api/content/stored.py reads and keeps it), and the versions
that say whether a stored copy still shows what the database does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RepresentationVersion(models.Model):
    """
    How many times something stored copies depend on has changed. Keys: `article:<id>` (the
    article, or a snippet, image or page it uses), `pages` (which articles are published, where,
    and their taxonomies: what related articles are ranked on) and `all` (what every article's
    JSON shows: a site, a move, a tag). A key without a row is at version 0.
    """

    ALL = "all"
    PAGES = "pages"

    key = models.CharField(max_length=40, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("representation version")

    def __str__(self):
        return f"{self.key}: {self.value}"

    @staticmethod
    def article(pk):
        return f"article:{pk}"

    @classmethod
    def bump(cls, keys, using=None):
        """
        Void the stored copies depending on these keys. Rows are created first, then
        incremented: two changes racing both move the version, whichever created the row.
        """
        keys = sorted(set(keys))
        if not keys:
            return
        versions = cls.objects.using(using)
        versions.bulk_create([cls(key=key) for key in keys], ignore_conflicts=True)
        versions.filter(key__in=keys).update(value=models.F("value") + 1)

    @classmethod
    def bump_articles(cls, article_ids):
        cls.bump([cls.article(pk) for pk in article_ids])

    @classmethod
    def current(cls, keys):
        """{key: version} of these keys."""
        versions = dict.fromkeys(keys, 0)
        versions.update(cls.objects.filter(key__in=versions).values_list("key", "value"))
        return versions


class StoredRepresentation(models.Model):
    """
    An article's JSON as listings (`summary`) or its detail (`detail`) show it, or its related
    articles' (`related`, a list of summaries), without comment counts, for one `variant` of the
    API (its address, language and settings). It is what the database shows while every version
    in `versions` (read before it was built) is current.
    """

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("summary")
        DETAIL = "detail", _("detail")
        RELATED = "related", _("related articles")

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=7, choices=Kind.choices)
    variant = models.CharField(max_length=40)
    # JSON as text: it reads back byte for byte as it was built (PostgreSQL's jsonb would reorder
    # its keys, and a response's ETag would change once for nothing).
    json = models.TextField()
    versions = models.JSONField()

    class Meta:
        verbose_name = _("stored representation")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "variant"], name="stored_representation_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} of article {self.article_id}"
