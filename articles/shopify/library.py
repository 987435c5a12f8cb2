"""
The library entries an import finds or adds: techniques, authors and images.

Techniques and authors are matched by name (a technique by its slug too) and created when
missing. An image is the file named like its address in `--images DIR`, or, with `--shop`, the
file fetched from Shopify's CDN (reading/media.py); it is matched by content, so a re-run or a
second article showing the same photo adds no second copy. What cannot be had is reported
against the article being imported (`subject`), and the block or hero image is left out.
"""

import io
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db.models import Q
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from articles.snippets import Author, Technique

from .converting.mapping import Unfit
from .errors import describe
from .reading.media import MediaError, check_image

TECHNIQUE_NAME_MAX_LENGTH = Technique._meta.get_field("name").max_length
TECHNIQUE_SUMMARY_MAX_LENGTH = Technique._meta.get_field("summary").max_length
IMAGE_TEXT_MAX_LENGTH = 255


class Library:
    def __init__(self, *, report, images_dir=None, fetcher=None, dry_run=False):
        self.report = report
        self.images_dir = Path(images_dir) if images_dir else None
        self.fetcher = fetcher
        self.dry_run = dry_run
        self.subject = ""  # the article being imported, for warnings

    @property
    def has_media(self):
        """Whether image files can be had at all (--images or --shop): an import with them makes more."""
        return self.images_dir is not None or self.fetcher is not None

    def technique(self, name, line):
        """
        The library technique a techniques list names, created with the line as its summary when
        missing. A line that says more than the library's summary is kept as the item's application.
        """
        technique = Technique.objects.filter(Q(name__iexact=name) | Q(slug=slugify(name))).first()
        if technique is not None:
            return technique.pk, "" if technique.summary == line else line
        if len(name) > TECHNIQUE_NAME_MAX_LENGTH or len(line) > TECHNIQUE_SUMMARY_MAX_LENGTH:
            raise Unfit(f"the technique {name!r} is too long a name or line for the library")
        technique = Technique(name=name, slug=slugify(name), summary=line)
        try:
            technique.full_clean()
        except ValidationError as error:
            raise Unfit(f"the technique {name!r} cannot join the library ({describe(error)})") from error
        technique.save()
        self.report.count("library entries created", "techniques")
        self.report.change(f"technique {name!r}: added to the library")
        return technique.pk, ""

    def author(self, name):
        if not name:
            return None
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            author = Author.objects.create(name=name)
            self.report.count("library entries created", "authors")
            self.report.change(f"author {name!r}: added")
        return author

    def image(self, src, alt):
        """The id of the image at `src` (mapping.cut's callback for body images), or None."""
        image = self.image_object(src, alt)
        return image.pk if image is not None else None

    def image_object(self, src, alt):
        """The library image for `src`, added when new; None (reported) when its file cannot be had."""
        name = Path(unquote(urlsplit(src).path)).name or "image"
        try:
            data = self.image_bytes(src, name)
        except MediaError as error:
            known = self.imported_before(name)
            if known is not None:
                return known
            self.report.warn(self.subject, f"the image {name} was left out: {error}", kind="media")
            return None
        digest = hash_filelike(io.BytesIO(data))
        image_model = get_image_model()
        image = image_model.objects.filter(file_hash=digest).first()
        if image is not None or self.dry_run:
            return image
        alt = alt[:IMAGE_TEXT_MAX_LENGTH]
        image = image_model(title=alt or name, description=alt, file_hash=digest, file_size=len(data))
        image.file = ImageFile(io.BytesIO(data), name=name)
        image.save()
        self.report.count("library entries created", "images")
        self.report.change(f"image {name}: added")
        return image

    def imported_before(self, name):
        """
        The image an earlier import stored from a file of this name: a run without `--images`
        keeps the images a run with them brought, rather than dropping them from the bodies.
        """
        stem, suffix = os.path.splitext(name)
        pattern = rf"^original_images/{re.escape(stem)}(_[A-Za-z0-9]{{7}})?{re.escape(suffix)}$"
        return get_image_model().objects.filter(file__regex=pattern).order_by("pk").first()

    def image_bytes(self, src, name):
        if self.images_dir is not None:
            path = self.images_dir / name
            if path.is_file():
                data = path.read_bytes()
                check_image(name, data)
                return data
            if self.fetcher is None:
                raise MediaError(f"it is not in {self.images_dir}")
        if self.fetcher is not None:
            return self.fetcher.fetch(src)
        raise MediaError("give --images DIR (or --shop) to import it")
