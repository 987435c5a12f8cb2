"""GET /api/v1/articles/<slug>/: the whole article, its SEO data, JSON-LD and related articles."""

import datetime
import json

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction, Site

from articles.frontend.preview import make_preview_token
from articles.models import ArticleIndexPage
from tests.factories import (
    ArticlePageFactory,
    AuthorCredentialFactory,
    AuthorFactory,
    ConditionFactory,
    ImageFactory,
    TechniqueFactory,
)

from .helpers import contraindications_block, evidence_block, section, techniques_block

pytestmark = pytest.mark.django_db


def get(api, slug):
    return api.get(f"/api/v1/articles/{slug}/")


def publish(article):
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_the_detail_has_the_listing_fields_and_the_whole_article(api, full_article):
    listing = api.get("/api/v1/articles/").json()["results"][0]

    data = get(api, full_article.slug).json()

    assert set(data) == set(listing) | {
        "reviewed_by",
        "comments_enabled",
        "body",
        "seo",
        "json_ld",
        "related",
        "readability",
    }
    assert {key: data[key] for key in listing} == listing
    assert data["comments_enabled"] is True
    assert len(data["body"]) == 15


@pytest.mark.parametrize("state", ["draft", "unpublished", "private section", "unknown"])
def test_an_article_readers_cannot_see_is_a_json_404(api, state):
    article = ArticlePageFactory(slug="hidden", live=state != "draft")
    if state == "unpublished":
        article.unpublish()
    if state == "private section":
        PageViewRestriction.objects.create(
            page=article.get_parent(), restriction_type="password", password="x"
        )

    response = get(api, "hidden" if state != "unknown" else "no-such-article")

    assert response.status_code == 404
    assert response.json() == {"detail": "No published article has this slug."}


def test_reviewed_by_is_the_medical_reviewer(api):
    reviewer = AuthorFactory(name="Dr Lee", job_title="Physician")
    AuthorCredentialFactory(author=reviewer, abbreviation="MD", name="Doctor of Medicine")
    article = ArticlePageFactory(medical_reviewer=reviewer)

    assert get(api, article.slug).json()["reviewed_by"] == {
        "id": reviewer.pk,
        "name": "Dr Lee",
        "job_title": "Physician",
        "credentials": [{"abbreviation": "MD", "name": "Doctor of Medicine"}],
    }


class TestSeo:
    def test_seo_falls_back_to_title_summary_and_hero_image(self, api):
        article = ArticlePageFactory(
            slug="knees", title="Knees", summary="About knees.", hero_image=ImageFactory()
        )

        seo = get(api, article.slug).json()["seo"]

        assert seo["title"] == "Knees"
        assert seo["description"] == "About knees."
        assert seo["canonical_url"] == "http://localhost:3000/blog/knees/"
        assert seo["og_image"]["renditions"]["large"]["url"].startswith("http://testserver/media/")

    def test_seo_uses_the_promote_tab(self, api):
        social = ImageFactory(description="Shared picture")
        article = ArticlePageFactory(
            seo_title="Knee pain relief",
            search_description="Massage for knees.",
            hero_image=ImageFactory(),
            social_image=social,
        )

        seo = get(api, article.slug).json()["seo"]

        assert (seo["title"], seo["description"]) == ("Knee pain relief", "Massage for knees.")
        assert seo["og_image"]["alt"] == "Shared picture"

    def test_no_image_is_null(self, api):
        article = ArticlePageFactory()

        assert get(api, article.slug).json()["seo"]["og_image"] is None


