"""The moderators' dashboard panels: the queue's figures with their links, and the comments chart."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from moderation.admin.dashboard import CHART_DAYS, CommentsChartPanel
from moderation.selectors import comments_per_day

from .factories import CommentFactory, EditorFactory, ModeratorFactory

pytestmark = pytest.mark.django_db

# Noon in the site's time zone (America/Edmonton), so that "today" and the days before it do not
# depend on when or where the tests run.
NOW = timezone.make_aware(datetime(2025, 3, 15, 12, 0))


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def rendered_chart():
    return BeautifulSoup(CommentsChartPanel(now=NOW).render_html({}), "html.parser")


def chart_svg():
    return rendered_chart().select_one("svg.comments-chart")


def days_ago(days, hour=12):
    """That wall-clock hour, `days` before NOW (aware arithmetic keeps it across DST changes)."""
    return NOW.replace(hour=hour) - timedelta(days=days)


class TestQueuePanel:
    @pytest.fixture
    def seeded(self):
        now = timezone.now()
        CommentFactory(created_at=now - timedelta(days=3, hours=2))
        CommentFactory(created_at=now - timedelta(hours=5), safety_flagged=True)
        CommentFactory(created_at=now - timedelta(hours=1))
        CommentFactory(status="approved", safety_flagged=True, created_at=now - timedelta(days=9))

    def test_a_moderator_sees_the_pending_count_oldest_age_and_flagged_count(self, client, seeded):
        page = dashboard(client, ModeratorFactory())

        assert page.select_one('[data-figure="pending"]').get_text() == "3 comments waiting for moderation"
        assert (
            page.select_one('[data-figure="oldest"]').get_text()
            == "The oldest has waited 3\xa0days, 2\xa0hours"
        )
        assert page.select_one('[data-figure="flagged"]').get_text() == (
            "1 waiting comment raised a clinical-safety flag"
        )
        assert page.select_one('[data-figure="unflagged"]').get_text() == (
            "2 waiting comments raised no safety flag"
        )

    def test_each_figure_links_to_the_queue_filtered_as_it_counts(self, client, seeded):
        page = dashboard(client, ModeratorFactory())
        queue = reverse("moderation_comments:index")

        assert page.select_one('[data-figure="pending"]')["href"] == f"{queue}?status=pending"
        assert page.select_one('[data-figure="oldest"]')["href"] == f"{queue}?status=pending"
        flagged = page.select_one('[data-figure="flagged"]')["href"]
        unflagged = page.select_one('[data-figure="unflagged"]')["href"]
        assert flagged == f"{queue}?status=pending&safety_flagged=true"
        assert unflagged == f"{queue}?status=pending&safety_flagged=false"

        def listed(url):
            return [(c.status, c.safety_flagged) for c in client.get(url).context["object_list"]]

        assert listed(flagged) == [("pending", True)]
        assert listed(unflagged) == [("pending", False), ("pending", False)]

    def test_an_empty_queue_says_so(self, client):
        page = dashboard(client, ModeratorFactory())

        assert page.select_one('[data-figure="pending"]').get_text() == "0 comments waiting for moderation"
        assert page.select_one('[data-figure="oldest"]') is None
        assert "No comment is waiting." in page.get_text()

    def test_an_editor_who_cannot_moderate_sees_neither_panel(self, client, seeded):
        page = dashboard(client, EditorFactory())

        assert page.select_one("#comment-queue-section") is None
        assert page.select_one("#comments-per-day-section") is None
        assert reverse("moderation_comments:index") not in str(page)


class TestCommentsPerDay:
    @pytest.fixture
    def seeded(self):
        for status in ("pending", "pending", "approved"):
            CommentFactory(status=status, created_at=days_ago(0, hour=9))
        CommentFactory(status="spam", created_at=days_ago(10))
        # Late evening here is already the next day in UTC: counted on the local day.
        CommentFactory(status="rejected", created_at=days_ago(12, hour=23))
        CommentFactory(status="removed", created_at=days_ago(CHART_DAYS - 1, hour=0))
        CommentFactory(status="approved", created_at=days_ago(CHART_DAYS))

    def test_every_day_is_there_counted_by_status_in_one_query(self, seeded, django_assert_num_queries):
        with django_assert_num_queries(1):
            days = comments_per_day(CHART_DAYS, now=NOW)

        assert [day.day for day in days] == [
            (NOW - timedelta(days=n)).date() for n in reversed(range(CHART_DAYS))
        ]
        by_day = {(NOW.date() - day.day).days: day.counts for day in days if day.total}
        assert by_day == {
            0: {"pending": 2, "approved": 1, "rejected": 0, "spam": 0, "removed": 0},
            10: {"pending": 0, "approved": 0, "rejected": 0, "spam": 1, "removed": 0},
            12: {"pending": 0, "approved": 0, "rejected": 1, "spam": 0, "removed": 0},
            CHART_DAYS - 1: {"pending": 0, "approved": 0, "rejected": 0, "spam": 0, "removed": 1},
        }

    def test_the_chart_has_one_group_per_day_with_a_bar_per_status_counted(self, seeded):
        svg = chart_svg()

        groups = svg.select("g.comments-chart__day")
        assert len(groups) == CHART_DAYS
        bars = {
            group["data-date"]: {
                rect["data-status"]: int(rect["data-count"]) for rect in group.find_all("rect")
            }
            for group in groups
        }
        assert bars[f"{NOW:%Y-%m-%d}"] == {"pending": 2, "approved": 1}
        assert bars[f"{days_ago(10):%Y-%m-%d}"] == {"spam": 1}
        assert bars[f"{days_ago(12):%Y-%m-%d}"] == {"rejected": 1}
        assert bars[f"{days_ago(CHART_DAYS - 1):%Y-%m-%d}"] == {"removed": 1}
        assert bars[f"{days_ago(1):%Y-%m-%d}"] == {}
        assert sum(len(counts) for counts in bars.values()) == 5

    def test_the_chart_is_accessible_without_seeing_it(self, seeded):
        html = rendered_chart()
        svg = chart_svg()

        assert svg["role"] == "img"
        assert svg.find("title", id="comments-chart-title").get_text().startswith("Comments per day")
        assert svg.find("desc")
        legend = [text.get_text() for text in svg.select("g.comments-chart__legend text")]
        assert legend == ["Pending", "Approved", "Rejected", "Spam", "Removed"]
        today = html.find("table").find("th", string="15 Mar 2025").parent
        assert [cell.get_text() for cell in today.find_all("td")] == ["2", "1", "0", "0", "0"]
        assert (
            groups_title(svg, "2025-03-14")
            == "14 Mar 2025: 0 pending, 0 approved, 0 rejected, 0 spam, 0 removed"
        )

    def test_the_bars_of_the_busiest_day_fill_the_plot(self, seeded):
        svg = chart_svg()

        today = svg.find("g", attrs={"data-date": "2025-03-15"})
        assert sum(float(rect["height"]) for rect in today.find_all("rect")) == pytest.approx(120)

    def test_the_chart_makes_no_request_elsewhere(self, seeded):
        html = CommentsChartPanel(now=NOW).render_html({})

        assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in html


def groups_title(svg, date):
    return svg.find("g", attrs={"data-date": date}).find("title").get_text()
