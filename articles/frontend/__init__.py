"""
What the shop frontend and the content API get from an article: its addresses on the frontend
(addresses.py), images with their renditions (images.py), rich text as frontend HTML
(richtext.py), video players (embeds.py), the schema.org JSON-LD (jsonld.py), what a response
about several articles refers to, fetched in bulk (representation.py), and previews on the
frontend (preview.py). Import from the module, e.g. `from articles.frontend.addresses import
frontend_url`.
"""