class TestJsonLd:
    @pytest.fixture
    def article(self, db):
        author = AuthorFactory(
            name="Dana Smith", job_title="Massage therapist", profile_url="https://example.com/dana"
        )
        AuthorCredentialFactory(author=author, abbreviation="RMT", name="Registered Massage Therapist")
        reviewer = AuthorFactory(name="Dr Lee")
        swedish = TechniqueFactory(name="Swedish massage", summary="Relaxes the muscles")
        article = ArticlePageFactory(
            slug="knee-pain",
            title="Massage for knee pain",
            summary="How massage helps knees.",
            author=author,
            medical_reviewer=reviewer,
            last_reviewed=datetime.date(2024, 2, 1),
            published_date=datetime.date(2024, 3, 1),
            hero_image=ImageFactory(),
            body=[
                section(
                    "causes", [{"name": "Osteoarthritis", "description": "Wear", "kind": "degenerative"}]
                ),
                techniques_block(swedish),
                contraindications_block("A suspected fracture", guidance="See a doctor first."),
                evidence_block(),
                evidence_block(doi="", url="https://example.com/study"),
            ],
            live=False,
        )
        article.conditions.add(
            ConditionFactory(name="Knee osteoarthritis", other_names="Knee OA, gonarthrosis")
        )
        article.tags.add("knees")
        return publish(article)

    def test_it_is_a_medical_web_page_about_the_condition(self, api, article):
        ld = get(api, article.slug).json()["json_ld"]

        assert ld["@context"] == "https://schema.org"
        assert ld["@type"] == "MedicalWebPage"
        assert ld["url"] == ld["@id"] == "http://localhost:3000/blog/knee-pain/"
        assert ld["headline"] == ld["name"] == "Massage for knee pain"
        assert ld["description"] == "How massage helps knees."
        assert ld["datePublished"] == "2024-03-01"
        assert ld["lastReviewed"] == "2024-02-01"
        assert datetime.datetime.fromisoformat(ld["dateModified"]) == article.last_published_at
        assert ld["keywords"] == "knees"
        assert ld["image"].startswith("http://testserver/media/images/")
        (about,) = ld["about"]
        assert about["@type"] == "MedicalCondition"
        assert about["name"] == "Knee osteoarthritis"
        assert about["alternateName"] == ["Knee OA", "gonarthrosis"]
        assert about["associatedAnatomy"] == {"@type": "AnatomicalStructure", "name": "knee"}

    def test_causes_treatments_and_contraindications_are_written_once_and_referenced(self, api, article):
        ld = get(api, article.slug).json()["json_ld"]
        page = "http://localhost:3000/blog/knee-pain/"

        assert ld["mentions"] == [
            {
                "@type": "MedicalCause",
                "@id": f"{page}#cause-1",
                "name": "Osteoarthritis",
                "description": "Wear",
            },
            {
                "@type": "MedicalTherapy",
                "@id": f"{page}#therapy-swedish-massage",
                "name": "Swedish massage",
                "description": "Relaxes the muscles",
                "contraindication": [{"@id": f"{page}#contraindication-1"}],
            },
            {
                "@type": "MedicalContraindication",
                "@id": f"{page}#contraindication-1",
                "name": "A suspected fracture",
                "description": "See a doctor first.",
            },
        ]
        (about,) = ld["about"]
        assert about["cause"] == [{"@id": f"{page}#cause-1"}]
        assert about["possibleTreatment"] == [{"@id": f"{page}#therapy-swedish-massage"}]

    def test_several_conditions_share_the_nodes_and_none_is_its_own_cause(self, api, article):
        article.conditions.add(ConditionFactory(name="Osteoarthritis"))
        publish(article)

        ld = get(api, article.slug).json()["json_ld"]

        knee, osteoarthritis = sorted(ld["about"], key=lambda condition: condition["name"])
        assert knee["cause"] == [{"@id": "http://localhost:3000/blog/knee-pain/#cause-1"}]
        assert "cause" not in osteoarthritis
        assert osteoarthritis["possibleTreatment"] == knee["possibleTreatment"]
        assert [node["@type"] for node in ld["mentions"]] == [
            "MedicalCause",
            "MedicalTherapy",
            "MedicalContraindication",
        ]

    def test_people_and_publisher(self, api, article):
        ld = get(api, article.slug).json()["json_ld"]

        assert ld["author"] == {
            "@type": "Person",
            "name": "Dana Smith",
            "jobTitle": "Massage therapist",
            "url": "https://example.com/dana",
            "hasCredential": [
                {
                    "@type": "EducationalOccupationalCredential",
                    "name": "Registered Massage Therapist",
                    "alternateName": "RMT",
                    "recognizedBy": {
                        "@type": "Organization",
                        "name": "College of Massage Therapists of Alberta",
                    },
                }
            ],
        }
        assert ld["reviewedBy"]["name"] == "Dr Lee"
        assert ld["publisher"] == {
            "@type": "Organization",
            "name": "ABD Naturals",
            "url": "http://localhost:3000",
        }

    def test_evidence_blocks_are_citations(self, api, article):
        with_doi, with_url = get(api, article.slug).json()["json_ld"]["citation"]

        assert with_doi == {
            "@type": "ScholarlyArticle",
            "@id": "http://localhost:3000/blog/knee-pain/#evidence-perlman2006",
            "headline": "Massage therapy for osteoarthritis of the knee",
            "name": "Massage therapy for osteoarthritis of the knee",
            "author": "Perlman AI, Sabina A",
            "datePublished": "2006",
            "isPartOf": {"@type": "Periodical", "name": "Arch Intern Med"},
            "pagination": "2533-2538",
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": "10.1001/archinte.166.22.2533",
            },
            "url": "https://doi.org/10.1001/archinte.166.22.2533",
            "abstract": "Massage reduced pain and improved function.",
        }
        assert with_url["url"] == "https://example.com/study"
        assert "identifier" not in with_url

    @override_settings(
        ARTICLES_PUBLISHER_NAME="Knee Clinic", ARTICLES_PUBLISHER_URL="https://clinic.example.com"
    )
    def test_the_publisher_is_a_setting(self, api, article):
        publisher = get(api, article.slug).json()["json_ld"]["publisher"]

        assert publisher == {
            "@type": "Organization",
            "name": "Knee Clinic",
            "url": "https://clinic.example.com",
        }

    def test_empty_properties_are_left_out_and_it_is_plain_json(self, api):
        article = ArticlePageFactory(body=[])

        ld = get(api, article.slug).json()["json_ld"]

        assert not {
            "about",
            "mentions",
            "citation",
            "author",
            "reviewedBy",
            "image",
            "lastReviewed",
            "keywords",
        } & set(ld)
        assert json.loads(json.dumps(ld)) == ld


