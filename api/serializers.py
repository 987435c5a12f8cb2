"""The base of the API's model serializers."""

import copy

from rest_framework import serializers


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
