"""`manage.py load_demo`: the source article arrives complete and structured, and reruns change nothing."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Page, Revision, Site

from articles.models import ArticleIndexPage, ArticlePage
from articles.snippets import ClinicLocation, Condition, Technique

SOURCE = Path(__file__).parent / "data" / "massage-for-knee-pain.txt"
# The source page's site chrome, not article content: the frontend draws the link back to the
# blog and the comment form; the comment API answers with the approval notice.
CHROME = {
    "Back to blog",
    "Leave a comment",
    "Please note, comments need to be approved before they are published.",
}
DEMO_EDITOR = {"username": "demo-editor", "password": "knee-pain-demo", "email": "editor@example.com"}
DEMO_REVIEWER = {"username": "demo-reviewer", "password": "knee-pain-demo", "email": "reviewer@example.com"}

pytestmark = pytest.mark.django_db


def normalise(text):
    return " ".join(text.replace("•", " ").split())


def source_lines():
    return [normalise(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]


def source_bullet_groups():
    """The source's bulleted lists, in order, each a list of item texts."""
    groups, current = [], []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("•"):
            current.append(normalise(line))
        elif line.strip() and current:
            groups.append(current)
            current = []
    return groups + ([current] if current else [])


def sentences(line):
    return re.split(r"(?<=[.:!?])\s+", line)


def block_texts(block):
    """The reader-visible text of one body block, in reading order."""
    value = block.value
    if block.block_type == "paragraph":
        return [strip_tags(value.source)]
    if block.block_type == "heading":
        return [value["text"]]
    if block.block_type == "evidence":
        return [value["finding"]]
    if block.block_type == "warning":
        return [value["heading"], value["text"]]
    texts = [value["heading"], value["intro"]]
    for item in value["items"]:
        if block.block_type == "techniques":
            texts += [f"{item['technique'].name}: {item['technique'].summary}", item["application"]]
        else:
            # A benefit's `evidence` holds citation keys (perlman2006), not text readers see.
            texts += [
                text
                for name, text in item.items()
                if name != "evidence" and isinstance(text, str) and text not in {"", None}
            ]
    return texts


def article_texts(article):
    texts = [article.seo_title, article.title]
    for block in article.body:
        texts += block_texts(block)
    return [normalise(text) for text in texts if text]


def body_blocks(article, block_type):
    return [block.value for block in article.body if block.block_type == block_type]


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def article():
    load_demo()
    return ArticlePage.objects.get(slug="massage-for-knee-pain")