class TestRelated:
    def make(self, slug, *, conditions=(), tags=(), day=1, **kwargs):
        article = ArticlePageFactory(slug=slug, published_date=datetime.date(2024, 1, day), **kwargs)
        article.conditions.add(*conditions)
        article.tags.add(*tags)
        article.save()
        return article

    def related(self, api, slug):
        return [item["slug"] for item in get(api, slug).json()["related"]]

    def test_related_articles_share_conditions_or_tags_most_shared_first(self, api):
        knee, hip = ConditionFactory(), ConditionFactory()
        self.make("main", conditions=[knee, hip], tags=["pain"])
        self.make("one-condition", conditions=[knee], day=5)
        self.make("two-conditions", conditions=[knee, hip], day=2)
        self.make("tag-only", tags=["pain"], day=9)
        self.make("unrelated", day=9)

        assert self.related(api, "main") == ["two-conditions", "one-condition", "tag-only"]

    def test_related_items_have_the_listing_shape(self, api):
        knee = ConditionFactory()
        self.make("main", conditions=[knee])
        self.make("other", conditions=[knee], hero_image=ImageFactory())
        listing = {item["slug"]: item for item in api.get("/api/v1/articles/").json()["results"]}

        (related,) = get(api, "main").json()["related"]

        assert related == listing["other"]

    def test_at_most_a_few_and_never_a_hidden_article(self, api):
        knee = ConditionFactory()
        self.make("main", conditions=[knee])
        for day in range(1, 5):
            self.make(f"published-{day}", conditions=[knee], day=day)
        self.make("draft", conditions=[knee], live=False, day=9)
        private = self.make("private", conditions=[knee], day=9)
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        assert self.related(api, "main") == ["published-4", "published-3", "published-2"]

    @override_settings(API_RELATED_ARTICLES=1)
    def test_how_many_is_a_setting(self, api):
        knee = ConditionFactory()
        self.make("main", conditions=[knee])
        self.make("a", conditions=[knee], day=2)
        self.make("b", conditions=[knee], day=3)

        assert self.related(api, "main") == ["b"]

    @override_settings(ARTICLES_RELATED_CANDIDATES=2)
    def test_ranked_among_the_newest_articles_sharing_any(self, api):
        knee, hip = ConditionFactory(), ConditionFactory()
        self.make("main", conditions=[knee, hip])
        self.make("old-but-closest", conditions=[knee, hip], day=1)
        self.make("newer", conditions=[knee], day=2)
        self.make("newest", conditions=[knee], day=3)
        self.make("newest-unrelated", day=9)

        assert self.related(api, "main") == ["newest", "newer"]

    def test_no_conditions_and_no_tags_no_related(self, api):
        self.make("main")
        self.make("other")

        assert self.related(api, "main") == []

    def test_the_detail_ranks_by_the_published_taxonomies_a_preview_by_the_drafts(self, api):
        knee, hip = ConditionFactory(), ConditionFactory()
        main = self.make("main", conditions=[knee])
        self.make("knee-article", conditions=[knee])
        self.make("hip-article", conditions=[hip])
        draft = main.get_latest_revision_as_object()
        draft.conditions = [hip]
        draft.save_revision()

        assert self.related(api, "main") == ["knee-article"]
        preview = api.get("/api/v1/preview/", {"token": make_preview_token(main)}).json()
        assert [item["slug"] for item in preview["related"]] == ["hip-article"]

    def test_an_article_below_a_private_section_is_never_related(self, api):
        knee = ConditionFactory()
        self.make("main", conditions=[knee])
        self.make("public", conditions=[knee], day=2)
        section = ArticleIndexPage(title="Members", slug="members")
        Site.objects.get(is_default_site=True).root_page.add_child(instance=section)
        members_only = ArticlePageFactory(
            parent=section, slug="members-only", published_date=datetime.date(2024, 1, 9)
        )
        members_only.conditions.add(knee)
        members_only.save()
        PageViewRestriction.objects.create(page=section, restriction_type="login")

        assert self.related(api, "main") == ["public"]
        assert get(api, "members-only").status_code == 404

    def test_related_items_show_their_authors_credentials_and_tags(self, api):
        knee = ConditionFactory(name="Knee pain")
        author = AuthorFactory(name="Dana")
        AuthorCredentialFactory(author=author, abbreviation="RMT", name="Registered Massage Therapist")
        reviewer = AuthorFactory(name="Dr Lee")
        AuthorCredentialFactory(author=reviewer, abbreviation="MD", name="Doctor of Medicine")
        self.make("main", conditions=[knee], tags=["knees"], author=author, medical_reviewer=reviewer)
        self.make("other", conditions=[knee], tags=["pain", "Knees"], author=author)

        data = get(api, "main").json()

        (related,) = data["related"]
        assert related["author"]["credentials"] == [
            {"abbreviation": "RMT", "name": "Registered Massage Therapist"}
        ]
        assert [tag["name"] for tag in related["tags"]] == ["Knees", "pain"]
        assert related["conditions"] == [{"slug": knee.slug, "name": "Knee pain"}]
        assert data["reviewed_by"]["credentials"] == [{"abbreviation": "MD", "name": "Doctor of Medicine"}]
        assert data["author"]["credentials"] == related["author"]["credentials"]


def test_a_slug_in_any_script_is_found(api):
    ArticlePageFactory(slug="massage-du-genou-très-doux")

    assert get(api, "massage-du-genou-très-doux").status_code == 200
