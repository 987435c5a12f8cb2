"""The content version: the one counter every stored public response is keyed on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """
    One row, moved forward in the transaction of every change readers can see
    (api/caching/version.py). `changed_at` (Unix seconds) is the public content's Last-Modified;
    it moves at least a second per change, so a client's If-Modified-Since never matches
    content changed after it.
    """

    value = models.PositiveBigIntegerField(default=0)
    changed_at = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return f"version {self.value}"