class TestCompleteness:
    def test_every_sentence_of_the_source_is_in_the_article_in_order(self, article):
        texts = article_texts(article)
        position = 0
        for line in source_lines():
            if line in CHROME:
                continue
            for sentence in sentences(line):
                found = next((i for i in range(position, len(texts)) if sentence in texts[i]), None)
                assert found is not None, f"Missing or out of order: {sentence!r}"
                position = found

    def test_the_first_line_is_the_seo_title_and_the_second_the_title(self, article):
        lines = source_lines()

        assert article.seo_title == lines[0]
        assert article.title == lines[1]
        assert article.slug == "massage-for-knee-pain"

    def test_the_summary_is_the_introduction(self, article):
        assert article.summary == source_lines()[2]
        assert strip_tags(article.body[0].value.source) == source_lines()[2]

    def test_each_list_of_the_source_is_a_structured_block(self, article):
        causes, techniques, contraindications, care_plan = source_bullet_groups()

        assert [item["name"] for item in body_blocks(article, "causes")[0]["items"]] == causes
        assert [f"{t.name}: {t.summary}" for t in article.techniques] == techniques
        assert [item["condition"] for item in body_blocks(article, "contraindications")[0]["items"]] == (
            contraindications
        )
        assert [item["title"] for item in body_blocks(article, "care_plan")[0]["items"]] == care_plan

    def test_every_block_type_the_source_needs_is_used_once(self, article):
        types = [block.block_type for block in article.body]

        for block_type in ["causes", "benefits", "techniques", "contraindications", "evidence", "warning"]:
            assert types.count(block_type) == 1, block_type
        assert types.count("care_plan") == 1
        assert types.count("heading") == 1
        assert "paragraph" in types

    def test_the_section_headings_head_their_blocks(self, article):
        headings = {
            block.block_type: block.value["heading"]
            for block in article.body
            if isinstance(block.value, dict) and "heading" in block.value
        }

        assert headings["causes"] == "Common Causes of Knee Pain"
        assert headings["benefits"] == "How Massage Therapy Helps Knee Pain"
        assert headings["techniques"] == "Types of Massage Used for Knee Pain Relief"
        assert headings["contraindications"] == "When Massage May Not Be Appropriate for Knee Pain"
        assert headings["care_plan"] == "Massage as Part of a Knee Pain Management Plan"
        assert body_blocks(article, "heading")[0]["text"] == "Massage Therapy for Knee Osteoarthritis"

    def test_each_benefit_keeps_its_title_explanation_and_mechanism(self, article):
        benefits = body_blocks(article, "benefits")[0]["items"]

        assert [benefit["title"] for benefit in benefits] == [
            "Reduces Muscle Tension Around the Knee",
            "Improves Blood Circulation",
            "Helps Decrease Pain Signals",
            "Supports Joint Mobility and Flexibility",
        ]
        assert benefits[2]["mechanism"].startswith(
            "This effect is often explained by the gate control theory"
        )

    def test_causes_and_contraindications_are_classified(self, article):
        kinds = {item["name"]: item["kind"] for item in body_blocks(article, "causes")[0]["items"]}
        severities = {
            item["condition"]: item["severity"]
            for item in body_blocks(article, "contraindications")[0]["items"]
        }

        assert kinds["Knee osteoarthritis"] == "degenerative"
        assert kinds["Sports injuries or repetitive strain"] == "injury"
        assert kinds["Tight or overworked muscles surrounding the knee"] == "muscular"
        assert severities["A suspected fracture or severe ligament injury"] == "avoid"
        assert severities["Recent surgery without medical clearance"] == "clearance"
        assert severities["An active inflammatory flare"] == "modify"

    def test_the_study_is_cited_exactly(self, article):
        (evidence,) = body_blocks(article, "evidence")

        assert evidence["authors"] == "Perlman AI, Sabina A, Williams A-L, Njike VY, Katz DL"
        assert (
            evidence["title"]
            == "Massage therapy for osteoarthritis of the knee: a randomized controlled trial"
        )
        assert evidence["journal"] == "Arch Intern Med"
        assert evidence["year"] == 2006
        assert evidence["volume"] == "166(22)"
        assert evidence["pages"] == "2533-2538"
        assert evidence["doi"] == "10.1001/archinte.166.22.2533"
        assert evidence["finding"].startswith("Research published in the Archives of Internal Medicine")

    def test_the_red_flags_are_an_urgent_warning(self, article):
        (warning,) = body_blocks(article, "warning")

        assert warning["urgency"] == "urgent"
        assert warning["text"] == (
            "If knee pain is sudden, severe, or worsening, "
            "medical evaluation is advised before massage therapy."
        )

    def test_the_techniques_come_from_the_library(self, article):
        assert [technique.slug for technique in article.techniques] == [
            "swedish-massage",
            "deep-tissue-massage",
            "myofascial-release",
            "trigger-point-therapy",
        ]
        assert Technique.objects.count() == 4

    def test_nobody_is_invented(self, article):
        assert article.author is None
        assert article.medical_reviewer is None
        assert article.published_date is None
        assert article.last_reviewed is None

    def test_the_article_is_live_publishable_and_open_for_comments(self, article):
        assert article.live
        assert not article.has_unpublished_changes
        assert article.comments_enabled
        assert sorted(article.conditions.values_list("slug", flat=True)) == [
            "knee-osteoarthritis",
            "knee-pain",
        ]


class TestSiteAndLibrary:
    def test_the_default_site_serves_the_blog(self, article):
        site = Site.objects.get(is_default_site=True)
        index = ArticleIndexPage.objects.get()

        # At this server's address: the test settings' WAGTAILADMIN_BASE_URL.
        assert (site.hostname, site.port, site.site_name) == ("testserver", 80, "ABD Naturals")
        assert site.root_page_id == index.pk
        assert article.get_parent().pk == index.pk
        assert article.get_url() == "/massage-for-knee-pain/"

    def test_the_site_follows_the_servers_address(self, article, settings):
        settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8011"
        call_command("load_demo", stdout=StringIO())

        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("127.0.0.1", 8011)

    def test_wagtails_placeholder_home_page_is_removed(self, article):
        assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()

    def test_a_home_page_someone_edited_is_kept(self):
        home = Page.objects.get(slug="home")
        home.save_revision()

        load_demo()

        assert Page.objects.filter(pk=home.pk).exists()

    def test_the_clinic_has_only_the_facts_the_source_gives(self, article):
        clinic = ClinicLocation.objects.get()

        assert (clinic.name, clinic.city, clinic.region, clinic.country) == (
            "ABD Naturals",
            "St. Albert",
            "Alberta",
            "CA",
        )
        assert clinic.street_address == clinic.postal_code == clinic.phone == clinic.booking_url == ""

    def test_the_article_is_about_knee_conditions(self, article):
        assert set(Condition.objects.values_list("name", "body_area")) == {
            ("Knee pain", "knee"),
            ("Knee osteoarthritis", "knee"),
        }


