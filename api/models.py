"""
Articles' JSON, stored once built (api/content/stored.py reads and keeps it), and the versions
that say whether a stored copy still shows what its article does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RepresentationVersion(models.Model):
    """
    How many times what an article's JSON shows has changed (the article, or a snippet, image
    or page it uses), or, for scope 0, what every article's shows (a site, a move, a tag). A
    scope without a row is at version 0.
    """

    EVERY_ARTICLE = 0

    scope = models.PositiveIntegerField(primary_key=True, help_text=_("An article's page id, or 0: all."))
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("representation version")

    def __str__(self):
        return f"{self.scope or 'every article'}: {self.value}"

    @classmethod
    def bump(cls, article_ids, using=None):
        """
        Void the stored JSON of these articles. Rows are created first, then incremented: two
        changes racing both move the version, whichever created its row.
        """
        scopes = sorted(set(article_ids))
        if not scopes:
            return
        versions = cls.objects.using(using)
        versions.bulk_create([cls(scope=scope) for scope in scopes], ignore_conflicts=True)
        versions.filter(scope__in=scopes).update(value=models.F("value") + 1)

    @classmethod
    def bump_all(cls, using=None):
        """Void every article's stored JSON."""
        cls.bump([cls.EVERY_ARTICLE], using)

    @classmethod
    def current(cls, article_ids):
        """{scope: version} of these articles and of scope 0."""
        scopes = {cls.EVERY_ARTICLE, *article_ids}
        versions = dict.fromkeys(scopes, 0)
        versions.update(cls.objects.filter(scope__in=scopes).values_list("scope", "value"))
        return versions


class StoredRepresentation(models.Model):
    """
    An article's JSON as listings (`summary`) or its detail (`detail`) show it, without what
    changes apart from the article (its comment count, its related articles), for one `variant`
    of the API (its address, language and settings). It is what the article shows while the
    versions it was built from are current.
    """

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("summary")
        DETAIL = "detail", _("detail")

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=7, choices=Kind.choices)
    variant = models.CharField(max_length=40)
    data = models.JSONField()
    article_version = models.PositiveBigIntegerField()
    global_version = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("stored representation")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "variant"], name="stored_representation_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} of article {self.article_id}"
