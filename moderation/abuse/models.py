"""
What abuse protection remembers: the blocklist moderators manage, and what is known of each
commenter's email address (confirmed? trust revoked?). Imported by moderation/models.py.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text.links import normalise_domain, normalise_email
from ..text.normalise import fold


class BlocklistEntry(models.Model):
    """A word, email address, IP address or network, or domain that marks a comment as spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("Email address")
        IP = "ip", _("IP address or network")
        DOMAIN = "domain", _("Domain (in the email or a link)")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(
        max_length=255,
        help_text=_(
            "A word or phrase (any case), an email address, an IP address or network such as "
            "203.0.113.0/24, or a domain such as spam.example (its subdomains too)."
        ),
    )
    reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="blocklist_unique_value")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = normalise_blocklist_value(self.kind, self.value)
        super().save(*args, **kwargs)

    def clean(self):
        try:
            self.value = normalise_blocklist_value(self.kind, self.value)
        except ValueError as error:
            raise ValidationError({"value": str(error)}) from None


def normalise_blocklist_value(kind, value):
    """
    The one spelling of `value` that matching compares with (moderation/text/links.py, text.py);
    ValueError when it is not one.
    """
    value = (value or "").strip()
    if not value:
        raise ValueError(_("Enter a value."))
    if kind == BlocklistEntry.Kind.IP:
        try:
            return str(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValueError(_("Enter an IP address or a network such as 203.0.113.0/24.")) from None
    if kind == BlocklistEntry.Kind.DOMAIN:
        value = normalise_domain(value.removeprefix("@").removeprefix("*."))
        if "." not in value or any(char in value for char in "/@ :"):
            raise ValueError(_("Enter a domain such as spam.example."))
        return value
    if kind == BlocklistEntry.Kind.EMAIL:
        if "@" not in value:
            raise ValueError(_("Enter an email address."))
        return normalise_email(value)
    return fold(value)


class Commenter(models.Model):
    """
    An email address that commented: whether its owner proved they read it, and whether a
    moderator took trust away. Trust is never inferred from a name or an address typed in a form.
    """

    email = models.EmailField(unique=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    trust_revoked_at = models.DateTimeField(null=True, blank=True)
    trust_revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trust_revoked_reason = models.CharField(max_length=255, blank=True)
    # The reader's one-click unsubscribe (moderation/delivery/unsubscribe.py): no email is sent
    # to the address afterwards, whatever a comment asked for.
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email
