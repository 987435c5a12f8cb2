"""The API's own views beside its apps' routes."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import NotFound


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer like DRF's own 404s, in JSON, whatever the method."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
