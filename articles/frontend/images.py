"""
Images as the API shows them: alt text, size, and named renditions with absolute URLs.

The renditions (ARTICLES_IMAGE_RENDITIONS) of every image in a response are read together:
`ImageSet.fetch()` costs two queries however many images there are. A rendition that was never
generated is generated on first use, as Wagtail does for templates.
"""

from wagtail.images import get_image_model

from ..conf import articles_settings
from .addresses import absolute_url


def rendition_specs():
    """Rendition name -> Wagtail filter spec, e.g. {"thumbnail": "fill-400x300"}."""
    return articles_settings.ARTICLES_IMAGE_RENDITIONS


class ImageSet:
    """Images by id, each able to describe itself with its renditions."""

    def __init__(self, images):
        self._images = {str(image.pk): image for image in images}

    @classmethod
    def fetch(cls, ids):
        """The images with these ids (missing ones are skipped), renditions prefetched."""
        ids = {pk for pk in ids if pk is not None}
        if not ids:
            return cls([])
        images = get_image_model().objects.filter(pk__in=ids)
        return cls(images.prefetch_renditions(*rendition_specs().values()))

    def represent(self, image, alt=None):
        """
        `{"alt", "width", "height", "renditions": {name: {"url", "width", "height"}}}` for an image
        or its id; None when there is no image. `alt` defaults to the image's own alt text.
        """
        image = self._images.get(str(getattr(image, "pk", image)))
        if image is None:
            return None
        specs = rendition_specs()
        renditions = image.get_renditions(*specs.values())
        return {
            "alt": image.default_alt_text if alt is None else alt,
            "width": image.width,
            "height": image.height,
            "renditions": {name: self._rendition(renditions[spec]) for name, spec in specs.items()},
        }

    def _rendition(self, rendition):
        return {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }


def image_api_representation(image, alt, context):
    """
    An image inside a block. The response's ImageSet comes in `context["images"]`; without one
    (a block represented on its own) the image is looked up alone.
    """
    context = context or {}
    images = context.get("images")
    if images is None:
        images = ImageSet.fetch([getattr(image, "pk", None)])
    return images.represent(image, alt=alt)
