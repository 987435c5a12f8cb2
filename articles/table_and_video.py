"""
The body's table and video blocks: Wagtail's TableBlock and EmbedBlock, with what the JSON API
gives a frontend.

A table is `{"caption", "first_row_is_header", "first_column_is_header", "rows"}`, cells as
plain text (TableBlock's "text" renderer). A video is its page address with, for YouTube and
Vimeo, the player address a frontend puts in an iframe (built from the address by
articles/frontend/embeds.py, no call to the provider); other providers' `player_url` is null.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock

from .frontend.embeds import PLAYERS, video_of


class ArticleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        description = _("Rows and columns, e.g. techniques compared by pressure.")
        template = "articles/blocks/table.html"
        preview_value = {
            "data": [["Technique", "Pressure"], ["Swedish massage", "Light"], ["Deep tissue", "Firm"]],
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "",
        }

    def get_api_representation(self, value, context=None):
        value = value or {}
        return {
            "caption": value.get("table_caption") or "",
            "first_row_is_header": bool(value.get("first_row_is_table_header")),
            "first_column_is_header": bool(value.get("first_col_is_header")),
            "rows": [[cell or "" for cell in row] for row in value.get("data") or []],
        }


class VideoBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A YouTube or Vimeo video, by its address.")
        help_text = _("The video's address, e.g. https://www.youtube.com/watch?v=...")
        preview_value = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        template = "articles/blocks/video.html"

    def get_api_representation(self, value, context=None):
        url = value.url if value else ""
        video = video_of(url)
        return {
            "url": url,
            "provider": video[0] if video else "",
            "player_url": PLAYERS[video[0]].format(id=video[1]) if video else None,
        }
