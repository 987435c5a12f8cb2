"""
The Shopify blog import (`manage.py import_shopify`, docs/importing.md).

reading/ gets an export in: reading/source.py reads it (files in the Admin API's JSON shape) into
one internal shape and checks it, reading/files.py reads JSON, CSV and XLSX files, graphql.py a
live store into the same shape, and media.py fetches images from Shopify's CDN. converting/ turns
an article's HTML into body blocks: converting/mapping.py cuts it by the wordings of rules.py,
and survival.py checks that its text reached the page. At the top, the front door: importer.py
writes pages, library entries, authors, images and redirects; library.py finds or adds
techniques, authors and images, redirects.py carries the shop's own redirects over, lock.py keeps
to one import at a time, report.py counts and lists, errors.py describes errors. Comments are
imported by moderation/shopify.py, which sits above this app.
"""
