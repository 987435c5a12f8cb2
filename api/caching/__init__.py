"""
The public API's caching, all of it (docs/caching.md):

- `version`: the content version in the database, moved by every change readers can see;
- `invalidation`: which changes those are (model signals), and the CDN purges they make;
- `responses`: public GET responses stored in the cache under the version;
- `http`: ETag, Last-Modified, 304 and Cache-Control;
- `purge`: the CDN in front of the API (wagtail.contrib.frontend_cache).
"""
