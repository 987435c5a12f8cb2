"""
The Shopify blog import (`manage.py import_shopify`, docs/importing.md).

source.py reads an export (files in the Admin API's JSON shape) into one internal shape, which
graphql.py also produces from a live store; mapping.py cuts an article's HTML into body blocks;
importer.py writes pages, library entries, authors, images and redirects. Comments are imported
by moderation/shopify.py, which sits above this app.
"""
