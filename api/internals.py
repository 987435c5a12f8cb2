"""
Every use of a library's private or undocumented internals, in one place. Each is kept only for a
gain measured on this project (the figures below: a loaded 2-core machine, `timeit`), and
tests/test_internals.py checks each internal it relies on, so a Django, DRF, django-filter or Wagtail
upgrade that changes one fails there, loudly, rather than silently here.

Dropped for saving microseconds or for having a public way: the permission cache now lives
under the project's own attribute (cms/auth.py), not Django's `_perm_cache`.
"""

import copy

from django.core.paginator import Paginator
from django_filters import rest_framework as filters
from rest_framework import serializers
from wagtail import signal_handlers

# Django's DatabaseWrapper: the health check CONN_HEALTH_CHECKS runs before a request's first
# query on a kept connection (`health_check_enabled`, `health_check_done`, `connection`,
# `in_atomic_block`). Gain: the check is a round trip of its own, `SELECT 1` on PostgreSQL, about
# 0.2 ms idle and 2 ms loaded, on every public read; the content version's query stands for it
# (api/caching/version.py).


def health_check_pending(connection):
    """Whether the next query is the first on a kept connection whose health is not yet checked."""
    return (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    )


def mark_health_checked(connection):
    """Tell Django the connection's health is checked: the caller's own query checks it."""
    connection.health_check_done = True


# Django's DatabaseWrapper.run_on_commit: the (savepoint ids, callback, robust) triples
# transaction.on_commit() keeps. Gain: not speed but correctness: the content version's time
# moves once per transaction (a publish bumps it several times), so Last-Modified never runs
# ahead of the clock; the mark is an on-commit callback, which a rollback (of a savepoint too)
# takes away with the bump, which no public API offers (api/caching/version.py).


def on_commit_pending(connection, callback):
    """Whether `callback` waits for the current transaction's commit (on_commit)."""
    return any(pending is callback for _savepoints, pending, _robust in connection.run_on_commit)


# Wagtail's signal handlers: whether the documented `disable_reference_index_auto_update()` is in
# force, read as Wagtail's own handler reads it (`reference_index_auto_update_disabled.value`).
# Gain: the Shopify import, which uses it, builds each article's references once rather than at
# each of its saves (bench/README.md: 65.7 s to 57.0 s of CPU for 500 articles), now that an
# article's save also updates them in its transaction (api/caching/invalidation.py).


def reference_index_updates_disabled():
    """Whether the code running now asked Wagtail not to update the reference index."""
    return getattr(signal_handlers.reference_index_auto_update_disabled, "value", False)


class PageRowsPaginator(Paginator):
    """
    A Paginator whose page's rows can be read differently from how they are counted and sliced:
    `page_rows()` gets the page's slice. It overrides `Paginator._get_page()`, the hook Django's
    docs name for another Page class, which receives the slice. Gain (in the query plan, not
    re-measured here): the article listing sorts and slices narrow rows, primary keys only, then
    loads the page's 20 rows whole, bodies included; the moderation queue's COUNT reads the
    comment table alone, and joins what moderators see for the page's rows only.
    """

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(self.page_rows(object_list), number, paginator)

    def page_rows(self, object_list):
        """The rows of one page, given its slice of the paginated list."""
        return object_list


# Relies on DRF's `get_fields()` depending on the serializer's class alone. Gain (loaded): DRF's
# get_fields() takes 2.0 ms for PublicCommentSerializer and 3.9 ms for the moderators' one, the
# copy 1.0 and 2.2 ms. (The docstring stays as it was: the OpenAPI document shows it for
# serializers without their own.)
class ModelSerializer(serializers.ModelSerializer):
    """
    DRF's ModelSerializer, its fields worked out from the model once per class, then copied for
    each serializer as DRF copies declared fields. ModelSerializer would introspect the model
    again for every serializer made, a twenty-fifth of a moderation queue request: its shape is
    the class's alone (none of ours changes its fields by context).
    """

    def get_fields(self):
        owner = type(self)
        if "_field_prototypes" not in owner.__dict__:
            owner._field_prototypes = super().get_fields()
        return copy.deepcopy(owner._field_prototypes)


class FilterSet(filters.FilterSet):
    """
    django-filter's FilterSet, its form class built once per FilterSet class rather than for each
    request. Relies on the form class following from the class's filters alone (every form Django
    makes from a form class works on copies of its fields), so a filter's form field must not
    depend on the request: a ModelChoiceFilter's queryset is a queryset here, never django-filter's
    callable of the request. Gain: 0.33 ms per request (CommentQueueFilterSet, loaded) against
    0.2 us: a twentieth of a moderation queue request.
    """

    def get_form_class(self):
        owner = type(self)
        if "_form_class" not in owner.__dict__:
            owner._form_class = super().get_form_class()
        return owner._form_class
