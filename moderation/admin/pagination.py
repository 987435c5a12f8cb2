"""Pages of comments for moderators, in the Wagtail admin and in the API alike."""

from django.core.paginator import Paginator

from ..selectors import with_moderation_details


class ModerationPaginator(Paginator):
    """
    Counts and slices the comments as filtered (`selectors.queue_comments()`), then reads the
    page's rows with what moderators see (`selectors.with_moderation_details()`) in one query.

    The COUNT of a long queue thus reads the comment table and its indexes alone: joining the
    articles and the parents cannot change how many comments there are.
    """

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(with_moderation_details(object_list), number, paginator)
