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


CLINIC = DATA / "clinic"
CLINIC_EXPORT = [
    CLINIC / name for name in ("blogs.json", "articles.json", "comments.json", "metafields.json")
]
MATRIXIFY = DATA / "matrixify"


def image_bytes(name, colour="teal"):
    """A small image file in the format its name says."""
    image = BytesIO()
    PillowImage.new("RGB", (8, 6), colour).save(image, "PNG" if name.endswith(".png") else "JPEG")
    return image.getvalue()


# The clinic export's image files, by the name their CDN address ends with.
CLINIC_IMAGES = {
    "neck-hero.jpg": image_bytes("neck-hero.jpg", "navy"),
    "neck-massage-therapist.jpg": image_bytes("neck-massage-therapist.jpg", "olive"),
    "treatment-room.png": image_bytes("treatment-room.png", "maroon"),
}


@pytest.fixture
def clinic_images(tmp_path):
    """A folder holding the clinic export's images, as `--images DIR` expects them."""
    folder = tmp_path / "images"
    folder.mkdir()
    for name, data in CLINIC_IMAGES.items():
        (folder / name).write_bytes(data)
    return folder
