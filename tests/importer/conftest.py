from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PillowImage
from rest_framework.test import APIClient

from tests.factories import blog_index

DATA = Path(__file__).parent / "data"
EXPORT = [DATA / "articles.json", DATA / "comments.json", DATA / "blogs.json"]


def import_shopify(*args, **options):
    """Run the command; its standard output."""
    out, err = StringIO(), StringIO()
    call_command("import_shopify", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue()


@pytest.fixture
def blog(db):
    return blog_index()


@pytest.fixture
def images_dir(tmp_path):
    """A folder holding the knee-pain article's image, named as in the export's image src."""
    image = BytesIO()
    PillowImage.new("RGB", (4, 3), "teal").save(image, "PNG")
    (tmp_path / "knee-massage.png").write_bytes(image.getvalue())
    return tmp_path


@pytest.fixture
def api():
    """A reader's API client, without credentials."""
    return APIClient()
