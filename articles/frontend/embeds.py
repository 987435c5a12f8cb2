"""
YouTube and Vimeo embeds built from the video's address, without asking the provider.

Wagtail's default oEmbed finder calls YouTube or Vimeo whenever an embed block is validated or
first rendered. For the two providers clinic posts use, the player iframe follows from the
video id alone, so this finder (a documented WAGTAILEMBEDS_FINDERS hook) builds it locally:
validating a body, importing a post or rendering a page never waits on another server, and
YouTube's privacy-enhanced domain sets no cookie until the reader presses play. Other
addresses fall through to the oEmbed finder listed after this one.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils.html import format_html
from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
PLAYERS = {
    "YouTube": "https://www.youtube-nocookie.com/embed/{id}",
    "Vimeo": "https://player.vimeo.com/video/{id}",
}
WATCH_URLS = {"YouTube": "https://www.youtube.com/watch?v={id}", "Vimeo": "https://vimeo.com/{id}"}
DEFAULT_SIZE = (640, 360)


def video_of(url):
    """`(provider, video id)` of a YouTube or Vimeo address (page, short link or player), else None."""
    parts = urlsplit(url or "")
    host = parts.hostname or ""
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.scheme not in ("http", "https", "") or not segments:
        return None
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0]
        elif segments[0] in ("embed", "shorts", "live", "v") and len(segments) > 1:
            candidate = segments[1]
        else:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        provider = "YouTube"
    elif host in VIMEO_HOSTS:
        candidate = segments[-1] if host != "player.vimeo.com" or segments[0] == "video" else ""
        provider = "Vimeo" if candidate.isdigit() else None
    else:
        return None
    return (provider, candidate) if provider and VIDEO_ID.match(candidate) else None


def watch_url(url):
    """The canonical page address of a YouTube or Vimeo video, else None."""
    video = video_of(url)
    return WATCH_URLS[video[0]].format(id=video[1]) if video else None


class VideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return video_of(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        provider, video_id = video_of(url)
        width = min(max_width or DEFAULT_SIZE[0], DEFAULT_SIZE[0])
        height = round(width * DEFAULT_SIZE[1] / DEFAULT_SIZE[0])
        if max_height:
            height = min(height, max_height)
        html = format_html(
            '<iframe src="{}" width="{}" height="{}" title="{} video" frameborder="0" '
            'allow="encrypted-media; picture-in-picture" allowfullscreen loading="lazy"></iframe>',
            PLAYERS[provider].format(id=video_id),
            width,
            height,
            provider,
        )
        return {
            "title": "",
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": None,
            "width": width,
            "height": height,
            "html": html,
        }


embed_finder_class = VideoFinder
