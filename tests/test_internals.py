"""
The library internals api/internals.py relies on are still there, shaped as it expects: an
upgrade of Django, DRF, django-filter or Wagtail that changes one fails here, naming it.
"""

import inspect

import pytest
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django_filters import rest_framework as filters
from rest_framework import serializers
from wagtail.signal_handlers import disable_reference_index_auto_update

from api import internals
from api.comments.filters import CommentQueueFilterSet
from api.comments.serializers import PublicCommentSerializer
from moderation.models import Comment


def parameters(function):
    return list(inspect.signature(function).parameters)


class TestDatabaseWrapper:
    def test_the_health_check_state_is_the_wrappers(self):
        for name in ("health_check_enabled", "health_check_done", "connection", "in_atomic_block"):
            assert hasattr(connection, name), f"DatabaseWrapper.{name} is gone"
        # Django runs the check from here unless health_check_done says it was done.
        source = inspect.getsource(BaseDatabaseWrapper.close_if_health_check_failed)
        assert "health_check_done" in source and "health_check_enabled" in source

    # serialized_rollback: a plain transactional test's flush re-creates the content types, which
    # the serialized_rollback tests that run after it then fail to restore (tests/caching).
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_a_kept_connection_is_checked_by_the_versions_query_alone(self):
        from api.caching import version

        connection.ensure_connection()
        kept = connection.health_check_enabled, connection.health_check_done
        connection.health_check_enabled, connection.health_check_done = True, False
        try:
            assert internals.health_check_pending(connection)
            version.current()
            assert connection.health_check_done is True
            assert not internals.health_check_pending(connection)
        finally:
            connection.health_check_enabled, connection.health_check_done = kept

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_on_commit_keeps_savepoint_callback_robust_triples(self):
        def callback():
            """Stands for the content version's mark."""

        with transaction.atomic():
            assert not internals.on_commit_pending(connection, callback)
            transaction.on_commit(callback)
            (savepoints, pending, robust), *_ = connection.run_on_commit
            assert (pending, robust) == (callback, False) and isinstance(savepoints, set)
            assert internals.on_commit_pending(connection, callback)


class TestPaginator:
    def test_page_hands_its_slice_to_get_page(self):
        assert parameters(Paginator._get_page) == ["self", "args", "kwargs"]
        source = inspect.getsource(Paginator.page)
        assert "self._get_page(self.object_list[bottom:top], number, self)" in source

    def test_page_rows_reads_the_slice(self):
        class Doubled(internals.PageRowsPaginator):
            def page_rows(self, object_list):
                return [item * 2 for item in object_list]

        assert list(Doubled(range(10), 3).page(2)) == [6, 8, 10]


class TestSerializerFields:
    def test_drf_builds_fields_without_arguments(self):
        assert parameters(serializers.ModelSerializer.get_fields) == ["self"]

    def test_the_copy_is_what_drf_builds(self):
        built = serializers.ModelSerializer.get_fields(PublicCommentSerializer())
        copied = PublicCommentSerializer().get_fields()
        assert list(copied) == list(built)
        assert [type(field) for field in copied.values()] == [type(field) for field in built.values()]
        assert copied is not PublicCommentSerializer().get_fields()


class TestFilterForm:
    def test_django_filter_builds_the_form_class_without_arguments(self):
        assert parameters(filters.FilterSet.get_form_class) == ["self"]

    def test_the_kept_form_class_has_the_fields_django_filter_builds(self):
        filterset = CommentQueueFilterSet(data={}, queryset=Comment.objects.none())
        built = filters.FilterSet.get_form_class(filterset)
        kept = filterset.get_form_class()
        assert list(kept.base_fields) == list(built.base_fields)
        assert kept is CommentQueueFilterSet(data={}, queryset=Comment.objects.none()).get_form_class()


class TestReferenceIndexSwitch:
    def test_it_reads_wagtails_documented_switch(self):
        assert not internals.reference_index_updates_disabled()
        with disable_reference_index_auto_update():
            assert internals.reference_index_updates_disabled()
        assert not internals.reference_index_updates_disabled()
