"""Factories for comments, their audit entries and the people who moderate them."""

import factory
from django.contrib.auth.models import Permission

from moderation.models import Comment
from moderation.permissions import moderators_group
from moderation.text.rendering import render_comment_body
from tests.factories import ArticlePageFactory, UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    article = factory.SubFactory(ArticlePageFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.LazyAttribute(lambda o: f"{o.author_name.lower().replace(' ', '.')}@example.org")
    body = "This helped my knee a lot, thank you."
    # What the services store with every body they write.
    body_html = factory.LazyAttribute(lambda o: render_comment_body(o.body))
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (Test)"

    class Meta:
        model = Comment


class ApprovedCommentFactory(CommentFactory):
    status = Comment.Status.APPROVED


class ModeratorFactory(UserFactory):
    """A member of the "Comment moderators" group."""

    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def in_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(moderators_group())


class EditorFactory(UserFactory):
    """A Wagtail editor: may use the admin, may not moderate comments."""

    username = factory.Sequence(lambda n: f"editor{n}")

    @factory.post_generation
    def admin_access(self, create, extracted, **kwargs):
        if create:
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
            )
