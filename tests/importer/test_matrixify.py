"""Matrixify's Blog Posts export (CSV and XLSX) and files with a byte order mark."""

import csv
import io

import pytest
from django.core.management import CommandError
from openpyxl import load_workbook

from articles.models import ArticlePage
from moderation.models import Comment

from .conftest import DATA, MATRIXIFY, import_shopify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["blog-posts.csv", "blog-posts.xlsx"])
def test_a_matrixify_export_imports_posts_comments_and_seo(blog, name):
    output = import_shopify(MATRIXIFY / name)

    hip = ArticlePage.objects.get(shopify_id=558180001)
    assert hip.live and hip.slug == "hip-pain-massage"
    assert [child.block_type for child in hip.body] == ["paragraph", "contraindications", "techniques"]
    assert (hip.seo_title, hip.search_description) == (
        "Hip pain massage | ABD Naturals",
        "How massage helps hip pain, and when to wait.",
    )
    assert hip.first_published_at.isoformat() == "2024-08-01T15:00:00+00:00"
    gift = ArticlePage.objects.get(shopify_id=558180002)
    assert (gift.title, gift.live) == ("Gift Cards for the Holidays", False)
    comments = {comment.shopify_id: comment for comment in Comment.objects.all()}
    assert comments[653610001].status == "approved"
    assert (comments[653610002].status, comments[653610002].author_email) == ("pending", "")
    assert "its email 'omar@example' is not an address: left out" in output


def test_a_json_file_with_a_byte_order_mark_is_read(blog, tmp_path):
    path = tmp_path / "articles.json"
    path.write_text((DATA / "articles.json").read_text(), encoding="utf-8-sig")

    import_shopify(path, DATA / "blogs.json")

    assert ArticlePage.objects.filter(slug="massage-for-knee-pain").exists()


def broken_csv(tmp_path, **changes):
    """The Matrixify CSV with cells of its first post's row changed."""
    rows = list(csv.DictReader(io.StringIO((MATRIXIFY / "blog-posts.csv").read_text(encoding="utf-8-sig"))))
    rows[0].update(changes)
    path = tmp_path / "posts.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"ID": "hip"}, "posts.csv: row 2 (id hip): 'id' must be a number"),
        ({"Title": ""}, "posts.csv: row 2 (id 558180001): 'title' is missing"),
        (
            {"Published At": "next week"},
            "posts.csv: row 2 (id 558180001): 'published_at' is not a date and time",
        ),
        ({"Title": "\u200b\u202e"}, "posts.csv: row 2 (id 558180001): 'title' has no visible character"),
    ],
)
def test_a_refused_row_names_the_file_row_and_field(blog, tmp_path, changes, message):
    with pytest.raises(CommandError) as error:
        import_shopify(broken_csv(tmp_path, **changes))

    assert message in str(error.value)
    assert not ArticlePage.objects.exists()


def test_a_sheet_that_is_no_export_is_refused(blog, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("Name,Email,Total\n#1001,a@example.com,45.00\n")

    with pytest.raises(CommandError, match="orders.csv: not a Matrixify Blog Posts export"):
        import_shopify(path)


def test_a_file_that_is_no_workbook_is_refused(blog, tmp_path):
    path = tmp_path / "posts.xlsx"
    path.write_bytes(b"not a zip")

    with pytest.raises(CommandError, match="posts.xlsx: not an XLSX workbook"):
        import_shopify(path)


def test_the_xlsx_holds_what_the_csv_holds(blog):
    sheet = load_workbook(MATRIXIFY / "blog-posts.xlsx", read_only=True).worksheets[0]
    header = list(next(sheet.iter_rows(values_only=True)))

    with open(MATRIXIFY / "blog-posts.csv", encoding="utf-8-sig") as source:
        assert header == next(csv.reader(source))
