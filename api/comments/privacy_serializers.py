"""
The shapes of a commenter's data export and of an erasure's receipt.

The export's comment shape lists every field of the model but `body_html` (the body rendered,
nothing of its own), so a field added later is exported without anyone remembering to add it here.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from moderation.models import AuditEntry, Comment

from ..internals import ModelSerializer


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=Comment._meta.get_field("author_email").max_length)


class ExportCommentSerializer(ModelSerializer):
    article_slug = serializers.CharField(source="article.slug", read_only=True)
    article_title = serializers.CharField(source="article.title", read_only=True)
    spam_signals = serializers.JSONField(read_only=True)

    class Meta:
        model = Comment
        exclude = ["body_html"]
        read_only_fields = [field.name for field in Comment._meta.concrete_fields]


class ExportAuditEntrySerializer(ModelSerializer):
    comment = serializers.IntegerField(source="comment_id", read_only=True)
    actor = serializers.CharField(
        source="actor_name", read_only=True, help_text=_("Who acted; empty for the commenter.")
    )
    details = serializers.JSONField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "comment",
            "action",
            "from_status",
            "to_status",
            "actor",
            "reason",
            "source",
            "at",
            "details",
        ]
        read_only_fields = fields


class PersonalDataSerializer(serializers.Serializer):
    email = serializers.EmailField()
    comments = ExportCommentSerializer(many=True)
    audit_entries = ExportAuditEntrySerializer(many=True)
    other = serializers.DictField(
        child=serializers.JSONField(),
        help_text=_("What other parts of the site store about the address (blocklist, trust), by name."),
    )


class ErasureSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Names this erasure in the audit log's `erase` entries."))
    comments_deleted = serializers.IntegerField()
    audit_entries_scrubbed = serializers.IntegerField()
    other = serializers.DictField(child=serializers.IntegerField(), help_text=_("Records erased elsewhere."))
