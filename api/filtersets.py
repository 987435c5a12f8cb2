"""The base of the API's FilterSets."""

from django_filters import rest_framework as filters


class FilterSet(filters.FilterSet):
    """
    django-filter's FilterSet, its form class built once per FilterSet class rather than for each
    request. The form's fields follow from the class's filters alone, and every form Django makes
    from a form class works on copies of its fields; building them again (a form field per filter,
    its label worked out from the model) took a twentieth of a moderation queue request.

    So a filter's form field must not depend on the request: a ModelChoiceFilter's queryset is a
    queryset here, never django-filter's callable of the request.
    """

    def get_form_class(self):
        owner = type(self)
        if "_form_class" not in owner.__dict__:
            owner._form_class = super().get_form_class()
        return owner._form_class
