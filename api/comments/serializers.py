"""
The shapes of comments in the API. Public shapes never carry an email, IP address or user agent;
the moderators' shape does. No serializer here writes: views hand validated data to a service.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from moderation.abuse import trust
from moderation.models import (
    BODY_MAX_LENGTH,
    BODY_MIN_LENGTH,
    NAME_MAX_LENGTH,
    AuditEntry,
    CannedReply,
    Comment,
)
from moderation.selectors import active_canned_replies, replyable_comment
from moderation.text.limits import REASON_MAX_LENGTH
from moderation.text.normalise import has_visible_character, is_ip_literal_address, normalise_text
from moderation.workflow import ACTIONS

from ..internals import ModelSerializer

BULK_MAX_IDS = 500
# The largest id a database bigint holds; a larger one cannot name a comment.
MAX_COMMENT_ID = 2**63 - 1


class CleanTextField(serializers.CharField):
    """
    Text as moderation/text/normalise.py cleans it (NFC, no control or bidirectional override characters,
    trimmed), its length checked afterwards. Anything but a JSON string is refused, not
    converted; so is text with nothing visible in it (only zero-width characters, say).
    """

    default_error_messages = {
        "invalid": _("Send text (a JSON string)."),
        "invisible": _("This field has no visible character."),
    }

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        text = normalise_text(data, multiline=self.multiline)
        if text and not has_visible_character(text):
            self.fail("invisible")
        return text


def body_field(**kwargs):
    """A comment body: 2 to 5,000 characters once cleaned and trimmed."""
    return CleanTextField(multiline=True, min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH, **kwargs)


def reason_field():
    return CleanTextField(
        multiline=True, required=False, allow_blank=True, max_length=REASON_MAX_LENGTH, default=""
    )


def version_field():
    return serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The version you saw; a stale one is refused with 412. Or send If-Match."),
    )


class PublicCommentSerializer(ModelSerializer):
    parent = serializers.IntegerField(
        source="visible_parent",
        allow_null=True,
        read_only=True,
        help_text=_("The approved comment this one answers, if any."),
    )
    body_html = serializers.CharField(
        read_only=True, help_text=_("The body escaped, with paragraphs, line breaks and nofollow links.")
    )
    verified_customer = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "Posted by a customer logged in to the shop, through Shopify's signed app proxy: "
            'show it as a "verified client" badge.'
        ),
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "author_name",
            "body",
            "body_html",
            "created_at",
            "is_staff_reply",
            "verified_customer",
        ]
        read_only_fields = fields


class ReaderEmailField(serializers.EmailField):
    """An address we may email: at a domain, not at an IP literal (`a@[127.0.0.1]`)."""

    default_error_messages = {"ip_literal": _("Enter an address at a domain name, not an IP address.")}

    def to_internal_value(self, data):
        email = super().to_internal_value(data)
        if is_ip_literal_address(email):
            self.fail("ip_literal")
        return email


class CommentSubmissionSerializer(serializers.Serializer):
    """A reader's comment. The view passes the article in the context."""

    author_name = CleanTextField(min_length=1, max_length=NAME_MAX_LENGTH)
    author_email = ReaderEmailField(max_length=Comment._meta.get_field("author_email").max_length)
    body = body_field()
    parent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_COMMENT_ID,
        help_text=_("The id of the comment answered."),
    )
    form_token = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The token of the comments' form-token endpoint. Without a valid one the comment "
            "is still accepted, but counts as more likely spam."
        ),
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A honeypot: render it hidden from people and send it empty."),
    )
    notify = serializers.BooleanField(
        default=False,
        help_text=_(
            'The reader ticked "Notify me when my comment is published" (unticked by default): one '
            "email when it is approved, carrying the link that confirms the address, and, once "
            "confirmed, one when the clinic answers it publicly. Every email can unsubscribe."
        ),
    )
    commenter_token = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The `commenter_token` the email confirmation answered with, kept by the reader's "
            "browser. Only a comment sent with it counts as its confirmed, trusted author's."
        ),
    )

    def validate_parent(self, value):
        if value is None:
            return None
        parent = replyable_comment(self.context["article"], value)
        if parent is None:
            raise serializers.ValidationError(_("A reply must answer an approved comment of this article."))
        return parent


class FormTokenSerializer(serializers.Serializer):
    form_token = serializers.CharField(
        help_text=_(
            "Send it back as `form_token` with a comment on this article. Each reader gets their own: "
            "it is never cached."
        )
    )


class SubmissionReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    message = serializers.CharField()


class EmailConfirmationSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("The `token` of the confirmation link."))


class EmailConfirmedSerializer(serializers.Serializer):
    email = serializers.EmailField()
    confirmed = serializers.BooleanField()
    message = serializers.CharField()
    commenter_token = serializers.CharField(
        help_text=_("Keep it in the reader's browser and send it as `commenter_token` with comments.")
    )


class BlockSerializer(serializers.Serializer):
    email = serializers.BooleanField(default=False, help_text=_("Block the comment's email address."))
    ip = serializers.BooleanField(default=False, help_text=_("Block the comment's IP address."))
    reason = CleanTextField(required=False, allow_blank=True, max_length=255, default="")
    confirm_shared_address = serializers.BooleanField(
        default=False,
        help_text=_(
            "Block the IP address even though it stands for many readers (loopback, private, "
            "one of COMMENT_OWN_ADDRESSES); without it such a block is a 400."
        ),
    )

    def validate(self, attrs):
        if not (attrs["email"] or attrs["ip"]):
            raise serializers.ValidationError(_('Say what to block: "email", "ip" or both.'))
        return attrs


class BlocklistEntrySerializer(serializers.Serializer):
    """An entry as blocklist.block_author() returns it: an `(entry, created)` pair."""

    kind = serializers.CharField()
    value = serializers.CharField()
    reason = serializers.CharField()
    created = serializers.BooleanField(help_text=_("False when the entry already existed."))

    def to_representation(self, pair):
        entry, created = pair
        return {"kind": entry.kind, "value": entry.value, "reason": entry.reason, "created": created}


class BlockResultSerializer(serializers.Serializer):
    entries = BlocklistEntrySerializer(many=True)


class RevokeTrustSerializer(serializers.Serializer):
    email = serializers.EmailField()
    reason = CleanTextField(required=False, allow_blank=True, max_length=255, default="")


class CommenterSerializer(serializers.Serializer):
    email = serializers.EmailField()
    email_confirmed_at = serializers.DateTimeField(allow_null=True)
    trust_revoked_at = serializers.DateTimeField(allow_null=True)
    trust_revoked_reason = serializers.CharField()
    trusted = serializers.SerializerMethodField()

    def get_trusted(self, commenter) -> bool:
        return trust.is_trusted(commenter)


class ArticleReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField(source="article_slug")
    title = serializers.CharField(source="article_title")


class ModerationCommentSerializer(PublicCommentSerializer):
    """Everything about a comment, for moderators; expects moderation_comments() annotations."""

    parent = serializers.IntegerField(source="parent_id", allow_null=True, read_only=True)
    article = ArticleReferenceSerializer(source="*", read_only=True)
    parent_excerpt = serializers.CharField(
        allow_null=True, read_only=True, help_text=_("The start of the comment answered.")
    )
    spam_signals = serializers.JSONField(
        read_only=True, help_text=_('What the spam checks observed: {"name", "score", "detail"} each.')
    )
    safety_signals = serializers.JSONField(
        read_only=True,
        help_text=_(
            'What the clinical-safety triage read: {"name", "concept", "label", "matched", "context", '
            '"flagged", "detail"} each. `name`: red_flag, personal_advice, contraindication or warning '
            "(the article's own), unreadable_language; `concept`: the red flag's id (fever, "
            "blood_clot...); `matched`: the reader's words; `context`: affirmed, other_person, "
            "negated, historical, hypothetical, generic or figurative; `flagged`: whether it needs a "
            "person (a negated finding is shown, not flagged)."
        ),
    )

    class Meta:
        model = Comment
        fields = [
            *PublicCommentSerializer.Meta.fields,
            "author_email",
            "shopify_customer_id",
            "ip_address",
            "user_agent",
            "status",
            "article",
            "parent_excerpt",
            "version",
            "spam_score",
            "spam_signals",
            "safety_flagged",
            "safety_signals",
            "notify_author",
            "updated_at",
        ]
        read_only_fields = fields


class PrivateReplySerializer(serializers.Serializer):
    """A private reply as moderators see it: a `private-reply` entry of the comment's history."""

    body = serializers.CharField(
        source="details.body",
        default="",
        read_only=True,
        help_text=_("What was emailed; empty once the commenter's personal data was erased."),
    )
    actor = serializers.CharField(source="actor_name", read_only=True, help_text=_("Who answered."))
    at = serializers.DateTimeField(read_only=True)
    canned_reply = serializers.JSONField(
        source="details.canned_reply",
        default=None,
        read_only=True,
        help_text=_('The canned reply used, {"id", "title"}; null when the moderator wrote their own.'),
    )


