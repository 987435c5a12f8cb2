"""
The moderators' panels on the Wagtail dashboard: what waits in the queue (each figure a link to
it, filtered), and a chart of the last days' comments by status.

The chart is an SVG drawn here and in a template, with its numbers also as a table: the admin
loads no chart library and the dashboard makes no request elsewhere.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from .. import selectors
from ..delivery import outbox
from ..models import Comment

QUEUE_URL_NAME = "moderation_comments:index"
CHART_DAYS = 30

Status = Comment.Status
# Bar colours, in stacking order from the bottom; each with at least 3:1 contrast on white.
STATUS_COLOURS = {
    Status.PENDING: "#a35200",
    Status.APPROVED: "#1e7a3c",
    Status.REJECTED: "#5c5c5c",
    Status.SPAM: "#b3261e",
    Status.REMOVED: "#5b3f8c",
}
BAR_WIDTH, BAR_GAP, PLOT_HEIGHT, AXIS_HEIGHT, LEGEND_HEIGHT = 12, 4, 120, 16, 28


def queue_url(**filters):
    """The admin's comment queue, filtered (`status`, `safety_flagged`) as a dashboard figure counts."""
    return f"{reverse(QUEUE_URL_NAME)}?{urlencode(filters)}"


class QueuePanel(Component):
    """
    How many comments wait, how long the oldest has waited, and how many raised a safety flag; and,
    when there are any, the emails and webhook events that failed (retrying, or given up on).
    The morning's job starts here: the comments without a flag (to approve in bulk) and the flagged
    ones (to read and answer) are each one link away.
    """

    name = "comment_queue"
    template_name = "moderation/dashboard/queue_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        stats = selectors.moderation_stats()
        pending, flagged = stats["counts"][Status.PENDING], stats["safety_flagged_pending"]
        return {
            "deliveries": outbox.backlog(),
            "pending": pending,
            "oldest_pending_at": stats["oldest_pending_at"],
            "flagged": flagged,
            "unflagged": pending - flagged,
            "pending_url": queue_url(status=Status.PENDING),
            "unflagged_url": queue_url(status=Status.PENDING, safety_flagged="false"),
            "flagged_url": queue_url(status=Status.PENDING, safety_flagged="true"),
        }


@dataclass(frozen=True)
class Bar:
    """One status's part of a day's bar, in SVG coordinates."""

    status: str
    label: str
    count: int
    colour: str
    y: float
    height: float


@dataclass(frozen=True)
class Day:
    """One day's stacked bar: its place on the x axis and its parts, the empty ones left out."""

    counts: selectors.DayCounts
    x: int
    bars: list

    @property
    def parts(self):
        """(label, count) of every status, the empty ones too: the day's tooltip and table row."""
        return [(Status(status).label, count) for status, count in self.counts.counts.items()]


def stacked(counts, x, scale):
    """`counts` (a DayCounts) as a bar at `x`: one rect per status with comments, bottom up."""
    bars, top = [], PLOT_HEIGHT
    for status, colour in STATUS_COLOURS.items():
        count = counts.counts[status]
        if count:
            top -= count * scale
            bars.append(
                Bar(status, Status(status).label, count, colour, round(top, 2), round(count * scale, 2))
            )
    return Day(counts=counts, x=x, bars=bars)


def chart(days):
    """The chart's geometry and legend for a list of DayCounts: bars scaled to the busiest day."""
    busiest = max((day.total for day in days), default=0)
    scale = PLOT_HEIGHT / busiest if busiest else 0
    step = BAR_WIDTH + BAR_GAP
    legend_step = len(days) * step // len(STATUS_COLOURS)
    return {
        "days": [stacked(day, index * step, scale) for index, day in enumerate(days)],
        "busiest": busiest,
        "width": len(days) * step,
        "plot_height": PLOT_HEIGHT,
        "height": PLOT_HEIGHT + AXIS_HEIGHT + LEGEND_HEIGHT,
        "axis_y": PLOT_HEIGHT + AXIS_HEIGHT - 4,
        "legend_y": PLOT_HEIGHT + AXIS_HEIGHT + LEGEND_HEIGHT // 2,
        "bar_width": BAR_WIDTH,
        "legend": [
            {"label": Status(status).label, "colour": colour, "x": index * legend_step}
            for index, (status, colour) in enumerate(STATUS_COLOURS.items())
        ],
        "statuses": [Status(status).label for status in STATUS_COLOURS],
    }


class CommentsChartPanel(Component):
    """Comments per day by status over the last CHART_DAYS days (today included)."""

    name = "comments_per_day"
    template_name = "moderation/dashboard/comments_chart_panel.html"
    order = 120

    def __init__(self, now=None):
        self.now = now

    def get_context_data(self, parent_context):
        return {"chart": chart(selectors.comments_per_day(CHART_DAYS, now=self.now)), "days": CHART_DAYS}


def moderation_panels():
    """The panels a moderator's dashboard gets, in their order."""
    return [QueuePanel(), CommentsChartPanel()]
