"""GET /api/v1/articles/: what the listing shows, its pages, filters, search and ordering."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from api.content import selectors
from api.content.serializers import ArticleSummarySerializer
from moderation.models import Comment
from tests.factories import (
    ArticlePageFactory,
    AuthorCredentialFactory,
    AuthorFactory,
    ConditionFactory,
    ImageFactory,
    TechniqueFactory,
)
from tests.moderation.factories import CommentFactory

from .helpers import contraindications_block, paragraph, results, slugs, techniques_block

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"


def dated(title, day, **kwargs):
    return ArticlePageFactory(title=title, published_date=datetime.date(2024, 1, day), **kwargs)


class TestListing:
    def test_an_item_has_every_listing_field(self, api):
        author = AuthorFactory(name="Dana Smith", job_title="Massage therapist")
        AuthorCredentialFactory(author=author, abbreviation="RMT", name="Registered Massage Therapist")
        technique = TechniqueFactory(name="Swedish massage")
        article = ArticlePageFactory(
            title="Massage for knee pain",
            slug="massage-for-knee-pain",
            summary="How massage helps.",
            author=author,
            published_date=datetime.date(2024, 3, 1),
            last_reviewed=datetime.date(2024, 2, 1),
            hero_image=ImageFactory(),
            body=[techniques_block(technique), contraindications_block()],
            live=False,
        )
        article.conditions.add(ConditionFactory(name="Knee osteoarthritis"))
        article.tags.add("knees", "Pain relief")
        article.save_revision().publish()
        article.refresh_from_db()

        (item,) = results(api.get(URL))

        assert set(item) == {
            "id", "slug", "title", "summary", "url", "published_at", "updated_at", "last_reviewed",
            "next_review_due", "author", "tags", "conditions", "techniques", "hero_image",
            "reading_time_minutes", "reading_age", "comment_count",
        }  # fmt: skip
        assert item["id"] == article.pk
        assert item["url"] == "http://localhost:3000/blog/massage-for-knee-pain/"
        assert item["published_at"] == "2024-03-01"
        assert item["last_reviewed"] == "2024-02-01"
        assert datetime.datetime.fromisoformat(item["updated_at"]) == article.last_published_at
        assert item["author"] == {
            "id": author.pk,
            "name": "Dana Smith",
            "job_title": "Massage therapist",
            "credentials": [{"abbreviation": "RMT", "name": "Registered Massage Therapist"}],
        }
        assert item["tags"] == [
            {"slug": "knees", "name": "knees"},
            {"slug": "pain-relief", "name": "Pain relief"},
        ]
        assert item["conditions"] == [{"slug": "knee-osteoarthritis", "name": "Knee osteoarthritis"}]
        assert item["techniques"] == [{"slug": "swedish-massage", "name": "Swedish massage"}]
        assert set(item["hero_image"]) == {"alt", "width", "height", "renditions"}
        assert item["reading_time_minutes"] == 1
        assert item["comment_count"] == 0

    def test_published_at_is_the_day_of_first_publication_when_the_editor_gave_no_date(self, api):
        article = ArticlePageFactory(live=False)
        article.save_revision().publish()
        article.refresh_from_db()

        (item,) = results(api.get(URL))

        assert item["published_at"] == article.display_date.isoformat()

    def test_techniques_follow_the_body_without_repeats(self, api):
        first, second = TechniqueFactory(name="B first"), TechniqueFactory(name="A second")
        ArticlePageFactory(
            body=[techniques_block(first, second), techniques_block(first), contraindications_block()]
        )

        (item,) = results(api.get(URL))

        assert [technique["name"] for technique in item["techniques"]] == ["B first", "A second"]

    def test_reading_time_counts_the_words_of_the_body(self, api):
        ArticlePageFactory(body=[paragraph("<p>" + "word " * 1000 + "</p>")])

        (item,) = results(api.get(URL))

        assert item["reading_time_minutes"] == 6  # 1000+ words at 200 a minute

    def test_reading_time_and_techniques_follow_the_published_body_not_a_draft(self, api):
        swedish, trigger = TechniqueFactory(name="Swedish massage"), TechniqueFactory(name="Trigger point")
        article = ArticlePageFactory(body=[techniques_block(swedish), contraindications_block()])
        draft = article.get_latest_revision_as_object()
        draft.body = [
            techniques_block(trigger),
            contraindications_block(),
            paragraph("<p>" + "word " * 1000 + "</p>"),
        ]
        revision = draft.save_revision()

        (item,) = results(api.get(URL))
        assert item["reading_time_minutes"] == 1
        assert [technique["name"] for technique in item["techniques"]] == ["Swedish massage"]

        revision.publish()

        (item,) = results(api.get(URL))
        assert item["reading_time_minutes"] == 6
        assert [technique["name"] for technique in item["techniques"]] == ["Trigger point"]

    def test_reading_time_counts_the_title_and_summary_at_the_current_reading_speed(self, api, settings):
        ArticlePageFactory(
            title="Knee " * 50, summary="Pain " * 100, body=[paragraph("<p>" + "word " * 250 + "</p>")]
        )
        settings.ARTICLES_WORDS_PER_MINUTE = 100

        (item,) = results(api.get(URL))

        assert item["reading_time_minutes"] == 4  # 400 words at 100 a minute

    def test_comment_count_counts_approved_comments_only(self, api):
        article = ArticlePageFactory()
        for status in ["approved", "approved", "pending", "rejected", "spam", "removed"]:
            CommentFactory(article=article, status=status)

        (item,) = results(api.get(URL))

        assert item["comment_count"] == 2
        assert Comment.objects.count() == 6

    def test_an_article_serialized_on_its_own_has_the_listing_json(self, api, settings):
        settings.WAGTAILADMIN_BASE_URL = "https://cms.example.com"
        article = ArticlePageFactory(hero_image=ImageFactory())
        (item,) = results(api.get(URL))

        alone = ArticleSummarySerializer(selectors.articles().get(pk=article.pk), context={}).data

        assert {**alone, "hero_image": None} == {**item, "hero_image": None}
        assert alone["hero_image"]["renditions"]["large"]["url"].startswith("https://cms.example.com/media/")


class TestVisibility:
    def test_only_published_articles_are_listed(self, api):
        ArticlePageFactory(slug="published")
        ArticlePageFactory(slug="draft", live=False)
        unpublished = ArticlePageFactory(slug="unpublished")
        unpublished.unpublish()

        assert slugs(api.get(URL)) == ["published"]

    def test_articles_in_a_private_section_are_not_listed(self, api):
        ArticlePageFactory(slug="public")
        private = ArticlePageFactory(slug="private")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        assert slugs(api.get(URL)) == ["public"]

    def test_a_published_article_shows_its_published_version_not_a_newer_draft(self, api):
        article = ArticlePageFactory(title="Published title")
        draft = article.get_latest_revision_as_object()
        draft.title = "Draft title"
        draft.save_revision()

        assert [item["title"] for item in results(api.get(URL))] == ["Published title"]


class TestPagination:
    @pytest.fixture
    def five(self, db):
        return [dated(f"Article {day}", day) for day in range(1, 6)]

    def test_pages_have_count_next_and_previous(self, api, five):
        response = api.get(URL, {"page_size": 2, "page": 2})

        data = response.json()
        assert data["count"] == 5
        assert data["next"].endswith("/api/v1/articles/?page=3&page_size=2")
        assert data["previous"].endswith("/api/v1/articles/?page_size=2")
        assert [item["title"] for item in data["results"]] == ["Article 3", "Article 2"]

    def test_the_last_page_has_no_next(self, api, five):
        data = api.get(URL, {"page_size": 2, "page": 3}).json()

        assert data["next"] is None
        assert [item["title"] for item in data["results"]] == ["Article 1"]

    def test_an_empty_listing_is_one_empty_page(self, api):
        assert api.get(URL).json() == {"count": 0, "next": None, "previous": None, "results": []}

    def test_page_size_goes_up_to_100(self, api, five):
        assert len(results(api.get(URL, {"page_size": 100}))) == 5

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"page": 0}, "page"),
            ({"page": 4}, "page"),
            ({"page": "two"}, "page"),
            ({"page_size": 101}, "page_size"),
            ({"page_size": 0}, "page_size"),
            ({"page_size": "many"}, "page_size"),
        ],
    )
    def test_a_page_or_size_out_of_range_is_a_400_naming_it(self, api, five, params, field):
        response = api.get(URL, {"page_size": 2, **params} if field == "page" else params)

        assert response.status_code == 400
        assert list(response.json()) == [field]


class TestOrdering:
    @pytest.fixture
    def articles(self, db):
        return [dated("banana", 2), dated("Apple", 1), dated("cherry", 3)]

    @pytest.mark.parametrize(
        "ordering, titles",
        [
            (None, ["cherry", "banana", "Apple"]),
            ("-published_at", ["cherry", "banana", "Apple"]),
            ("published_at", ["Apple", "banana", "cherry"]),
            ("title", ["Apple", "banana", "cherry"]),
            ("-title", ["cherry", "banana", "Apple"]),
        ],
    )
    def test_each_ordering(self, api, articles, ordering, titles):
        params = {"ordering": ordering} if ordering else {}

        assert [item["title"] for item in results(api.get(URL, params))] == titles

    def test_ties_are_broken_by_newest_page(self, api):
        older, newer = dated("Same", 1, slug="same-1"), dated("Same", 1, slug="same-2")

        assert [item["id"] for item in results(api.get(URL, {"ordering": "title"}))] == [newer.pk, older.pk]

    @pytest.mark.parametrize(
        "ordering, titles",
        [(",", ["cherry", "banana", "Apple"]), ("title,", ["Apple", "banana", "cherry"])],
    )
    def test_empty_keys_are_ignored(self, api, articles, ordering, titles):
        assert [item["title"] for item in results(api.get(URL, {"ordering": ordering}))] == titles

    def test_several_keys(self, api):
        for title, day in [("b", 1), ("a", 1), ("a", 2)]:
            dated(title, day, slug=f"{title}-{day}")

        assert slugs(api.get(URL, {"ordering": "-published_at,title"})) == ["a-2", "a-1", "b-1"]

    def test_an_unknown_ordering_is_a_400(self, api, articles):
        response = api.get(URL, {"ordering": "author"})

        assert response.status_code == 400
        assert "ordering" in response.json()


class TestFilters:
    def test_tag(self, api):
        tagged = ArticlePageFactory(slug="tagged")
        tagged.tags.add("knees")
        tagged.save()
        ArticlePageFactory(slug="other")

        assert slugs(api.get(URL, {"tag": "knees"})) == ["tagged"]
        assert slugs(api.get(URL, {"tag": "elbows"})) == []

    def test_condition(self, api):
        knee = ConditionFactory(slug="knee-osteoarthritis")
        about_knees = ArticlePageFactory(slug="about-knees")
        about_knees.conditions.add(knee)
        about_knees.save()
        ArticlePageFactory(slug="other")

        assert slugs(api.get(URL, {"condition": "knee-osteoarthritis"})) == ["about-knees"]

    def test_technique_comes_from_the_published_body(self, api):
        swedish, trigger = TechniqueFactory(slug="swedish"), TechniqueFactory(slug="trigger-point")
        article = ArticlePageFactory(
            slug="swedish-article", body=[techniques_block(swedish), contraindications_block()]
        )
        ArticlePageFactory(
            slug="trigger-article", body=[techniques_block(trigger), contraindications_block()]
        )
        draft = article.get_latest_revision_as_object()
        draft.body = [techniques_block(trigger), contraindications_block()]
        draft.save_revision()

        assert slugs(api.get(URL, {"technique": "swedish"})) == ["swedish-article"]
        assert slugs(api.get(URL, {"technique": "trigger-point"})) == ["trigger-article"]

    def test_technique_follows_a_publication(self, api):
        swedish, trigger = TechniqueFactory(slug="swedish"), TechniqueFactory(slug="trigger-point")
        article = ArticlePageFactory(body=[techniques_block(swedish), contraindications_block()])
        draft = article.get_latest_revision_as_object()
        draft.body = [techniques_block(trigger), contraindications_block()]
        draft.save_revision().publish()

        assert slugs(api.get(URL, {"technique": "swedish"})) == []
        assert slugs(api.get(URL, {"technique": "trigger-point"})) == [article.slug]

    def test_author(self, api):
        author = AuthorFactory()
        ArticlePageFactory(slug="theirs", author=author)
        ArticlePageFactory(slug="someone-elses", author=AuthorFactory())

        assert slugs(api.get(URL, {"author": author.pk})) == ["theirs"]

    @pytest.mark.parametrize("value", ["999999", "abc", "99999999999999999999"])
    def test_an_unknown_author_is_a_400(self, api, value):
        response = api.get(URL, {"author": value})

        assert response.status_code == 400
        assert "author" in response.json()

    def test_published_after_and_before_include_the_day_itself(self, api):
        for day in (1, 2, 3, 4):
            dated(f"day-{day}", day)

        params = {"published_after": "2024-01-02", "published_before": "2024-01-03"}

        assert [item["title"] for item in results(api.get(URL, params))] == ["day-3", "day-2"]

    @pytest.mark.parametrize("param", ["published_after", "published_before"])
    def test_a_malformed_date_is_a_400(self, api, param):
        response = api.get(URL, {param: "yesterday"})

        assert response.status_code == 400
        assert response.json() == {param: ["Enter a valid date."]}

    @pytest.mark.parametrize("param", ["tag", "condition", "technique"])
    def test_a_malformed_slug_is_a_400_and_a_well_formed_unknown_one_an_empty_list(self, api, param):
        ArticlePageFactory()

        malformed = api.get(URL, {param: "not a slug!"})
        unknown = api.get(URL, {param: "no-such-thing"})

        assert malformed.status_code == 400
        assert list(malformed.json()) == [param]
        assert results(unknown) == []

    def test_filters_combine(self, api):
        knee = ConditionFactory(slug="knee")
        for slug, tags, conditions in [
            ("both", ["pain"], [knee]),
            ("tag-only", ["pain"], []),
            ("none", [], [knee]),
        ]:
            article = ArticlePageFactory(slug=slug)
            article.tags.add(*tags)
            article.conditions.add(*conditions)
            article.save()

        assert slugs(api.get(URL, {"tag": "pain", "condition": "knee"})) == ["both"]

    def test_unknown_parameters_are_ignored(self, api):
        ArticlePageFactory(slug="one")

        assert slugs(api.get(URL, {"colour": "blue"})) == ["one"]


class TestSearch:
    @pytest.fixture
    def articles(self, db):
        return {
            "title": dated("Massage for knee pain", 1, slug="title", body=[paragraph("<p>Rest.</p>")]),
            "summary": dated(
                "Elbows",
                2,
                slug="summary",
                summary="Relief for tennis elbow.",
                body=[paragraph("<p>Ice.</p>")],
            ),
            "body": dated("Backs", 3, slug="body", body=[paragraph("<p>Sciatica responds to massage.</p>")]),
            "draft": dated("Knee secrets", 4, slug="draft", live=False),
        }

    @pytest.mark.parametrize(
        "terms, expected", [("knee", ["title"]), ("tennis", ["summary"]), ("sciatica", ["body"])]
    )
    def test_search_looks_in_title_summary_and_body(self, api, articles, terms, expected):
        assert slugs(api.get(URL, {"search": terms})) == expected

    def test_every_word_must_match(self, api, articles):
        assert slugs(api.get(URL, {"search": "knee pain"})) == ["title"]
        assert slugs(api.get(URL, {"search": "knee elbow"})) == []

    def test_search_combines_with_filters_and_ordering(self, api, articles):
        for article in articles.values():
            article.tags.add("massage")
            article.save()
        articles["title"].tags.remove("massage")
        articles["title"].save()

        response = api.get(URL, {"search": "massage", "tag": "massage", "ordering": "title"})

        assert slugs(response) == ["body"]
        assert slugs(api.get(URL, {"search": "massage", "ordering": "title"})) == ["body", "title"]
        assert slugs(api.get(URL, {"search": "massage", "ordering": "-published_at"})) == ["body", "title"]

    @pytest.mark.parametrize(
        "terms", ['"', 'knee"', "*", "(", "NEAR(knee", "knee AND", "'; DROP TABLE", "\\", "-"]
    )
    def test_search_syntax_never_fails(self, api, articles, terms):
        response = api.get(URL, {"search": terms})

        assert response.status_code == 200

    def test_words_only_a_newer_draft_contains_are_not_found(self, api, articles):
        draft = articles["title"].get_latest_revision_as_object()
        draft.summary = "Confidential launch of cupping."
        draft.save_revision()

        assert slugs(api.get(URL, {"search": "cupping"})) == []
        assert slugs(api.get(URL, {"search": "knee"})) == ["title"]

    def test_a_nul_byte_is_a_400(self, api, articles):
        response = api.get(URL, {"search": "knee\x00"})

        assert response.status_code == 400
        assert "search" in response.json()
