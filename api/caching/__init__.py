"""
The server-side response cache of the public API and its invalidation (docs/caching.md).

- `generations`: change counters in the shared cache, bumped when content changes.
- `responses`: the view mixin that stores public responses and answers from them.
- `invalidation`: what each change (page, snippet, image, comment) makes stale.
- `purge`: the CDN in front of the API (wagtail.contrib.frontend_cache), purged for the same changes.
"""
