"""The sizes of what readers and moderators write, shared by the models, forms and serializers."""

NAME_MAX_LENGTH = 100
BODY_MIN_LENGTH = 2
BODY_MAX_LENGTH = 5000
USER_AGENT_MAX_LENGTH = 512
# A moderator's reason for an action or an edit, kept in the audit log.
REASON_MAX_LENGTH = 1000