class ModerationCommentDetailSerializer(ModerationCommentSerializer):
    """One comment for moderators: the queue's shape, with the private answers it was sent."""

    private_replies = PrivateReplySerializer(
        source="private_reply_entries",
        many=True,
        read_only=True,
        help_text=_("What the clinic answered the commenter by email alone, oldest first; never public."),
    )

    class Meta(ModerationCommentSerializer.Meta):
        fields = [*ModerationCommentSerializer.Meta.fields, "private_replies"]
        read_only_fields = fields


class CommentEditSerializer(serializers.Serializer):
    body = body_field()
    reason = reason_field()
    version = version_field()


def canned_reply_field():
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_COMMENT_ID,
        help_text=_("The id of an active canned reply (GET moderation/canned-replies/)."),
    )


def active_canned_reply(pk):
    """The active canned reply `pk`, as a field's validated value."""
    canned_reply = active_canned_replies().filter(pk=pk).first()
    if canned_reply is None:
        raise serializers.ValidationError(_("No active canned reply has this id."))
    return canned_reply


class ModerationActionSerializer(serializers.Serializer):
    reason = reason_field()
    version = version_field()
    reply = body_field(
        required=False,
        help_text=_("approve only: a staff reply published with the approval (both or neither)."),
    )
    canned_reply = canned_reply_field()

    def validate_canned_reply(self, value):
        return active_canned_reply(value)

    def validate(self, attrs):
        answering = "reply" in attrs or "canned_reply" in attrs
        if answering and self.context["action"] != "approve":
            raise serializers.ValidationError(
                {
                    "reply": [
                        _("Only an approval can carry a reply; answer with moderation/comments/<id>/reply/.")
                    ]
                }
            )
        return attrs


class BulkActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(ACTIONS))
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_COMMENT_ID),
        allow_empty=False,
        max_length=BULK_MAX_IDS,
    )
    reason = reason_field()


class BulkOutcomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    outcome = serializers.ChoiceField(
        choices=["applied", "unchanged", "refused", "not_found"],
        help_text=_("applied; unchanged (already in that state); refused (see detail); not_found."),
    )
    status = serializers.CharField(allow_null=True, help_text=_("The comment's status now."))
    detail = serializers.CharField()


class BulkResultSerializer(serializers.Serializer):
    action = serializers.CharField()
    results = BulkOutcomeSerializer(many=True)


class ReplySerializer(serializers.Serializer):
    """
    A staff reply: a `body`, or a `canned_reply` whose body is posted unless `body` adapts it;
    public, or `private`: emailed to the commenter alone.
    """

    body = body_field(required=False, help_text=_("Required unless a canned_reply is sent."))
    canned_reply = canned_reply_field()
    private = serializers.BooleanField(
        default=False,
        help_text=_(
            "Email the answer to the commenter alone, never published; allowed on a pending or "
            "approved comment. The response is then the comment answered, with its private_replies."
        ),
    )

    def validate_canned_reply(self, value):
        return active_canned_reply(value)

    def validate(self, attrs):
        if not attrs.get("body") and "canned_reply" not in attrs:
            raise serializers.ValidationError({"body": [_("Send a body, or a canned_reply.")]})
        return attrs


class CannedReplySerializer(ModelSerializer):
    class Meta:
        model = CannedReply
        fields = ["id", "title", "body"]
        read_only_fields = fields


class AuditEntrySerializer(ModelSerializer):
    from_status = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField(help_text=_("Who acted; null for a reader or the system."))

    class Meta:
        model = AuditEntry
        fields = ["action", "from_status", "to_status", "actor", "reason", "source", "at", "details"]
        read_only_fields = fields

    def get_from_status(self, entry) -> str | None:
        return entry.from_status or None

    def get_actor(self, entry) -> str | None:
        return entry.actor_name or None


class PendingPerArticleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    pending = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField(), help_text=_("Comments per status."))
    total = serializers.IntegerField()
    safety_flagged_pending = serializers.IntegerField(
        help_text=_("Comments waiting that raised a safety signal.")
    )
    safety_flagged_total = serializers.IntegerField(help_text=_("Comments of any status that raised one."))
    oldest_pending_at = serializers.DateTimeField(allow_null=True)
    oldest_pending_age_seconds = serializers.IntegerField(allow_null=True)
    pending_by_article = PendingPerArticleSerializer(many=True)
