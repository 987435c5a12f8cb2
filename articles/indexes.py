"""Database indexes the models declare that Django cannot write the same way for every database."""

from django.db import models
from django.db.models.expressions import OrderBy


class NullsLastIndex(models.Index):
    """
    An index whose descending columns put NULLs last, as `F(...).desc(nulls_last=True)` says.
    PostgreSQL must be told (its descending default is NULLs first); SQLite puts them last in a
    descending index already, and refuses an index that says so.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = [_without_nulls_order(expression) for expression in self.expressions]
            return models.Index(*plain, name=self.name).create_sql(model, schema_editor, using, **kwargs)
        return super().create_sql(model, schema_editor, using, **kwargs)


def _without_nulls_order(expression):
    if isinstance(expression, OrderBy):
        return OrderBy(expression.expression, descending=expression.descending)
    return expression
