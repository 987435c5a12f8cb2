"""Pages of comments for moderators, in the Wagtail admin and in the API alike."""

from api.internals import PageRowsPaginator

from .selectors import with_moderation_details


class ModerationPaginator(PageRowsPaginator):
    """
    Counts and slices the comments as filtered (`selectors.queue_comments()`), then reads the
    page's rows with what moderators see (`selectors.with_moderation_details()`) in one query.

    The COUNT of a long queue thus reads the comment table and its indexes alone: joining the
    articles and the parents cannot change how many comments there are.
    """

    def page_rows(self, object_list):
        return with_moderation_details(object_list)