class TestIdempotence:
    @staticmethod
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in [Page, Revision, Site, Technique, Condition, ClinicLocation, get_user_model()]
        }

    def test_running_twice_changes_nothing(self, article):
        before = self.counts()

        output = load_demo()

        assert self.counts() == before
        assert ArticlePage.objects.get(slug="massage-for-knee-pain").pk == article.pk
        assert "(unchanged)" in output

    def test_rerunning_resets_an_edited_demo_article(self, article):
        article.title = "An editor's rewrite"
        article.save_revision()
        pages = Page.objects.count()

        output = load_demo()

        article.refresh_from_db()
        assert "(updated)" in output
        assert article.title.startswith("Massage for Knee Pain")
        assert article.live and not article.has_unpublished_changes
        assert Page.objects.count() == pages

    def test_rerunning_restores_a_changed_library_technique(self, article):
        Technique.objects.filter(slug="swedish-massage").update(summary="Changed")

        load_demo()

        assert Technique.objects.get(slug="swedish-massage").summary == "Promotes relaxation and circulation"
        assert Technique.objects.count() == 4


class TestDemoEditor:
    @pytest.fixture(autouse=True)
    def development(self, settings):
        settings.DEBUG = True
        settings.DEMO_EDITOR = DEMO_EDITOR

    def test_no_account_without_asking_for_it(self):
        output = load_demo()

        assert not get_user_model().objects.exists()
        assert "password" not in output

    @pytest.mark.parametrize("setting", ["DEBUG", "DEMO_EDITOR"])
    def test_the_demo_editor_is_refused_outside_development(self, settings, setting):
        setattr(settings, setting, False if setting == "DEBUG" else None)

        with pytest.raises(CommandError, match="development only"):
            load_demo(editor=True)

        assert not get_user_model().objects.exists()
        assert not ArticlePage.objects.exists()

    def test_the_demo_editor_is_created_and_the_credentials_printed(self):
        output = load_demo(editor=True)

        user = get_user_model().objects.get(username="demo-editor")
        assert user.check_password("knee-pain-demo")
        assert not user.is_superuser
        assert set(user.groups.values_list("name", flat=True)) == {"Editors", "Moderators"}
        assert "'demo-editor'" in output and "'knee-pain-demo'" in output

    def test_a_rerun_restores_the_password_without_a_second_account(self):
        load_demo(editor=True)
        user = get_user_model().objects.get(username="demo-editor")
        user.set_password("something else")
        user.save()

        load_demo(editor=True)

        assert get_user_model().objects.filter(username="demo-editor").count() == 1
        assert get_user_model().objects.get(username="demo-editor").check_password("knee-pain-demo")

    def test_the_demo_reviewer_signs_off_what_the_demo_editor_submits(self, settings, client):
        settings.DEMO_REVIEWER = DEMO_REVIEWER
        output = load_demo(editor=True)
        users = get_user_model().objects
        editor, reviewer = users.get(username="demo-editor"), users.get(username="demo-reviewer")
        assert list(reviewer.groups.values_list("name", flat=True)) == ["Medical reviewers"]
        assert "'demo-reviewer'" in output
        article = ArticlePage.objects.get(slug="massage-for-knee-pain")
        article.save_revision(user=editor)
        task_state = article.get_workflow().start(article, editor).current_task_state

        client.force_login(reviewer)
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]),
            {"comment": ""},
        )

        article.refresh_from_db()
        assert article.medical_reviewer.user == reviewer
        assert article.last_reviewed is not None and not article.has_unpublished_changes

    def test_the_demo_editor_can_log_in_and_edit_the_demo_article(self, client):
        load_demo(editor=True)
        article = ArticlePage.objects.get(slug="massage-for-knee-pain")

        # django-axes (the login lockout) asks every authentication for its request.
        assert client.login(request=HttpRequest(), username="demo-editor", password="knee-pain-demo")
        response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

        assert response.status_code == 200
        assert "Types of Massage Used for Knee Pain Relief" in response.content.decode()

    def test_the_deployment_checks_warn_of_an_account_with_the_demo_password(self):
        load_demo(editor=True)
        messages = run_checks(include_deployment_checks=True)

        found = [message for message in messages if message.id == "articles.W001"]

        assert len(found) == 1 and "'demo-editor'" in found[0].msg

    def test_the_deployment_checks_pass_once_its_password_changed(self):
        load_demo(editor=True)
        user = get_user_model().objects.get(username="demo-editor")
        user.set_password("a long private passphrase")
        user.save()

        messages = run_checks(include_deployment_checks=True)

        assert not [message for message in messages if message.id == "articles.W001"]
